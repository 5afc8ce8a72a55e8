package schema_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/reporttext"
	"jixiao/ent/schema/schematest"
	"jixiao/ent/transition"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// refusedField is the input field a hook's refusal names, "" when it let the
// change through, or the error itself when it is not an input error.
func refusedField(err error) string {
	var ie *inputerr.Error
	var nf *inputerr.NotFound
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ie):
		return ie.Field
	case errors.As(err, &nf):
		return nf.Field + " (not found)"
	}
	return err.Error()
}

func d(n int64) fixed.Decimal { return fixed.FromInt(n) }

// inTx runs change as the server in a transaction it rolls back.
func inTx(t *testing.T, c *ent.Client, change func(ctx context.Context, c *ent.Client) error) error {
	t.Helper()
	tx, err := c.Tx(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	return change(access.System(context.Background(), "test"), tx.Client())
}

// TestIndicatorRules: what each kind of indicator may and must have, and where it belongs.
func TestIndicatorRules(t *testing.T) {
	type build func(tr *schematest.Tree, c *ent.Client) *ent.IndicatorCreate
	overall := func(tr *schematest.Tree, c *ent.Client) *ent.IndicatorCreate {
		return c.Indicator.Create().SetDepartmentYearID(tr.ChildYear.Year.ID).SetLevel1("l1").SetLevel2("l2").SetName("n").SetWeight(d(10))
	}
	quantitative := func(tr *schematest.Tree, c *ent.Client) *ent.IndicatorCreate {
		return overall(tr, c).SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).SetTarget(d(10))
	}
	qualitative := func(tr *schematest.Tree, c *ent.Client) *ent.IndicatorCreate {
		return overall(tr, c).SetKind(indicator.KindQUALITATIVE)
	}
	with := func(b build, f func(*ent.IndicatorCreate, *schematest.Tree)) build {
		return func(tr *schematest.Tree, c *ent.Client) *ent.IndicatorCreate {
			q := b(tr, c)
			f(q, tr)
			return q
		}
	}
	creates := []struct {
		name  string
		build build
		field string // "" when the indicator is accepted
	}{
		{"a quantitative indicator", quantitative, ""},
		{"quantitative without an operator", with(overall, func(q *ent.IndicatorCreate, _ *schematest.Tree) {
			q.SetKind(indicator.KindQUANTITATIVE).SetTarget(d(10))
		}), "operator"},
		{"quantitative without a target", with(overall, func(q *ent.IndicatorCreate, _ *schematest.Tree) {
			q.SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast)
		}), "target"},
		{"quantitative with a rating", with(quantitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetRating(indicator.RatingACHIEVED) }), "rating"},
		{"quantitative with a rated score", with(quantitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetRatedScore(d(5)) }), "ratedScore"},
		{"bound and typed", with(quantitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) {
			q.SetBinding(indicator.BindingEXECUTION_RATE).SetActual(d(5))
		}), "actual"},
		{"bound to a formula", with(quantitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetBinding(indicator.BindingEXECUTION_RATE) }), ""},
		{"a qualitative indicator rated inside its band", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) {
			q.SetRating(indicator.RatingACHIEVED).SetRatedScore(d(9))
		}), ""},
		{"qualitative rated outside its band", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) {
			q.SetRating(indicator.RatingACHIEVED).SetRatedScore(d(2))
		}), "ratedScore"},
		{"qualitative with a score and no rating", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetRatedScore(d(9)) }), "rating"},
		{"qualitative with an operator", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetOperator(indicator.OperatorAtLeast) }), "operator"},
		{"qualitative with a target", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetTarget(d(1)) }), "target"},
		{"qualitative with an actual value", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetActual(d(1)) }), "actual"},
		{"qualitative with a binding", with(qualitative, func(q *ent.IndicatorCreate, _ *schematest.Tree) { q.SetBinding(indicator.BindingEXECUTION_RATE) }), "binding"},
		{"of a missing department-year", with(quantitative, func(q *ent.IndicatorCreate, tr *schematest.Tree) {
			q.SetDepartmentYearID(tr.OtherYear.Year.ID + 1000)
		}), "departmentYearID (not found)"},
		{"of a project in another year", with(quantitative, func(q *ent.IndicatorCreate, tr *schematest.Tree) {
			q.SetProjectID(tr.RootYear.Project.ID)
		}), "projectID"},
		{"of a missing project", with(quantitative, func(q *ent.IndicatorCreate, tr *schematest.Tree) {
			q.SetProjectID(tr.ChildYear.Project.ID + 1000)
		}), "projectID (not found)"},
		{"of a project and bound to a formula", with(quantitative, func(q *ent.IndicatorCreate, tr *schematest.Tree) {
			q.SetProjectID(tr.ChildYear.Project.ID).SetBinding(indicator.BindingEXECUTION_RATE)
		}), "binding"},
	}
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		for _, tt := range creates {
			t.Run("create "+tt.name, func(t *testing.T) {
				err := inTx(t, c, func(ctx context.Context, c *ent.Client) error { return tt.build(tr, c).Exec(ctx) })
				if got := refusedField(err); got != tt.field {
					t.Errorf("refused field %q, want %q (%v)", got, tt.field, err)
				}
			})
		}
		// An update is checked against the row as it will be: the stored kind with the new values.
		updates := []struct {
			name   string
			update func(*ent.IndicatorUpdateOne) *ent.IndicatorUpdateOne
			field  string
		}{
			{"clear a quantitative indicator's target", func(u *ent.IndicatorUpdateOne) *ent.IndicatorUpdateOne { return u.ClearTarget() }, "target"},
			{"rate a quantitative indicator", func(u *ent.IndicatorUpdateOne) *ent.IndicatorUpdateOne { return u.SetRating(indicator.RatingPARTIAL) }, "rating"},
			{"make it qualitative and keep its operator", func(u *ent.IndicatorUpdateOne) *ent.IndicatorUpdateOne {
				return u.SetKind(indicator.KindQUALITATIVE)
			}, "operator"},
			{"make it qualitative with nothing numeric", func(u *ent.IndicatorUpdateOne) *ent.IndicatorUpdateOne {
				return u.SetKind(indicator.KindQUALITATIVE).ClearOperator().ClearTarget()
			}, ""},
			{"change its target", func(u *ent.IndicatorUpdateOne) *ent.IndicatorUpdateOne { return u.SetTarget(d(50)) }, ""},
		}
		for _, tt := range updates {
			t.Run("update: "+tt.name, func(t *testing.T) {
				err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
					return tt.update(c.Indicator.UpdateOneID(tr.ChildYear.OverallIndicator.ID)).Exec(ctx)
				})
				if got := refusedField(err); got != tt.field {
					t.Errorf("refused field %q, want %q (%v)", got, tt.field, err)
				}
			})
		}
		t.Run("bulk update", func(t *testing.T) {
			err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
				return c.Indicator.Update().SetTarget(d(1)).Exec(ctx)
			})
			if err == nil {
				t.Error("a bulk update of indicators was accepted; the kind rules see one row at a time")
			}
		})
	})
}

