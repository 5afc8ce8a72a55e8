package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"jixiao/domain/fixed"
	"jixiao/domain/funding"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/fundingline"
	"jixiao/ent/project"
	"jixiao/graph/model"
	"jixiao/platform/inputerr"
)

// setFundingLines makes the breakdown of a project (projectID set) or of a
// department-year's revenue what lines say, through the entity's own builders, so
// that every line's change is checked, audited and locked like any other: a line
// is created, updated only when an amount changes, or deleted when its category is
// not listed.
func (r *Resolver) setFundingLines(ctx context.Context, yearID int, projectID *int, lines []*model.FundingLineInput) ([]*ent.FundingLine, error) {
	db := r.db(ctx)
	// The owner's rules first, so that a caller who may not change it learns
	// nothing else: the lines of a project are locked with it, a year's with the year.
	if projectID != nil {
		if err := mayChange(ctx, project.Policy, db.Project.UpdateOneID(*projectID).Mutation()); err != nil {
			return nil, err
		}
		p, err := get(ctx, db.Project.Get, *projectID, "project")
		if err != nil {
			return nil, withField(err, "projectID")
		}
		if p.DepartmentYearID != yearID {
			return nil, inputerr.New("projectID", "project %d belongs to department-year %d, not %d", p.ID, p.DepartmentYearID, yearID)
		}
	} else {
		if err := mayChange(ctx, departmentyear.Policy, db.DepartmentYear.UpdateOneID(yearID).Mutation()); err != nil {
			return nil, err
		}
		if _, err := get(ctx, db.DepartmentYear.Get, yearID, "department-year"); err != nil {
			return nil, withField(err, "departmentYearID")
		}
	}
	seen := map[fundingline.Category]int{}
	for i, l := range lines {
		if j, twice := seen[l.Category]; twice {
			return nil, inputerr.New(fmt.Sprintf("lines[%d].category", i), "%s is given twice (lines[%d] and lines[%d])", l.Category, j, i)
		}
		seen[l.Category] = i
	}

	q := db.FundingLine.Query().Where(fundingline.DepartmentYearID(yearID))
	if projectID != nil {
		q.Where(fundingline.ProjectID(*projectID))
	} else {
		q.Where(fundingline.ProjectIDIsNil())
	}
	stored, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	have := map[fundingline.Category]*ent.FundingLine{}
	for _, l := range stored {
		have[l.Category] = l
		if _, kept := seen[l.Category]; !kept {
			if err := db.FundingLine.DeleteOneID(l.ID).Exec(ctx); err != nil {
				return nil, err
			}
		}
	}
	out := make([]*ent.FundingLine, 0, len(lines))
	for i, l := range lines {
		initial, adjusted, executed := amount(l.InitialBudget), amount(l.AdjustedBudget), amount(l.Executed)
		old := have[l.Category]
		if old != nil && old.InitialBudget == initial && old.AdjustedBudget == adjusted && old.Executed == executed {
			out = append(out, old)
			continue
		}
		var saved *ent.FundingLine
		if old != nil {
			saved, err = db.FundingLine.UpdateOneID(old.ID).
				SetInitialBudget(initial).SetAdjustedBudget(adjusted).SetExecuted(executed).Save(ctx)
		} else {
			saved, err = db.FundingLine.Create().
				SetDepartmentYearID(yearID).SetNillableProjectID(projectID).SetCategory(l.Category).
				SetInitialBudget(initial).SetAdjustedBudget(adjusted).SetExecuted(executed).Save(ctx)
		}
		if err != nil {
			return nil, inLine(err, i)
		}
		out = append(out, saved)
	}
	slices.SortStableFunc(out, func(a, b *ent.FundingLine) int {
		return cmp.Compare(funding.Order(funding.Category(a.Category)), funding.Order(funding.Category(b.Category)))
	})
	return out, nil
}

// amount is an optional input amount: 0 when left out.
func amount(d *fixed.Decimal) fixed.Decimal {
	if d == nil {
		return 0
	}
	return *d
}

// inLine names the line of setFundingLines' input an error of its builders is about:
// lines[2].executed, keeping the validator's reason.
func inLine(err error, i int) error {
	var ve *ent.ValidationError
	if errors.As(err, &ve) {
		ve.Name = fmt.Sprintf("lines[%d].%s", i, lowerFirst(camel(ve.Name)))
		return err
	}
	var bad *inputerr.Error
	if errors.As(err, &bad) && bad.Field != "" {
		bad.Field = fmt.Sprintf("lines[%d].%s", i, bad.Field)
	}
	var taken *inputerr.Taken
	if errors.As(err, &taken) {
		taken.Field = fmt.Sprintf("lines[%d].%s", i, taken.Field)
	}
	return err
}
