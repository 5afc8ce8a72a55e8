package loader

import (
	"cmp"
	"context"
	"slices"
	"time"

	"jixiao/domain/rounds"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/project"
	"jixiao/ent/round"
	"jixiao/ent/roundparticipant"
	"jixiao/ent/transition"
)

// Part is one department's part in a round as the viewer may read it: the
// department, the year the round is about and what it must submit, each item
// with its state and first submission (domain/rounds decides the status).
type Part struct {
	Participant *ent.RoundParticipant
	Department  *ent.Department
	Year        *ent.DepartmentYear // nil while the department has no such year
	Overall     *ent.Evaluation     // the year's overall evaluation; nil while there is none
	Items       []rounds.Item
}

// roundParts reads the parts of the rounds ids in six statements whatever their
// number: participants, departments, years, projects, evaluations and first
// submissions, each under the viewer's read rules.
func roundParts(ctx context.Context, c *ent.Client, ids []int) (map[int][]*Part, error) {
	out := make(map[int][]*Part, len(ids))
	for _, id := range ids {
		out[id] = nil
	}
	rs, err := c.Round.Query().Where(round.IDIn(ids...)).Select(round.FieldID, round.FieldYear, round.FieldKind).All(ctx)
	if err != nil {
		return nil, err
	}
	yearOf := map[int]int{}
	for _, r := range rs {
		yearOf[r.ID] = r.Year
	}
	ps, err := c.RoundParticipant.Query().Where(roundparticipant.RoundIDIn(ids...)).All(ctx)
	if err != nil || len(ps) == 0 {
		return out, err
	}
	var deptIDs, years []int
	for _, p := range ps {
		deptIDs = append(deptIDs, p.DepartmentID)
		years = append(years, yearOf[p.RoundID])
	}
	depts, err := c.Department.Query().Where(department.IDIn(deptIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	deptByID := map[int]*ent.Department{}
	for _, d := range depts {
		deptByID[d.ID] = d
	}
	dys, err := c.DepartmentYear.Query().
		Where(departmentyear.DepartmentIDIn(deptIDs...), departmentyear.YearIn(years...)).All(ctx)
	if err != nil {
		return nil, err
	}
	yearByKey := map[DepartmentYearKey]*ent.DepartmentYear{}
	var yearIDs []int
	for _, y := range dys {
		yearByKey[DepartmentYearKey{y.DepartmentID, y.Year}] = y
		yearIDs = append(yearIDs, y.ID)
	}
	var projects map[int][]*ent.Project
	if slices.ContainsFunc(ps, func(p *ent.RoundParticipant) bool { return p.Projects }) && len(yearIDs) > 0 {
		rows, err := c.Project.Query().Where(project.DepartmentYearIDIn(yearIDs...)).
			Order(project.ByCode(), project.ByID()).Select(project.FieldID, project.FieldDepartmentYearID).All(ctx)
		if err != nil {
			return nil, err
		}
		projects = groupAll(yearIDs, rows, func(r *ent.Project) int { return r.DepartmentYearID })
	}
	evs, err := c.Evaluation.Query().Where(evaluation.DepartmentYearIDIn(yearIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	evBy := map[Subject]*ent.Evaluation{}
	var evIDs []int
	for _, e := range evs {
		evBy[SubjectOf(e)] = e
		evIDs = append(evIDs, e.ID)
	}
	first, err := FirstSubmissions(ctx, c, evIDs)
	if err != nil {
		return nil, err
	}
	item := func(e *ent.Evaluation) rounds.Item {
		if e == nil {
			return rounds.Item{}
		}
		it := rounds.Item{State: string(e.Status)}
		if t, ok := first[e.ID]; ok {
			it.FirstSubmitted = &t
		}
		return it
	}
	for _, p := range ps {
		d := deptByID[p.DepartmentID]
		if d == nil {
			continue // cannot happen: department names are public
		}
		part := &Part{Participant: p, Department: d, Year: yearByKey[DepartmentYearKey{p.DepartmentID, yearOf[p.RoundID]}]}
		if part.Year != nil {
			part.Overall = evBy[Subject{Year: part.Year.ID}]
			part.Items = append(part.Items, item(part.Overall))
			if p.Projects {
				for _, pr := range projects[part.Year.ID] {
					part.Items = append(part.Items, item(evBy[Subject{Year: part.Year.ID, Project: pr.ID}]))
				}
			}
		}
		out[p.RoundID] = append(out[p.RoundID], part)
	}
	for _, parts := range out {
		slices.SortFunc(parts, func(a, b *Part) int {
			return cmp.Or(cmp.Compare(a.Department.Code, b.Department.Code), cmp.Compare(a.Department.ID, b.Department.ID))
		})
	}
	return out, nil
}

// FirstSubmissions is when each of the evaluations ids was first submitted, from
// their recorded transitions (one statement); an evaluation never submitted, or
// submitted before transitions were recorded, has no entry.
func FirstSubmissions(ctx context.Context, c *ent.Client, ids []int) (map[int]time.Time, error) {
	out := map[int]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	// Each submission's row, not MIN(at): SQLite gives an aggregate of a time column back as text.
	rows, err := c.Transition.Query().Where(transition.EvaluationIDIn(ids...), transition.ToEQ(transition.ToSUBMITTED)).
		Select(transition.FieldEvaluationID, transition.FieldAt).All(ctx)
	for _, r := range rows {
		if t, ok := out[r.EvaluationID]; !ok || r.At.Before(t) {
			out[r.EvaluationID] = r.At
		}
	}
	return out, err
}
