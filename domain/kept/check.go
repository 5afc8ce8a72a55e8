package kept

import (
	"context"
	"fmt"
	"slices"

	"jixiao/domain/fixed"
	gen "jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/project"
)

// Difference is one kept value that is not what the rules give for the stored figures.
type Difference struct {
	Table    string // e.g. indicators
	ID       int
	Column   string
	Stored   string // "null" for NULL
	Computed string
}

func (d Difference) String() string {
	return fmt.Sprintf("%s %d %s: stored %s, computed %s", d.Table, d.ID, d.Column, d.Stored, d.Computed)
}

// Summary counts what Check read and found.
type Summary struct {
	Years, Projects, Indicators, Evaluations int
	Differences                              int // values, not rows
	Repaired                                 int // rows rewritten
}

// checkBatch department-years are read and computed at a time: about 250
// indicators each in a generated city, so a batch holds some 50,000 rows.
const checkBatch = 200

// Check recomputes every kept value from the stored figures, by the same functions
// the hooks use under the rules that score each subject (its governing rule set,
// or the one its locked evaluation keeps), computing each evaluation from its
// indicators' recomputed scores (not the stored ones), and calls report for each
// difference. With repair, it
// rewrites the rows that differ, one transaction per batch of department-years.
// The client must not be a transaction's when repairing.
func Check(ctx context.Context, client *gen.Client, repair bool, report func(Difference)) (Summary, error) {
	ctx = system(ctx)
	var sum Summary
	after := 0
	for {
		ids, err := client.DepartmentYear.Query().Where(departmentyear.IDGT(after)).
			Order(departmentyear.ByID()).Limit(checkBatch).IDs(ctx)
		if err != nil || len(ids) == 0 {
			return sum, err
		}
		after = ids[len(ids)-1]
		before := sum
		if repair {
			tx, err := client.Tx(ctx)
			if err != nil {
				return sum, err
			}
			if err := checkYears(ctx, tx.Client(), ids, true, report, &sum); err != nil {
				return sum, rollback(tx, err)
			}
			if err := tx.Commit(); err != nil {
				return sum, err
			}
		} else if err := checkYears(ctx, client, ids, false, report, &sum); err != nil {
			return sum, err
		}
		repaired.Add(uint64(sum.Repaired - before.Repaired))
		differences.Add(uint64(sum.Differences - before.Differences))
	}
}

func rollback(tx *gen.Tx, err error) error {
	if rerr := tx.Rollback(); rerr != nil {
		return fmt.Errorf("%w (rolling back: %v)", err, rerr)
	}
	return err
}

// checkYears checks the department-years ids and everything in them.
func checkYears(ctx context.Context, c *gen.Client, ids []int, repair bool, report func(Difference), sum *Summary) error {
	years, err := c.DepartmentYear.Query().Where(departmentyear.IDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	projects, err := c.Project.Query().Where(project.DepartmentYearIDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	inds, err := c.Indicator.Query().Where(indicator.DepartmentYearIDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	evs, err := c.Evaluation.Query().Where(evaluation.DepartmentYearIDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	sum.Years, sum.Projects, sum.Indicators, sum.Evaluations =
		sum.Years+len(years), sum.Projects+len(projects), sum.Indicators+len(inds), sum.Evaluations+len(evs)

	rules, err := loadBook(ctx, c, years, evs)
	if err != nil {
		return err
	}
	w := checker{ctx: ctx, c: c, repair: repair, report: report, sum: sum}
	yearOf := map[int]*gen.DepartmentYear{}
	yearValues := map[int]YearValues{}
	for _, dy := range years {
		yearOf[dy.ID] = dy
		v := OfYear(dy)
		yearValues[dy.ID] = v
		w.compare(departmentyear.Table, dy.ID, v.columns(), storedYear(dy).columns())
	}
	projectValues := map[int]ProjectValues{}
	for _, p := range projects {
		v := OfProject(p, rules.of(Subject{p.DepartmentYearID, &p.ID}.Key()).Rules)
		projectValues[p.ID] = v
		w.compare(project.Table, p.ID, v.columns(), storedProject(p).columns())
	}
	scores := map[Subject][]fixed.Decimal{}
	for _, ind := range inds {
		v := OfIndicator(ind, yearOf[ind.DepartmentYearID], rules.of(Subject{ind.DepartmentYearID, ind.ProjectID}.Key()).Rules)
		key := subjectKey(ind.DepartmentYearID, ind.ProjectID)
		scores[key] = append(scores[key], v.Score)
		w.compare(indicator.Table, ind.ID, v.columns(), storedIndicator(ind).columns())
	}
	for _, ev := range evs {
		var pv *ProjectValues
		if ev.ProjectID != nil {
			v := projectValues[*ev.ProjectID]
			pv = &v
		}
		v := OfEvaluation(scores[subjectKey(ev.DepartmentYearID, ev.ProjectID)], pv, yearValues[ev.DepartmentYearID],
			rules.of(Subject{ev.DepartmentYearID, ev.ProjectID}.Key()).Rules)
		w.compare(evaluation.Table, ev.ID, v.columns(), storedEvaluation(ev).columns())
	}
	return w.err
}

// subjectKey is a Subject usable as a map key: the project's id, or the year's
// negated (ids are positive).
func subjectKey(year int, project *int) Subject {
	if project != nil {
		return Subject{Year: -*project}
	}
	return Subject{Year: year}
}

type checker struct {
	ctx    context.Context
	c      *gen.Client
	repair bool
	report func(Difference)
	sum    *Summary
	err    error
}

// compare reports each column whose stored value differs and, repairing, rewrites the row.
func (w *checker) compare(table string, id int, computed, stored map[string]any) {
	if w.err != nil {
		return
	}
	names := make([]string, 0, len(computed))
	for name := range computed {
		names = append(names, name)
	}
	slices.Sort(names)
	differs := false
	for _, name := range names {
		c, s := text(computed[name]), text(stored[name])
		if c == s {
			continue
		}
		differs = true
		w.sum.Differences++
		if w.report != nil {
			w.report(Difference{Table: table, ID: id, Column: name, Stored: s, Computed: c})
		}
	}
	if differs && w.repair {
		w.err = write(w.ctx, w.c, table, id, computed)
		w.sum.Repaired++
	}
}

func text(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}
