package audit

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"jixiao/ent/auditrecord"
	"jixiao/ent/departmentyear"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/rectification"
	"jixiao/platform/events"
	"jixiao/platform/reqid"
	"jixiao/platform/viewer"

	gen "jixiao/ent"
)

// announce adds the change of row id to the events of the transaction, when it
// runs in one that announces its changes (events.FromContext): the same change,
// actor and request as the record the hook has just written. row is the row's
// fields as the trail writes them: after the change, or before a delete.
func announce(ctx context.Context, m mutation, id int, action auditrecord.Action, row map[string]any) error {
	b := events.FromContext(ctx)
	if b == nil {
		return nil
	}
	place, err := placeOf(ctx, b, m, id, row)
	if err != nil {
		return err
	}
	v := viewer.FromContext(ctx)
	e := events.Event{
		EntityType: m.Type(), EntityID: id, Action: string(action), Place: place,
		ActorName: v.Name, At: time.Now().UTC(), RequestID: reqid.From(ctx),
	}
	switch v.Kind {
	case viewer.User:
		e.ActorKind, e.ActorID = events.ActorUser, v.ID
	case viewer.Token:
		e.ActorKind, e.ActorID = events.ActorToken, v.ID
	default:
		e.ActorKind = events.ActorSystem
	}
	b.Add(e)
	return nil
}

// placeOf is where a row belongs, read from its own fields: the department-year
// and project it names (departmentYearID, projectID), or those of the
// indicator or evaluation it names (indicatorID, evaluationID: a report text), or the department it
// names (departmentID: a user, a token, a library entry), with the department's
// path. Any entity with such fields (a future round or queue) is placed alike.
func placeOf(ctx context.Context, b *events.Batch, m mutation, id int, row map[string]any) (events.Place, error) {
	idOf := func(field string) int {
		s, _ := row[field].(string)
		n, _ := strconv.Atoi(s)
		return n
	}
	var p events.Place
	switch m.Type() {
	case gen.TypeDepartment:
		path, _ := row["path"].(string)
		return events.Place{DepartmentID: id, DepartmentPath: path}, nil
	case gen.TypeDepartmentYear:
		p.DepartmentYearID = id
	case gen.TypeProject:
		p.DepartmentYearID, p.ProjectID = idOf("departmentYearID"), id
	default:
		p.DepartmentYearID, p.ProjectID = idOf("departmentYearID"), idOf("projectID")
	}
	client := m.Client()
	if ind := idOf("indicatorID"); ind != 0 && p.DepartmentYearID == 0 { // a row of an indicator's (an attachment)
		of, err := b.Place(fmt.Sprint("Indicator:", ind), func() (events.Place, error) {
			i, err := client.Indicator.Get(ctx, ind)
			if err != nil {
				return events.Place{}, err
			}
			pp := events.Place{DepartmentYearID: i.DepartmentYearID}
			if i.ProjectID != nil {
				pp.ProjectID = *i.ProjectID
			}
			return pp, nil
		})
		if err != nil {
			return unplaced(p, err)
		}
		p.DepartmentYearID, p.ProjectID = of.DepartmentYearID, of.ProjectID
	}
	if ev := idOf("rectificationID"); ev != 0 && p.DepartmentYearID == 0 { // a rectification item's evidence
		of, err := b.Place(fmt.Sprint("Rectification:", ev), func() (events.Place, error) {
			e, err := client.Rectification.Query().Where(rectification.ID(ev)).QueryEvaluation().Only(ctx)
			if err != nil {
				return events.Place{}, err
			}
			return events.Place{DepartmentYearID: e.DepartmentYearID, ProjectID: deref(e.ProjectID)}, nil
		})
		if err != nil {
			return unplaced(p, err)
		}
		p.DepartmentYearID, p.ProjectID = of.DepartmentYearID, of.ProjectID
	}
	if me := idOf("monitoringEntryID"); me != 0 && p.DepartmentYearID == 0 { // a monitoring entry's evidence
		of, err := b.Place(fmt.Sprint("MonitoringEntry:", me), func() (events.Place, error) {
			r, err := client.MonitoringEntry.Query().Where(monitoringentry.ID(me)).QueryReport().Only(ctx)
			if err != nil {
				return events.Place{}, err
			}
			return events.Place{DepartmentYearID: r.DepartmentYearID, ProjectID: deref(r.ProjectID)}, nil
		})
		if err != nil {
			return unplaced(p, err)
		}
		p.DepartmentYearID, p.ProjectID = of.DepartmentYearID, of.ProjectID
	}
	if ev := idOf("evaluationID"); ev != 0 && p.DepartmentYearID == 0 {
		of, err := b.Place(fmt.Sprint("Evaluation:", ev), func() (events.Place, error) {
			e, err := client.Evaluation.Get(ctx, ev)
			if err != nil {
				return events.Place{}, err
			}
			pp := events.Place{DepartmentYearID: e.DepartmentYearID}
			if e.ProjectID != nil {
				pp.ProjectID = *e.ProjectID
			}
			return pp, nil
		})
		if err != nil {
			return unplaced(p, err)
		}
		p.DepartmentYearID, p.ProjectID = of.DepartmentYearID, of.ProjectID
	}
	var (
		dept events.Place
		err  error
	)
	switch d := idOf("departmentID"); {
	case d != 0: // a department-year names its department (and may be gone: a delete)
		dept, err = b.Place(fmt.Sprint("Department:", d), func() (events.Place, error) {
			row, err := client.Department.Get(ctx, d)
			if err != nil {
				return events.Place{}, err
			}
			return events.Place{DepartmentID: row.ID, DepartmentPath: row.Path}, nil
		})
	case p.DepartmentYearID != 0:
		dept, err = b.Place(fmt.Sprint("DepartmentYear:", p.DepartmentYearID), func() (events.Place, error) {
			row, err := client.DepartmentYear.Query().Where(departmentyear.ID(p.DepartmentYearID)).QueryDepartment().Only(ctx)
			if err != nil {
				return events.Place{}, err
			}
			return events.Place{DepartmentID: row.ID, DepartmentPath: row.Path}, nil
		})
	default:
		return p, nil
	}
	if err != nil {
		return unplaced(p, err)
	}
	p.DepartmentID, p.DepartmentPath = dept.DepartmentID, dept.DepartmentPath
	return p, nil
}

// unplaced is p as far as it was found when a row it names is gone (deleted in
// the same change): announced without its department, so that only those who
// read everything hear of it. Any other error fails the change.
func unplaced(p events.Place, err error) (events.Place, error) {
	if gen.IsNotFound(err) {
		return p, nil
	}
	return p, err
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