// TestDepartmentTree: paths are the ancestors' ids, kept true when a department moves.
func TestDepartmentTree(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		ctx := access.System(context.Background(), "test")
		grandchild, err := c.Department.Create().SetCode("GRAND").SetName("g").SetParentID(tr.Child.ID).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pathOf := func(ctx context.Context, c *ent.Client, id int) string {
			return c.Department.Query().Where(department.ID(id)).OnlyX(ctx).Path
		}
		root := fmt.Sprintf("/%d/", tr.Root.ID)
		for _, tt := range []struct{ name, got, want string }{
			{"a root department", tr.Root.Path, "/"},
			{"a child", tr.Child.Path, root},
			{"a grandchild", grandchild.Path, fmt.Sprintf("/%d/%d/", tr.Root.ID, tr.Child.ID)},
		} {
			if tt.got != tt.want {
				t.Errorf("%s: path %q, want %q", tt.name, tt.got, tt.want)
			}
		}
		t.Run("moving a department re-roots its subtree", func(t *testing.T) {
			err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
				if err := c.Department.UpdateOneID(tr.Child.ID).SetParentID(tr.Other.ID).Exec(ctx); err != nil {
					return err
				}
				if got, want := pathOf(ctx, c, tr.Child.ID), fmt.Sprintf("/%d/", tr.Other.ID); got != want {
					t.Errorf("moved child: path %q, want %q", got, want)
				}
				if got, want := pathOf(ctx, c, grandchild.ID), fmt.Sprintf("/%d/%d/", tr.Other.ID, tr.Child.ID); got != want {
					t.Errorf("its child: path %q, want %q", got, want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		t.Run("clearing the parent makes a root", func(t *testing.T) {
			err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
				if err := c.Department.UpdateOneID(tr.Child.ID).ClearParentID().Exec(ctx); err != nil {
					return err
				}
				if got := pathOf(ctx, c, grandchild.ID); got != fmt.Sprintf("/%d/", tr.Child.ID) {
					t.Errorf("grandchild: path %q, want /%d/", got, tr.Child.ID)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		for _, tt := range []struct {
			name   string
			parent func() int
			field  string
		}{
			{"under its own child", func() int { return grandchild.ID }, "parentID"},
			{"under itself", func() int { return tr.Child.ID }, "parentID"},
			{"under a missing department", func() int { return grandchild.ID + 1000 }, "parentID (not found)"},
		} {
			t.Run("moving a department "+tt.name, func(t *testing.T) {
				err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
					return c.Department.UpdateOneID(tr.Child.ID).SetParentID(tt.parent()).Exec(ctx)
				})
				if got := refusedField(err); got != tt.field {
					t.Errorf("refused field %q, want %q (%v)", got, tt.field, err)
				}
			})
		}
	})
}

// TestParentsExist: a row of a missing department-year or department names the
// field that points nowhere, instead of failing on a foreign key.
func TestParentsExist(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		missing := tr.OtherYear.Year.ID + 1000
		for _, tt := range []struct {
			name   string
			create func(ctx context.Context, c *ent.Client) error
			field  string
		}{
			{"key task", func(ctx context.Context, c *ent.Client) error {
				return c.KeyTask.Create().SetDepartmentYearID(missing).SetTitle("t").Exec(ctx)
			}, "departmentYearID (not found)"},
			{"month", func(ctx context.Context, c *ent.Client) error {
				return c.MonthlyExecution.Create().SetDepartmentYearID(missing).SetMonth(1).Exec(ctx)
			}, "departmentYearID (not found)"},
			{"project", func(ctx context.Context, c *ent.Client) error {
				return c.Project.Create().SetDepartmentYearID(missing).SetName("p").Exec(ctx)
			}, "departmentYearID (not found)"},
			{"department-year", func(ctx context.Context, c *ent.Client) error {
				return c.DepartmentYear.Create().SetDepartmentID(tr.Other.ID + 1000).SetYear(2024).Exec(ctx)
			}, "departmentID (not found)"},
			{"evaluation", func(ctx context.Context, c *ent.Client) error {
				return c.Evaluation.Create().SetDepartmentYearID(missing).Exec(ctx)
			}, "departmentYearID (not found)"},
			{"evaluation of another year's project", func(ctx context.Context, c *ent.Client) error {
				return c.Evaluation.Create().SetDepartmentYearID(tr.OtherYear.Year.ID).SetProjectID(tr.RootYear.Project.ID).Exec(ctx)
			}, "projectID"},
			{"key task of an existing year", func(ctx context.Context, c *ent.Client) error {
				return c.KeyTask.Create().SetDepartmentYearID(tr.OtherYear.Year.ID).SetTitle("t").Exec(ctx)
			}, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got := refusedField(inTx(t, c, tt.create)); got != tt.field {
					t.Errorf("refused field %q, want %q", got, tt.field)
				}
			})
		}
	})
}

