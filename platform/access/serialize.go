package access

import (
	"context"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	gen "jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/privacy"
	"jixiao/platform/viewer"
)

// serialize is the first write rule of the departments' data: it locks the
// department-year rows that the changed rows belong to, until the transaction
// ends, and then lets the other rules decide.
//
// Every workflow step and every change to an evaluation's indicators, figures,
// months, key tasks, projects or texts takes this lock before the status is read
// (by the rules below and by the step itself), and a submission holds it while it
// reads what it checks. So, on PostgreSQL, an edit either commits before a
// submission reads the data, or waits for it and then finds the evaluation locked;
// and two changes of the same year's rows never interleave (setMonthlyExecution's
// delete-and-insert no longer reads rows the other one has just deleted).
//
// The lock is on the department-year, not on an evaluation: every such row
// belongs to exactly one department-year, which exists before any of its rows and
// before its evaluations (a year's months can change while it has no evaluation
// yet), and whose row is what the checks of its overall and project evaluations
// read. Its id never changes (department_year_id is immutable everywhere).
//
// SQLite transactions are BEGIN IMMEDIATE (one writer at a time): there the rule
// does nothing, and SQLite has no FOR UPDATE.
func serialize() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if !mayWrite(viewer.FromContext(ctx)) {
			return privacy.Skip // refused next, without holding anybody's rows
		}
		if asking, _ := ctx.Value(askingKey{}).(bool); asking {
			return privacy.Skip // Allowed only asks: a read must not wait for, or hold, a year's lock
		}
		if _, ok := m.(*gen.DepartmentMutation); ok {
			return privacy.Skip // departments are not a year's data; only administrators change them
		}
		c, ok := m.(interface{ Client() *gen.Client })
		if !ok {
			return privacy.Skip
		}
		owners, err := ownersOf(system(ctx), m)
		if err != nil {
			return privacy.Skip // the rules that follow refuse what ownersOf cannot place
		}
		if err := lockYears(system(ctx), c.Client(), yearsOf(owners)); err != nil {
			return err
		}
		return privacy.Skip
	})
}

// askingKey marks a policy evaluation that only asks what a viewer may do (Allowed).
type askingKey struct{}

// mayWrite reports whether writeRule may let v change anything at all.
func mayWrite(v viewer.Viewer) bool {
	return v.Kind == viewer.User && (v.Role == viewer.Admin || v.Role == viewer.Editor || v.Role == viewer.Reviewer)
}

// yearsOf lists the department-years of owners in ascending order, each once:
// locks taken in one order cannot deadlock one another.
func yearsOf(owners []owner) []int {
	years := make([]int, 0, len(owners))
	for _, o := range owners {
		if o.year != 0 {
			years = append(years, o.year)
		}
	}
	slices.Sort(years)
	return slices.Compact(years)
}

// lockYears takes a row lock (SELECT … FOR UPDATE) on each department-year in
// years, in id order. A year that does not exist locks nothing; the rules and
// hooks that follow say so.
func lockYears(ctx context.Context, c *gen.Client, years []int) error {
	if len(years) == 0 || c.Dialect() == dialect.SQLite {
		return nil // SQLite's BEGIN IMMEDIATE already made this transaction the only writer
	}
	_, err := c.DepartmentYear.Query().
		Where(departmentyear.IDIn(years...)).
		Order(departmentyear.ByID()).
		Unique(false).
		Select(departmentyear.FieldID).
		Modify(func(s *sql.Selector) { s.ForUpdate() }).
		Ints(ctx)
	return err
}
