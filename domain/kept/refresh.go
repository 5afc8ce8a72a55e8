package kept

import (
	"context"
	"slices"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/privacy"
	"jixiao/ent/project"
)

// The functions below run inside a mutation's transaction, c being its client:
// they read what the change affects and write the values that moved. Reads lift the
// access rules (a kept value covers rows the caller may not see, such as the total
// of an evaluation); the caller's own change has already passed them.

// Subject names what an evaluation evaluates: a department-year's overall
// indicators (Project nil) or a project's.
type Subject struct {
	Year    int
	Project *int
}

// IndicatorChanged writes ind's values (ind as saved, every column) and, when its
// score moved, its subject's evaluation; ind is updated in place.
func IndicatorChanged(ctx context.Context, c *ent.Client, ind *ent.Indicator) error {
	ctx = system(ctx)
	var dy *ent.DepartmentYear
	if ind.Binding != nil {
		var err error
		if dy, err = lockYear(ctx, c, ind.DepartmentYearID); err != nil {
			return err
		}
	}
	rules, err := RulesFor(ctx, c, Subject{ind.DepartmentYearID, ind.ProjectID})
	if err != nil {
		return err
	}
	before, after := storedIndicator(ind), OfIndicator(ind, dy, rules.Rules)
	if after.equal(before) {
		return nil
	}
	if err := carry(ctx, c, indicator.Table, ind.ID, after.columns()); err != nil {
		return err
	}
	after.apply(ind)
	if after.Score == before.Score {
		return nil
	}
	return SubjectChanged(ctx, c, Subject{ind.DepartmentYearID, ind.ProjectID})
}

// YearChanged writes dy's values (dy as saved), and those of the indicators bound
// to its figures and of the evaluations whose totals or rates move with them.
func YearChanged(ctx context.Context, c *ent.Client, dy *ent.DepartmentYear) error {
	ctx = system(ctx)
	before, after := storedYear(dy), OfYear(dy)
	if !after.equal(before) {
		if err := carry(ctx, c, departmentyear.Table, dy.ID, after.columns()); err != nil {
			return err
		}
		after.apply(dy)
	}
	bound, err := c.DepartmentYear.QueryIndicators(dy).Where(indicator.BindingNotNil()).All(ctx)
	if err != nil {
		return err
	}
	var rules Rules
	if len(bound) > 0 {
		// Only the year's overall indicators are bound: one subject's rules.
		if rules, err = RulesFor(ctx, c, Subject{Year: dy.ID}); err != nil {
			return err
		}
	}
	var moved []Subject
	for _, ind := range bound {
		before, after := storedIndicator(ind), OfIndicator(ind, dy, rules.Rules)
		if after.equal(before) {
			continue
		}
		if err := carry(ctx, c, indicator.Table, ind.ID, after.columns()); err != nil {
			return err
		}
		if after.Score != before.Score {
			moved = append(moved, Subject{ind.DepartmentYearID, ind.ProjectID})
		}
	}
	if !eqPtr(before.ExecutionRate, after.ExecutionRate) {
		moved = append(moved, Subject{Year: dy.ID}) // the overall evaluation shows the year's rate
	}
	for _, s := range unique(moved) {
		if err := SubjectChanged(ctx, c, s); err != nil {
			return err
		}
	}
	return nil
}

// ProjectChanged writes p's values (p as saved) and its evaluation's.
func ProjectChanged(ctx context.Context, c *ent.Client, p *ent.Project) error {
	ctx = system(ctx)
	rules, err := RulesFor(ctx, c, Subject{p.DepartmentYearID, &p.ID})
	if err != nil {
		return err
	}
	before, after := storedProject(p), OfProject(p, rules.Rules)
	if after.equal(before) {
		return nil
	}
	if err := carry(ctx, c, project.Table, p.ID, after.columns()); err != nil {
		return err
	}
	after.apply(p)
	return SubjectChanged(ctx, c, Subject{p.DepartmentYearID, &p.ID})
}

// SubjectChanged writes the values of s's evaluation, if it has one, from the kept
// values of its indicators and of its project or year.
func SubjectChanged(ctx context.Context, c *ent.Client, s Subject) error {
	ctx = system(ctx)
	if err := lockSubject(ctx, c, s); err != nil {
		return err
	}
	q := c.Evaluation.Query().Where(evaluation.DepartmentYearID(s.Year))
	if s.Project != nil {
		q = c.Evaluation.Query().Where(evaluation.ProjectID(*s.Project))
	} else {
		q = q.Where(evaluation.ProjectIDIsNil())
	}
	ev, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	rules, err := RulesFor(ctx, c, s)
	if err != nil {
		return err
	}
	after, err := ofSubject(ctx, c, s, rules.Rules)
	if err != nil || after.equal(storedEvaluation(ev)) {
		return err
	}
	return carry(ctx, c, evaluation.Table, ev.ID, after.columns())
}

