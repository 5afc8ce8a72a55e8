package access_test

import (
	"context"
	"errors"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/privacy"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/viewer"
)

// A write's outcome: allowed, or refused with one of these.
const (
	allowed = "allowed"
	locked  = "LOCKED"
)

// writeOutcome names a write's result the way the rules' table does.
func writeOutcome(err error) string {
	var le *access.LockedError
	switch {
	case err == nil:
		return allowed
	case errors.As(err, &le):
		return locked
	case errors.Is(err, access.ErrUnauthenticated):
		return signIn
	case errors.Is(err, privacy.Deny):
		return forbidden
	}
	return err.Error()
}

// TestWriteRules tries each change as each viewer, in a transaction it rolls
// back, so that every case starts from the fixture.
func TestWriteRules(t *testing.T) {
	type change func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error
	editIndicator := func(y func(*schematest.Tree) *ent.Indicator) change {
		return func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Indicator.UpdateOne(y(tr)).SetTarget(fixed.FromInt(20)).Exec(ctx)
		}
	}
	move := func(ev func(*schematest.Tree) *ent.Evaluation, to evaluation.Status) change {
		return func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Evaluation.UpdateOne(ev(tr)).SetStatus(to).Exec(ctx)
		}
	}
	childOverall := func(tr *schematest.Tree) *ent.Evaluation { return tr.ChildYear.Overall }
	otherOverall := func(tr *schematest.Tree) *ent.Evaluation { return tr.OtherYear.Overall }
	rootOverall := func(tr *schematest.Tree) *ent.Evaluation { return tr.RootYear.Overall }
	childIndicator := func(tr *schematest.Tree) *ent.Indicator { return tr.ChildYear.OverallIndicator }
	rootIndicator := func(tr *schematest.Tree) *ent.Indicator { return tr.RootYear.OverallIndicator }
	rootProjectIndicator := func(tr *schematest.Tree) *ent.Indicator { return tr.RootYear.ProjectIndicator }
	otherIndicator := func(tr *schematest.Tree) *ent.Indicator { return tr.OtherYear.OverallIndicator }
	editLine := func(l func(*schematest.Tree) *ent.FundingLine) change {
		return func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.FundingLine.UpdateOne(l(tr)).SetExecuted(fixed.FromInt(5)).Exec(ctx)
		}
	}
	writeText := func(ev func(*schematest.Tree) *ent.Evaluation) change {
		return func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.ReportText.Create().SetEvaluationID(ev(tr).ID).SetSection("2.3.1").SetText("按要求编制预算。").Exec(ctx)
		}
	}
	editText := func(text func(*schematest.Tree) *ent.ReportText) change {
		return func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.ReportText.UpdateOne(text(tr)).SetText("改写").Exec(ctx)
		}
	}

	tests := []struct {
		who, what string
		change    change
		want      string
	}{
		// Editors: their subtree, while it is not under review.
		{"editor/root", "edit a draft year's indicator in the subtree (CHILD)", editIndicator(childIndicator), allowed},
		{"editor/child", "edit an indicator of the parent department (ROOT)", editIndicator(rootProjectIndicator), forbidden},
		{"editor/child", "edit an indicator of another department (OTHER)", editIndicator(otherIndicator), forbidden},
		{"editor/root", "edit an overall indicator of a published evaluation", editIndicator(rootIndicator), locked},
		{"editor/root", "edit a draft project's indicator in a published year", editIndicator(rootProjectIndicator), allowed},
		{"editor/other", "edit an indicator of a submitted evaluation", editIndicator(otherIndicator), locked},
		{"editor/child", "submit their draft", move(childOverall, evaluation.StatusSUBMITTED), allowed},
		{"editor/child", "approve their own draft", move(childOverall, evaluation.StatusAPPROVED), forbidden},
		{"editor/other", "return their submitted evaluation", move(otherOverall, evaluation.StatusRETURNED), forbidden},
		{"editor/child", "write a review comment", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Evaluation.UpdateOne(tr.ChildYear.Overall).SetReviewComment("fine").Exec(ctx)
		}, forbidden},
		{"editor/child", "add a year to their department", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.DepartmentYear.Create().SetDepartmentID(tr.Child.ID).SetYear(2024).Exec(ctx)
		}, allowed},
		{"editor/child", "add a year to another department", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.DepartmentYear.Create().SetDepartmentID(tr.Other.ID).SetYear(2024).Exec(ctx)
		}, forbidden},
		{"editor/root", "rename their department", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Department.UpdateOne(tr.Root).SetName("new").Exec(ctx)
		}, forbidden},
		{"editor/child", "add a month to their year", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.MonthlyExecution.Create().SetDepartmentYearID(tr.ChildYear.Year.ID).SetMonth(2).Exec(ctx)
		}, allowed},
		{"editor/root", "add a key task to a published year", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.KeyTask.Create().SetDepartmentYearID(tr.RootYear.Year.ID).SetTitle("t").Exec(ctx)
		}, locked},
		{"editor/root", "create a user", createUser, forbidden},
		// Funding lines: a year's revenue lines lock with its overall evaluation, a
		// project's source lines with the project's evaluation.
		{"editor/root", "edit a published year's revenue line", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.RootYear.Revenue }), locked},
		{"editor/root", "edit a draft project's source line in a published year", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.RootYear.ProjectSource }), allowed},
		{"editor/root", "edit a published project's source line (CHILD)", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.ChildYear.ProjectSource }), locked},
		{"editor/root", "edit a draft year's revenue line in the subtree (CHILD)", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.ChildYear.Revenue }), allowed},
		{"editor/child", "edit a revenue line of another department (OTHER)", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.OtherYear.Revenue }), forbidden},
		{"editor/child", "add a revenue line to their year", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.FundingLine.Create().SetDepartmentYearID(tr.ChildYear.Year.ID).SetCategory(fundingline.CategoryUNIT_FUNDS).Exec(ctx)
		}, allowed},
		{"editor/child", "add a revenue line to another department's year", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.FundingLine.Create().SetDepartmentYearID(tr.RootYear.Year.ID).SetCategory(fundingline.CategoryUNIT_FUNDS).Exec(ctx)
		}, forbidden},
		{"reviewer", "edit a revenue line", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.OtherYear.Revenue }), forbidden},
		{"token", "edit a revenue line", editLine(func(tr *schematest.Tree) *ent.FundingLine { return tr.ChildYear.Revenue }), forbidden},
		{"editor/child", "write a report text of their draft", writeText(func(tr *schematest.Tree) *ent.Evaluation { return tr.ChildYear.Overall }), allowed},
		{"editor/child", "change a report text of their draft", editText(func(tr *schematest.Tree) *ent.ReportText { return tr.ChildYear.OverallText }), allowed},
		{"editor/other", "change a report text of a submitted evaluation", editText(func(tr *schematest.Tree) *ent.ReportText { return tr.OtherYear.OverallText }), locked},
		{"editor/other", "write a report text of a submitted evaluation", writeText(otherOverall), locked},
		{"editor/child", "change a report text of another department (OTHER)", editText(func(tr *schematest.Tree) *ent.ReportText { return tr.OtherYear.OverallText }), forbidden},
		{"editor/child", "write a report text of another department (OTHER)", writeText(otherOverall), forbidden},

		// Reviewers: their workflow steps and nothing else.
		{"reviewer", "approve a submission", move(otherOverall, evaluation.StatusAPPROVED), allowed},
		{"reviewer", "return a submission", move(otherOverall, evaluation.StatusRETURNED), allowed},
		{"reviewer", "submit a draft", move(childOverall, evaluation.StatusSUBMITTED), forbidden},
		{"reviewer", "move a published evaluation back to draft", move(rootOverall, evaluation.StatusDRAFT), forbidden},
		{"reviewer", "edit an indicator", editIndicator(childIndicator), forbidden},
		{"reviewer", "change a report text", editText(func(tr *schematest.Tree) *ent.ReportText { return tr.OtherYear.OverallText }), forbidden},
		{"reviewer", "edit an evaluation's conclusion", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Evaluation.UpdateOne(tr.OtherYear.Overall).SetConclusion("x").Exec(ctx)
		}, forbidden},

		// Administrators: everything but the server's own records.
		{"admin", "edit a published evaluation's indicator", editIndicator(rootIndicator), allowed},
		{"admin", "create a user", createUser, allowed},
		{"admin", "change a published evaluation's report text", editText(func(tr *schematest.Tree) *ent.ReportText { return tr.RootYear.OverallText }), allowed},
		{"admin", "write a transition", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Transition.Create().SetEvaluationID(tr.ChildYear.Overall.ID).
				SetFrom("DRAFT").SetTo("SUBMITTED").SetActorName("x").Exec(ctx)
		}, forbidden},

		// Everybody else reads only.
		{"analyst", "edit an indicator", editIndicator(childIndicator), forbidden},
		{"token", "edit an indicator", editIndicator(childIndicator), forbidden},
		{"token/other", "edit an indicator of its own department", editIndicator(otherIndicator), forbidden},
		{"anonymous", "edit an indicator", editIndicator(childIndicator), signIn},
		{"anonymous", "create a user", createUser, signIn},
		{"anonymous", "write a report text", writeText(childOverall), signIn},
		{"token", "write a report text", writeText(childOverall), forbidden},
	}
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		vs := viewers(tr)
		for _, tt := range tests {
			t.Run(tt.who+"/"+tt.what, func(t *testing.T) {
				tx, err := c.Tx(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback()
				got := writeOutcome(tt.change(viewer.NewContext(context.Background(), vs[tt.who]), tx.Client(), tr))
				if got != tt.want {
					t.Errorf("%s: %s; the rule says %s", tt.who, got, tt.want)
				}
			})
		}
	})
}

func createUser(ctx context.Context, c *ent.Client, _ *schematest.Tree) error {
	return c.User.Create().SetUsername("newuser").SetRole("ANALYST").SetPasswordHash("x").Exec(ctx)
}
