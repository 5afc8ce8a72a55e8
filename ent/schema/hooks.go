package schema

// Hooks that keep rules spanning several fields or rows. They run inside the
// mutation's transaction and report problems as inputerr errors naming the field.

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"entgo.io/ent"

	"jixiao/domain/fixed"
	"jixiao/domain/funding"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/privacy"
	"jixiao/ent/project"
	"jixiao/ent/transition"
	"jixiao/ent/user"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// after returns the value a field will hold once the mutation is applied: the new
// value, nil when it is cleared, otherwise (updates) the stored one.
func after[T any](ctx context.Context, op ent.Op, set func() (T, bool), cleared bool, old func(context.Context) (*T, error)) (*T, error) {
	if v, ok := set(); ok {
		return &v, nil
	}
	if cleared || !op.Is(ent.OpUpdateOne) {
		return nil, nil
	}
	return old(ctx)
}

// oneRowOnly rejects bulk updates, whose rows the cross-field rules cannot see one by one.
func oneRowOnly(op ent.Op, entity string) error {
	if op.Is(ent.OpUpdate) {
		return fmt.Errorf("%s: bulk updates are not supported; update one row at a time", entity)
	}
	return nil
}

// indicatorRules checks kind against operator, target, actual, binding and rating,
// the qualitative band, and that a project indicator's project belongs to its department-year.
func indicatorRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.IndicatorFunc(func(ctx context.Context, m *gen.IndicatorMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "indicator"); err != nil {
				return nil, err
			}
			normaliseLevels(m)
			if err := checkIndicator(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

// normaliseLevels trims level names and collapses their inner whitespace, so that
// "产出指标 " and "产出指标" make one subtotal group, not two.
func normaliseLevels(m *gen.IndicatorMutation) {
	if v, ok := m.Level1(); ok {
		m.SetLevel1(NormaliseName(v))
	}
	if v, ok := m.Level2(); ok {
		m.SetLevel2(NormaliseName(v))
	}
}

// NormaliseName trims s and turns every run of whitespace inside it (ideographic
// spaces included) into one space.
func NormaliseName(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkIndicator(ctx context.Context, m *gen.IndicatorMutation) error {
	op := m.Op()
	kind, err := after(ctx, op, m.Kind, false, func(ctx context.Context) (*indicator.Kind, error) {
		k, err := m.OldKind(ctx)
		return &k, err
	})
	if err != nil {
		return err
	}
	operator, err := after(ctx, op, m.Operator, m.OperatorCleared(), m.OldOperator)
	if err != nil {
		return err
	}
	target, err := after(ctx, op, m.Target, m.TargetCleared(), m.OldTarget)
	if err != nil {
		return err
	}
	actual, err := after(ctx, op, m.Actual, m.ActualCleared(), m.OldActual)
	if err != nil {
		return err
	}
	binding, err := after(ctx, op, m.Binding, m.BindingCleared(), m.OldBinding)
	if err != nil {
		return err
	}
	rating, err := after(ctx, op, m.Rating, m.RatingCleared(), m.OldRating)
	if err != nil {
		return err
	}
	rated, err := after(ctx, op, m.RatedScore, m.RatedScoreCleared(), m.OldRatedScore)
	if err != nil {
		return err
	}
	weight, err := after(ctx, op, m.Weight, false, func(ctx context.Context) (*fixed.Decimal, error) {
		w, err := m.OldWeight(ctx)
		return &w, err
	})
	if err != nil {
		return err
	}
	if kind == nil {
		return inputerr.New("kind", "is required")
	}
	switch *kind {
	case indicator.KindQUANTITATIVE:
		switch {
		case operator == nil:
			return inputerr.New("operator", "is required for a quantitative indicator (GE, GT, EQ, LE or LT)")
		case target == nil:
			return inputerr.New("target", "is required for a quantitative indicator")
		case rating != nil:
			return inputerr.New("rating", "only a qualitative indicator has a rating")
		case rated != nil:
			return inputerr.New("ratedScore", "only a qualitative indicator has a rated score; its score is computed")
		case binding != nil && actual != nil:
			return inputerr.New("actual", "the actual value of an indicator bound to %s is derived from the figures; clear the binding to type one", *binding)
		}
	case indicator.KindQUALITATIVE:
		switch {
		case operator != nil:
			return inputerr.New("operator", "a qualitative indicator has no operator")
		case target != nil:
			return inputerr.New("target", "a qualitative indicator has no numeric target")
		case actual != nil:
			return inputerr.New("actual", "a qualitative indicator has no numeric actual value; give a rating and a rated score")
		case binding != nil:
			return inputerr.New("binding", "a qualitative indicator cannot be bound to a formula")
		case rated != nil && rating == nil:
			return inputerr.New("rating", "is required with a rated score")
		case rated != nil && weight != nil:
			// The weight's own rule first, so that a zero weight is reported on weight.
			if err := positive(int64(*weight)); err != nil {
				return inputerr.New("weight", "%v", err)
			}
		}
	}
	if op.Is(ent.OpCreate) {
		dyID, _ := m.DepartmentYearID()
		if err := exists(ctx, m.Client().DepartmentYear.Query().Where(departmentyear.ID(dyID)).Exist, "departmentYearID", "department-year", dyID); err != nil {
			return err
		}
		// The library entry it is made from: one the caller may read.
		if lib, ok := m.LibraryIndicatorID(); ok {
			if err := exists(ctx, m.Client().LibraryIndicator.Query().Where(libraryindicator.ID(lib)).Exist, "libraryIndicatorID", "library indicator", lib); err != nil {
				return err
			}
		}
		if pid, ok := m.ProjectID(); ok {
			if binding != nil {
				return inputerr.New("binding", "only a department-year (overall) indicator can be bound to a formula")
			}
			if err := projectInYear(ctx, m.Client(), pid, dyID); err != nil {
				return err
			}
		}
	}
	if *kind == indicator.KindQUALITATIVE && rated != nil && weight != nil {
		return inBand(ctx, m, *rating, *rated, *weight)
	}
	return nil
}

// inBand checks a rated score against its rating's band under the rules that
// score the indicator's subject.
func inBand(ctx context.Context, m *gen.IndicatorMutation, rating indicator.Rating, rated, weight fixed.Decimal) error {
	var s kept.Subject
	if m.Op().Is(ent.OpCreate) {
		s.Year, _ = m.DepartmentYearID()
		if pid, ok := m.ProjectID(); ok {
			s.Project = &pid
		}
	} else {
		sys := privacy.DecisionContext(ctx, privacy.Allow) // the access rules have decided the change
		var err error
		if s.Year, err = m.OldDepartmentYearID(sys); err != nil {
			return err
		}
		if s.Project, err = m.OldProjectID(sys); err != nil {
			return err
		}
	}
	rules, err := kept.RulesFor(ctx, m.Client(), s)
	if err != nil {
		return err
	}
	if err := rules.CheckRatedScore(scoring.Rating(rating), rated.Decimal(), weight.Decimal()); err != nil {
		return inputerr.New("ratedScore", "%v", err)
	}
	return nil
}

// projectInYear checks that project pid exists and belongs to department-year dyID.
func projectInYear(ctx context.Context, c *gen.Client, pid, dyID int) error {
	p, err := c.Project.Query().Where(project.ID(pid)).Only(ctx)
	if gen.IsNotFound(err) {
		return &inputerr.NotFound{Field: "projectID", Entity: "project", ID: pid}
	}
	if err != nil {
		return err
	}
	if p.DepartmentYearID != dyID {
		return inputerr.New("projectID", "project %d belongs to department-year %d, not %d", pid, p.DepartmentYearID, dyID)
	}
	return nil
}

func exists(ctx context.Context, exist func(context.Context) (bool, error), field, entity string, id int) error {
	ok, err := exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return &inputerr.NotFound{Field: field, Entity: entity, ID: id}
	}
	return nil
}

// evaluationRules checks the subject of a new evaluation.
func evaluationRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvaluationFunc(func(ctx context.Context, m *gen.EvaluationMutation) (ent.Value, error) {
			dyID, _ := m.DepartmentYearID()
			if err := exists(ctx, m.Client().DepartmentYear.Query().Where(departmentyear.ID(dyID)).Exist, "departmentYearID", "department-year", dyID); err != nil {
				return nil, err
			}
			if pid, ok := m.ProjectID(); ok {
				if err := projectInYear(ctx, m.Client(), pid, dyID); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// fundingLineRules checks a new line's owner and that its category is one of the
// owner's: a project's lines are by source of funds, a department-year's by revenue
// nature (package funding). Owner and category never change after.
func fundingLineRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.FundingLineFunc(func(ctx context.Context, m *gen.FundingLineMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "funding line"); err != nil {
				return nil, err
			}
			if !m.Op().Is(ent.OpCreate) {
				return next.Mutate(ctx, m)
			}
			dyID, _ := m.DepartmentYearID()
			if err := exists(ctx, m.Client().DepartmentYear.Query().Where(departmentyear.ID(dyID)).Exist, "departmentYearID", "department-year", dyID); err != nil {
				return nil, err
			}
			pid, isProject := m.ProjectID()
			if isProject {
				if err := projectInYear(ctx, m.Client(), pid, dyID); err != nil {
					return nil, err
				}
			}
			c, _ := m.Category()
			if allowed := funding.Allowed(isProject); !slices.Contains(allowed, funding.Category(c)) {
				whose := "a department-year's lines are by revenue nature"
				if isProject {
					whose = "a project's lines are by source of funds"
				}
				return nil, inputerr.New("category", "%s is not one of %s: %s", c, whose, joinCategories(allowed))
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

func joinCategories(cs []funding.Category) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// departmentYearChild checks that a child's department-year exists before insert, so the
// user reads which id is wrong instead of a foreign-key failure.
func departmentYearChild[M interface {
	DepartmentYearID() (int, bool)
	Client() *gen.Client
	ent.Mutation
}]() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if cm, ok := m.(M); ok {
				dyID, _ := cm.DepartmentYearID()
				if err := exists(ctx, cm.Client().DepartmentYear.Query().Where(departmentyear.ID(dyID)).Exist, "departmentYearID", "department-year", dyID); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// departmentTree keeps Department.path (the ancestors' ids, "/1/5/") true on create
// and when a department moves, and refuses a move under its own subtree.
func departmentTree() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.DepartmentFunc(func(ctx context.Context, m *gen.DepartmentMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "department"); err != nil {
				return nil, err
			}
			pid, moved := m.ParentID()
			if !moved && !m.ParentCleared() {
				return next.Mutate(ctx, m)
			}
			newPath := "/"
			if moved {
				parent, err := m.Client().Department.Query().Where(department.ID(pid)).Only(ctx)
				if gen.IsNotFound(err) {
					return nil, &inputerr.NotFound{Field: "parentID", Entity: "department", ID: pid}
				}
				if err != nil {
					return nil, err
				}
				newPath = SubtreePrefix(parent.Path, parent.ID)
			}
			m.SetPath(newPath)
			if !m.Op().Is(ent.OpUpdateOne) {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			oldPath, err := m.OldPath(ctx)
			if err != nil {
				return nil, err
			}
			oldPrefix := SubtreePrefix(oldPath, id)
			if strings.HasPrefix(newPath, oldPrefix) || (moved && pid == id) {
				return nil, inputerr.New("parentID", "department %d is inside department %d's own subtree; a department cannot move under itself", pid, id)
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			// Re-root every descendant: their paths start with the old prefix.
			descendants, err := m.Client().Department.Query().Where(department.PathHasPrefix(oldPrefix)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, d := range descendants {
				p := SubtreePrefix(newPath, id) + strings.TrimPrefix(d.Path, oldPrefix)
				if err := m.Client().Department.UpdateOneID(d.ID).SetPath(p).Exec(ctx); err != nil {
					return nil, err
				}
			}
			// Under another region, another rule set may govern the subtree's years.
			return v, kept.DepartmentMoved(ctx, m.Client(), id, newPath)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

// SubtreePrefix is the path every descendant of department id (at path) starts with.
func SubtreePrefix(path string, id int) string {
	return path + strconv.Itoa(id) + "/"
}

// yearRules checks that a new department-year's department exists.
func yearRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.DepartmentYearFunc(func(ctx context.Context, m *gen.DepartmentYearMutation) (ent.Value, error) {
			id, _ := m.DepartmentID()
			if err := exists(ctx, m.Client().Department.Query().Where(department.ID(id)).Exist, "departmentID", "department", id); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// recordTransition writes a Transition whenever an evaluation's status changes, with
// the reviewer's comment when one comes with it.
func recordTransition() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvaluationFunc(func(ctx context.Context, m *gen.EvaluationMutation) (ent.Value, error) {
			to, changes := m.Status()
			if !changes {
				return next.Mutate(ctx, m)
			}
			from, err := m.OldStatus(ctx)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			id, _ := m.ID()
			comment, _ := m.ReviewComment()
			who := viewer.FromContext(ctx)
			t := m.Client().Transition.Create().SetEvaluationID(id).
				SetFrom(transition.From(from)).SetTo(transition.To(to)).
				SetComment(comment).SetActorName(who.Name)
			if who.Kind == viewer.User {
				t.SetActorID(who.ID)
			}
			// Transitions are written by the server alone (access.Recorded).
			return v, t.Exec(privacy.DecisionContext(ctx, privacy.Allow))
		})
	}, ent.OpUpdateOne)
}

// userRules: an editor edits one department subtree, so they need a department.
func userRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "user"); err != nil {
				return nil, err
			}
			role, err := after(ctx, m.Op(), m.Role, false, func(ctx context.Context) (*user.Role, error) {
				r, err := m.OldRole(ctx)
				return &r, err
			})
			if err != nil {
				return nil, err
			}
			dept, err := after(ctx, m.Op(), m.DepartmentID, m.DepartmentCleared(), m.OldDepartmentID)
			if err != nil {
				return nil, err
			}
			if role != nil && *role == user.RoleEDITOR && dept == nil {
				return nil, inputerr.New("departmentID", "an editor needs the department whose subtree they edit")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}