// TestTransitionsRecorded: every status change leaves one transition with its
// actor and comment; other changes leave none.
func TestTransitionsRecorded(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		sys := access.System(context.Background(), "test")
		count := func() int { return c.Transition.Query().CountX(sys) }
		before := count()
		reviewer := viewer.Viewer{Kind: viewer.User, ID: 42, Name: "reviewer", Role: viewer.Reviewer}
		ctx := viewer.NewContext(context.Background(), reviewer)
		ev := tr.OtherYear.Overall // SUBMITTED
		if err := c.Evaluation.UpdateOne(ev).SetStatus(evaluation.StatusRETURNED).SetReviewComment("add the figures").Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c.Evaluation.UpdateOne(tr.ChildYear.Overall).SetConclusion("no status change").Exec(sys); err != nil {
			t.Fatal(err)
		}
		if got := count() - before; got != 1 {
			t.Fatalf("%d transitions recorded for one status change and one other change; want 1", got)
		}
		got := c.Transition.Query().Where(transition.EvaluationID(ev.ID)).Order(ent.Desc(transition.FieldID)).FirstX(sys)
		if got.From != transition.FromSUBMITTED || got.To != transition.ToRETURNED || got.Comment != "add the figures" ||
			got.ActorName != "reviewer" || got.ActorID == nil || *got.ActorID != 42 {
			t.Errorf("recorded %s → %s, comment %q, by %q (%v); want SUBMITTED → RETURNED, \"add the figures\", by reviewer 42",
				got.From, got.To, got.Comment, got.ActorName, got.ActorID)
		}
	})
}

