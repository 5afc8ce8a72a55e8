package loader

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"jixiao/domain/rounds"
	"jixiao/ent"
	"jixiao/ent/auditrecord"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/privacy"
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
	// Monitoring is, in a MONITORING round, the year's overall monitoring report
	// at the round's point; nil while there is none (and in other rounds).
	Monitoring *ent.MonitoringReport
	Items      []rounds.Item
}

// roundParts reads the parts of the rounds ids in a fixed number of statements
// whatever their number: participants, departments, years, projects, evaluations
// and first submissions, each under the viewer's read rules, and, when a round
// is a monitoring one, the monitoring reports at its point with their
// submissions.
func roundParts(ctx context.Context, c *ent.Client, ids []int) (map[int][]*Part, error) {
	out := make(map[int][]*Part, len(ids))
	for _, id := range ids {
		out[id] = nil
	}
	rs, err := c.Round.Query().Where(round.IDIn(ids...)).Select(round.FieldID, round.FieldYear, round.FieldKind, round.FieldDeadline).All(ctx)
	if err != nil {
		return nil, err
	}
	yearOf, pointOf := map[int]int{}, map[int]string{}
	for _, r := range rs {
		yearOf[r.ID] = r.Year
		if r.Kind == round.KindMONITORING {
			pointOf[r.ID] = rounds.MonitoringPoint(r.Year, r.Deadline)
		}
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
	reports, err := monitoringReports(ctx, c, yearIDs, pointOf)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		d := deptByID[p.DepartmentID]
		if d == nil {
			continue // cannot happen: department names are public
		}
		part := &Part{Participant: p, Department: d, Year: yearByKey[DepartmentYearKey{p.DepartmentID, yearOf[p.RoundID]}]}
		if point, ok := pointOf[p.RoundID]; ok && part.Year != nil {
			// A monitoring round asks for the year's monitoring report at its point
			// (and, with projects, each project's).
			part.Overall = evBy[Subject{Year: part.Year.ID}]
			rep := reports.at(Subject{Year: part.Year.ID}, point)
			part.Monitoring = rep.report
			part.Items = append(part.Items, rep.item())
			if p.Projects {
				for _, pr := range projects[part.Year.ID] {
					part.Items = append(part.Items, reports.at(Subject{Year: part.Year.ID, Project: pr.ID}, point).item())
				}
			}
		} else if part.Year != nil {
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

// monitoringReport is a monitoring report with its first submission.
type monitoringReport struct {
	report *ent.MonitoringReport
	first  *time.Time
}

// item is the report as a round item; a missing one is nothing submitted.
func (r monitoringReport) item() rounds.Item {
	if r.report == nil {
		return rounds.Item{}
	}
	return rounds.Item{State: string(r.report.Status), FirstSubmitted: r.first}
}

// monitoringReportsByPoint are the monitoring reports of some years, by subject and point.
type monitoringReportsByPoint map[string]monitoringReport

func (m monitoringReportsByPoint) at(s Subject, point string) monitoringReport {
	return m[fmt.Sprint(s.Year, "/", s.Project, "/", point)]
}

// monitoringReports reads the monitoring reports of the years at the monitoring
// rounds' points (pointOf, by round) under the viewer's read rules, with when
// each was first submitted: two statements, none when no round is a monitoring one.
func monitoringReports(ctx context.Context, c *ent.Client, yearIDs []int, pointOf map[int]string) (monitoringReportsByPoint, error) {
	out := monitoringReportsByPoint{}
	if len(pointOf) == 0 || len(yearIDs) == 0 {
		return out, nil
	}
	var points []string
	for _, p := range pointOf {
		if !slices.Contains(points, p) {
			points = append(points, p)
		}
	}
	reps, err := c.MonitoringReport.Query().
		Where(monitoringreport.DepartmentYearIDIn(yearIDs...), monitoringreport.PointIn(points...)).All(ctx)
	if err != nil || len(reps) == 0 {
		return out, err
	}
	ids := make([]int, len(reps))
	for i, r := range reps {
		ids[i] = r.ID
	}
	subs, err := MonitoringSubmissions(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range reps {
		s := Subject{Year: r.DepartmentYearID}
		if r.ProjectID != nil {
			s.Project = *r.ProjectID
		}
		out[fmt.Sprint(s.Year, "/", s.Project, "/", r.Point)] = monitoringReport{report: r, first: rounds.FirstSubmission(subs[r.ID], r.SubmittedAt)}
	}
	return out, nil
}

// MonitoringSubmissions is when each of the monitoring reports ids became
// SUBMITTED, from their audit trail (one statement). The reports were read under
// the viewer's rules already; their trail is read on the server's authority
// (an editor does not read the audit trail), and only these times leave it.
func MonitoringSubmissions(ctx context.Context, c *ent.Client, ids []int) (map[int][]time.Time, error) {
	out := map[int][]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := c.AuditRecord.Query().Where(auditrecord.EntityType(ent.TypeMonitoringReport), auditrecord.EntityIDIn(ids...),
		auditrecord.ActionEQ(auditrecord.ActionUPDATE)).
		Select(auditrecord.FieldEntityID, auditrecord.FieldAt, auditrecord.FieldChanges).All(privacy.DecisionContext(ctx, privacy.Allow))
	for _, r := range rows {
		for _, ch := range r.Changes {
			if ch.Field == "status" && ch.After == string(monitoringreport.StatusSUBMITTED) {
				out[r.EntityID] = append(out[r.EntityID], r.At)
			}
		}
	}
	return out, err
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
