package schema

// Unique rules, checked before the insert so that the error names the input
// field and the row that already holds the value. The unique indexes stay as
// the guard against two such inserts at once (reported without the row).

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/hook"
	"jixiao/ent/project"
	"jixiao/platform/inputerr"
)

// taken returns an *inputerr.Taken when first finds a row, nil when it finds none.
func taken(ctx context.Context, first func(context.Context) (int, error), field, what, entity string) error {
	id, err := first(ctx)
	switch {
	case gen.IsNotFound(err):
		return nil
	case err != nil:
		return err
	}
	return &inputerr.Taken{Field: field, What: what, Entity: entity, Existing: id}
}

// self is the id of the row an update changes, 0 on create.
func self(m interface{ ID() (int, bool) }) int {
	id, _ := m.ID()
	return id
}

// uniqueDepartmentCode: one department per organisation code.
func uniqueDepartmentCode() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.DepartmentFunc(func(ctx context.Context, m *gen.DepartmentMutation) (ent.Value, error) {
			if code, ok := m.Code(); ok {
				q := m.Client().Department.Query().Where(department.Code(code), department.IDNEQ(self(m)))
				if err := taken(ctx, q.FirstID, "code", fmt.Sprintf("a department with code %q", code), "department"); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// uniqueYear: one department-year per department and year.
func uniqueYear() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.DepartmentYearFunc(func(ctx context.Context, m *gen.DepartmentYearMutation) (ent.Value, error) {
			d, _ := m.DepartmentID()
			y, _ := m.Year()
			q := m.Client().DepartmentYear.Query().Where(departmentyear.DepartmentID(d), departmentyear.Year(y))
			if err := taken(ctx, q.FirstID, "year", fmt.Sprintf("department %d's year %d", d, y), "department-year"); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// uniqueProjectCode: a project code, when given, is unique within its department-year.
func uniqueProjectCode() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ProjectFunc(func(ctx context.Context, m *gen.ProjectMutation) (ent.Value, error) {
			code, ok := m.Code()
			if !ok || code == "" {
				return next.Mutate(ctx, m)
			}
			dy, ok := m.DepartmentYearID()
			if !ok {
				var err error
				if dy, err = m.OldDepartmentYearID(ctx); err != nil {
					return nil, err
				}
			}
			q := m.Client().Project.Query().Where(project.DepartmentYearID(dy), project.Code(code), project.IDNEQ(self(m)))
			if err := taken(ctx, q.FirstID, "code", fmt.Sprintf("a project with code %q in department-year %d", code, dy), "project"); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// uniqueEvaluation: one evaluation per subject (a department-year overall, or a project).
func uniqueEvaluation() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvaluationFunc(func(ctx context.Context, m *gen.EvaluationMutation) (ent.Value, error) {
			dy, _ := m.DepartmentYearID()
			q := m.Client().Evaluation.Query()
			field, what := "departmentYearID", fmt.Sprintf("an overall evaluation of department-year %d", dy)
			if pid, ok := m.ProjectID(); ok {
				q.Where(evaluation.ProjectID(pid))
				field, what = "projectID", fmt.Sprintf("an evaluation of project %d", pid)
			} else {
				q.Where(evaluation.DepartmentYearID(dy), evaluation.ProjectIDIsNil())
			}
			if err := taken(ctx, q.FirstID, field, what, "evaluation"); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// uniqueFundingLine: one line per category of a project, or of a department-year's revenue.
func uniqueFundingLine() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.FundingLineFunc(func(ctx context.Context, m *gen.FundingLineMutation) (ent.Value, error) {
			dy, _ := m.DepartmentYearID()
			c, _ := m.Category()
			q := m.Client().FundingLine.Query().Where(fundingline.CategoryEQ(c))
			what := fmt.Sprintf("a %s line of department-year %d", c, dy)
			if pid, ok := m.ProjectID(); ok {
				q.Where(fundingline.ProjectID(pid))
				what = fmt.Sprintf("a %s line of project %d", c, pid)
			} else {
				q.Where(fundingline.DepartmentYearID(dy), fundingline.ProjectIDIsNil())
			}
			if err := taken(ctx, q.FirstID, "category", what, "funding line"); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}