// TestUserRules: an editor needs the department whose subtree they edit.
func TestUserRules(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		sys := access.System(context.Background(), "test")
		analyst, err := c.User.Create().SetUsername("ann").SetRole("ANALYST").SetPasswordHash("x").Save(sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name   string
			change func(ctx context.Context, c *ent.Client) error
			field  string
		}{
			{"an editor without a department", func(ctx context.Context, c *ent.Client) error {
				return c.User.Create().SetUsername("ed").SetRole("EDITOR").SetPasswordHash("x").Exec(ctx)
			}, "departmentID"},
			{"an editor with a department", func(ctx context.Context, c *ent.Client) error {
				return c.User.Create().SetUsername("ed").SetRole("EDITOR").SetDepartmentID(tr.Child.ID).SetPasswordHash("x").Exec(ctx)
			}, ""},
			{"an analyst made an editor without a department", func(ctx context.Context, c *ent.Client) error {
				return c.User.UpdateOne(analyst).SetRole("EDITOR").Exec(ctx)
			}, "departmentID"},
			{"an analyst made an editor of a department", func(ctx context.Context, c *ent.Client) error {
				return c.User.UpdateOne(analyst).SetRole("EDITOR").SetDepartmentID(tr.Child.ID).Exec(ctx)
			}, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got := refusedField(inTx(t, c, tt.change)); got != tt.field {
					t.Errorf("refused field %q, want %q", got, tt.field)
				}
			})
		}
		t.Run("bulk update", func(t *testing.T) {
			if err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
				return c.User.Update().SetDisplayName("x").Exec(ctx)
			}); err == nil {
				t.Error("a bulk update of users was accepted; the role rules see one row at a time")
			}
		})
	})
}

// TestReportTextRules: a report text belongs to a section of its evaluation's kind
// of report whose text the department writes into a ReportText; its text is
// bounded; an evaluation's delete takes its texts with it.
func TestReportTextRules(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		overall, project := tr.ChildYear.Overall.ID, tr.ChildYear.ProjectEvaluation.ID
		for _, tt := range []struct {
			name       string
			evaluation int
			section    string
			text       string
			refused    string
		}{
			{"a department section", overall, "2.3.4", "按规定开展绩效管理。", ""},
			{"a project section", project, "2.2", "资金使用规范。", ""},
			{"a generated section", overall, "2.2.2", "产出", "section"},
			{"the conclusion, a field of the evaluation", overall, "2.1", "结论", "section"},
			{"a department section in a project's report", project, "1.5", "绩效管理", "section"},
			{"no such section", overall, "9.9", "x", "section"},
			{"no text", overall, "2.3.1", "", "text"},
			{"a text of 10,001 characters", overall, "2.3.1", strings.Repeat("字", 10001), "text"},
			{"a text of 10,000 characters", overall, "2.3.1", strings.Repeat("字", 10000), ""},
			{"no such evaluation", overall + 1000, "2.3.1", "x", "evaluationID (not found)"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
					return c.ReportText.Create().SetEvaluationID(tt.evaluation).SetSection(tt.section).SetText(tt.text).Exec(ctx)
				})
				got := refusedField(err)
				var ve *ent.ValidationError
				if errors.As(err, &ve) {
					got = ve.Name // a field's own validator: the API names the field
				}
				if got != tt.refused {
					t.Errorf("refused on %q, want %q (%v)", got, tt.refused, err)
				}
			})
		}
		draft := tr.RootYear.ProjectEvaluation.ID // a draft with no transitions
		err := inTx(t, c, func(ctx context.Context, c *ent.Client) error {
			if err := c.ReportText.Create().SetEvaluationID(draft).SetSection("1.1").SetText("概况").Exec(ctx); err != nil {
				return err
			}
			if err := c.Evaluation.DeleteOneID(draft).Exec(ctx); err != nil {
				return err
			}
			if n := c.ReportText.Query().Where(reporttext.EvaluationID(draft)).CountX(ctx); n != 0 {
				return fmt.Errorf("%d texts outlived their evaluation", n)
			}
			return nil
		})
		if err != nil {
			t.Errorf("deleting an evaluation with its texts: %v", err)
		}
	})
}