// ofSubject computes the values of an evaluation of s under rules from the kept
// values it sums.
func ofSubject(ctx context.Context, c *ent.Client, s Subject, rules scoring.Rules) (EvaluationValues, error) {
	q := c.Indicator.Query()
	if s.Project != nil {
		q.Where(indicator.ProjectID(*s.Project))
	} else {
		q.Where(indicator.DepartmentYearID(s.Year), indicator.ProjectIDIsNil())
	}
	inds, err := q.Select(indicator.FieldScore).All(ctx)
	if err != nil {
		return EvaluationValues{}, err
	}
	scores := make([]fixed.Decimal, len(inds))
	for i, ind := range inds {
		scores[i] = ind.Score
	}
	if s.Project != nil {
		p, err := c.Project.Query().Where(project.ID(*s.Project)).
			Select(project.FieldExecutionRate, project.FieldExecutionScore).Only(ctx)
		if err != nil {
			return EvaluationValues{}, err
		}
		pv := storedProject(p)
		return OfEvaluation(scores, &pv, YearValues{}, rules), nil
	}
	dy, err := c.DepartmentYear.Query().Where(departmentyear.ID(s.Year)).Select(departmentyear.FieldExecutionRate).Only(ctx)
	if err != nil {
		return EvaluationValues{}, err
	}
	return OfEvaluation(scores, nil, storedYear(dy), rules), nil
}

// lockYear reads department-year id with a row lock until the transaction ends
// (SELECT … FOR NO KEY UPDATE; SQLite has one writer at a time and no such lock). Every
// value that reads other rows is computed under its year's lock, so on PostgreSQL
// two changes of one year's rows cannot each compute from the other's old values:
// the second waits, then reads what the first committed. The API's write rules
// take the same lock first (platform/access); this makes kept safe for any writer.
func lockYear(ctx context.Context, c *ent.Client, id int) (*ent.DepartmentYear, error) {
	q := c.DepartmentYear.Query().Where(departmentyear.ID(id))
	if c.Dialect() != dialect.SQLite {
		// NO KEY UPDATE: exclusive among writers like FOR UPDATE, but it does not
		// wait for the key-share locks that inserts of the year's rows hold, which
		// a transaction upgrading to FOR UPDATE deadlocks on.
		q.Modify(func(s *sql.Selector) { s.For(sql.LockNoKeyUpdate) })
	}
	return q.Only(ctx)
}

// lockSubject takes s's year lock (lockYear) where the database needs one.
func lockSubject(ctx context.Context, c *ent.Client, s Subject) error {
	if c.Dialect() == dialect.SQLite {
		return nil
	}
	_, err := lockYear(ctx, c, s.Year)
	return err
}

// carry writes the values a change moved (write), counting the row.
func carry(ctx context.Context, c *ent.Client, table string, id int, cols map[string]any) error {
	if err := write(ctx, c, table, id, cols); err != nil {
		return err
	}
	carried.Add(1)
	return nil
}

// write sets kept columns of one row with an UPDATE that no hook sees: a kept
// value is not a change of its own, so it takes no version, no audit record and no
// updated_at (the change that caused it has them).
func write(ctx context.Context, c *ent.Client, table string, id int, cols map[string]any) error {
	u := sql.Dialect(c.Dialect()).Update(table)
	names := make([]string, 0, len(cols))
	for name := range cols {
		names = append(names, name)
	}
	slices.Sort(names) // one statement text per table, so that drivers reuse it
	for _, name := range names {
		u.Set(name, plain(cols[name]))
	}
	query, args := u.Where(sql.EQ("id", id)).Query()
	return c.Write(ctx, query, args...)
}

func unique(subjects []Subject) []Subject {
	seen := map[Subject]bool{}
	var out []Subject
	for _, s := range subjects {
		if key := subjectKey(s.Year, s.Project); !seen[key] {
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

// system lifts the access rules for kept's own reads, keeping the viewer.
func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

type deferredKey struct{}

// Deferred returns ctx in which a change does not carry over to other rows (a new
// indicator to its evaluation's total): for a bulk load that writes every row
// after those its values read (years, projects, indicators, then evaluations),
// whose own values are still computed as they are inserted. Check tells whether
// such a load got its order right.
func Deferred(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferredKey{}, true)
}

// IsDeferred reports whether ctx defers carrying changes over (Deferred).
func IsDeferred(ctx context.Context) bool { v, _ := ctx.Value(deferredKey{}).(bool); return v }

// plain is a column value as every driver takes it: fixed.Decimal as its int64
// millionths, an enum as its string.
func plain(v any) any {
	switch v := v.(type) {
	case fixed.Decimal:
		return int64(v)
	case evaluation.Grade:
		return string(v)
	}
	return v
}
