// Package breakdown writes a budget's breakdown (its FundingLine rows) as the forms
// show it: the one code path of the setFundingLines mutation and of an imported
// form's 其中 and 按收入性质分 rows. Package funding holds the rules, which ent/schema
// reads; this one writes through ent, so it cannot live there.
package breakdown

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
	"jixiao/platform/inputerr"
)

// Line is one line of a breakdown: an amount left out is 0.
type Line struct {
	Category                                fundingline.Category
	InitialBudget, AdjustedBudget, Executed *fixed.Decimal
}

// LineError is the rules' refusal of lines[Index] (a negative amount, a category
// its owner does not have): Err names the line's own field, e.g. executed.
type LineError struct {
	Index int
	Err   error
}

func (e *LineError) Error() string { return fmt.Sprintf("lines[%d]: %v", e.Index, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Set makes the breakdown of a project (projectID set) or of a department-year's
// revenue what lines say, through the entity's own builders, so that every line's
// change is checked, audited and locked like any other: a line is created,
// updated only when an amount changes, or deleted when its category is not listed.
// The lines are returned in the forms' order.
//
// Each line the rules refuse is a *LineError, and the other lines are still
// tried, so that a caller can report every refusal (the error joins them, in
// order); the caller must then roll back. Any other error stops at once.
func Set(ctx context.Context, db *ent.Client, yearID int, projectID *int, lines []Line) ([]*ent.FundingLine, error) {
	// The owner's rules first, so that a caller who may not change it learns
	// nothing else: the lines of a project are locked with it, a year's with the year.
	if projectID != nil {
		if err := project.Policy.EvalMutation(ctx, db.Project.UpdateOneID(*projectID).Mutation()); err != nil {
			return nil, err
		}
		p, err := db.Project.Get(ctx, *projectID)
		if err != nil {
			return nil, notFound(err, "projectID", "project", *projectID)
		}
		if p.DepartmentYearID != yearID {
			return nil, inputerr.New("projectID", "project %d belongs to department-year %d, not %d", p.ID, p.DepartmentYearID, yearID)
		}
	} else {
		if err := departmentyear.Policy.EvalMutation(ctx, db.DepartmentYear.UpdateOneID(yearID).Mutation()); err != nil {
			return nil, err
		}
		if _, err := db.DepartmentYear.Get(ctx, yearID); err != nil {
			return nil, notFound(err, "departmentYearID", "department-year", yearID)
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
	var refused []error
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
		switch {
		case refusal(err):
			refused = append(refused, &LineError{Index: i, Err: err})
		case err != nil:
			return nil, err
		default:
			out = append(out, saved)
		}
	}
	if len(refused) > 0 {
		return nil, errors.Join(refused...)
	}
	slices.SortStableFunc(out, func(a, b *ent.FundingLine) int {
		return cmp.Compare(funding.Order(funding.Category(a.Category)), funding.Order(funding.Category(b.Category)))
	})
	return out, nil
}

// Refusals are the lines err refuses, in order: nil unless err is Set's
// refusal of one or more lines.
func Refusals(err error) []*LineError {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return nil
	}
	var out []*LineError
	for _, e := range joined.Unwrap() {
		if le, ok := e.(*LineError); ok {
			out = append(out, le)
		}
	}
	return out
}

// refusal reports whether err is a rule's refusal of a line's values: a
// validator's or a hook's, both made before any row is written, so that trying
// the next line is safe (on PostgreSQL too, whose transaction a failed statement
// would abort).
func refusal(err error) bool {
	var (
		invalid *ent.ValidationError
		bad     *inputerr.Error
		taken   *inputerr.Taken
	)
	return errors.As(err, &invalid) || errors.As(err, &bad) || errors.As(err, &taken)
}

// notFound names the entity and input field of a missing owner.
func notFound(err error, field, entity string, id int) error {
	if ent.IsNotFound(err) {
		return &inputerr.NotFound{Entity: entity, ID: id, Field: field}
	}
	return err
}

// amount is an optional input amount: 0 when left out.
func amount(d *fixed.Decimal) fixed.Decimal {
	if d == nil {
		return 0
	}
	return *d
}
