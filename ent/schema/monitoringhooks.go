package schema

// Monitoring reports (domain/monitoring): one per subject and point of its year,
// moved through DRAFT → SUBMITTED → APPROVED | RETURNED (→ SUBMITTED) with each
// step signed, read-only while SUBMITTED or APPROVED (for everybody: the lock is
// a state of the data), their entries about the subject's own indicators.

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent"

	"jixiao/domain/monitoring"
	gen "jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/privacy"
	"jixiao/ent/project"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// monitoringSteps are the moves of a report's status.
var monitoringSteps = map[monitoringreport.Status][]monitoringreport.Status{
	monitoringreport.StatusDRAFT:     {monitoringreport.StatusSUBMITTED},
	monitoringreport.StatusRETURNED:  {monitoringreport.StatusSUBMITTED},
	monitoringreport.StatusSUBMITTED: {monitoringreport.StatusAPPROVED, monitoringreport.StatusRETURNED},
}

func monitoringReportRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.MonitoringReportFunc(func(ctx context.Context, m *gen.MonitoringReportMutation) (ent.Value, error) {
			var err error
			switch {
			case m.Op().Is(ent.OpCreate):
				err = newMonitoringReport(ctx, m)
			case m.Op().Is(ent.OpUpdate):
				err = oneRowOnly(m.Op(), "monitoring report")
			default:
				err = changeMonitoringReport(ctx, m)
			}
			if err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

func newMonitoringReport(ctx context.Context, m *gen.MonitoringReportMutation) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	yearID, _ := m.DepartmentYearID()
	year, err := m.Client().DepartmentYear.Query().Where(departmentyear.ID(yearID)).Only(sys)
	if gen.IsNotFound(err) {
		return &inputerr.NotFound{Field: "departmentYearID", Entity: "department-year", ID: yearID}
	} else if err != nil {
		return err
	}
	q := m.Client().MonitoringReport.Query()
	point, _ := m.Point()
	what := fmt.Sprintf("a monitoring report of department-year %d at %s", yearID, point)
	field := "point"
	if pid, ok := m.ProjectID(); ok {
		p, err := m.Client().Project.Query().Where(project.ID(pid)).Only(sys)
		if gen.IsNotFound(err) || (err == nil && p.DepartmentYearID != yearID) {
			return &inputerr.NotFound{Field: "projectID", Entity: "project", ID: pid}
		} else if err != nil {
			return err
		}
		q.Where(monitoringreport.ProjectID(pid))
		what = fmt.Sprintf("a monitoring report of project %d at %s", pid, point)
	} else {
		q.Where(monitoringreport.DepartmentYearID(yearID), monitoringreport.ProjectIDIsNil())
	}
	p, err := monitoring.ParsePoint(point)
	if err != nil {
		return inputerr.New("point", "%s", err)
	}
	if p.Year() != year.Year {
		return inputerr.WithReason("point", inputerr.Refused("POINT_OUTSIDE_YEAR",
			[]string{"point", point, "year", fmt.Sprint(year.Year)},
			"%s is not in fiscal year %d: a monitoring point is a day of the year it monitors", point, year.Year))
	}
	if st, ok := m.Status(); ok && st != monitoringreport.StatusDRAFT {
		return inputerr.New("status", "a monitoring report starts as a DRAFT")
	}
	return taken(sys, q.Where(monitoringreport.Point(point)).FirstID, field, what, "monitoring report")
}

func changeMonitoringReport(ctx context.Context, m *gen.MonitoringReportMutation) error {
	from, err := m.OldStatus(ctx)
	if err != nil {
		return err
	}
	id, _ := m.ID()
	to, stepping := m.Status()
	if !stepping {
		if !monitoring.Editable(string(from)) {
			return &monitoring.LockedError{Report: id, Status: string(from)}
		}
		if _, ok := m.ReviewComment(); ok {
			return inputerr.New("reviewComment", "a review comment is given when approving or returning")
		}
		return nil
	}
	allowed := false
	for _, s := range monitoringSteps[from] {
		allowed = allowed || s == to
	}
	if !allowed {
		return inputerr.WithReason("id", inputerr.Refused("MONITORING_STEP", []string{"from", string(from), "to", string(to)},
			"monitoring report %d is %s: it cannot become %s", id, from, to))
	}
	who := viewer.FromContext(ctx)
	now := time.Now()
	if to == monitoringreport.StatusSUBMITTED {
		m.SetSubmittedByName(who.Name)
		m.SetSubmittedAt(now)
	} else {
		m.SetReviewedByName(who.Name)
		m.SetReviewedAt(now)
	}
	return nil
}

// monitoringReportDeletes lets a report go only while it is a draft never
// submitted; its entries go with it.
func monitoringReportDeletes() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.MonitoringReportFunc(func(ctx context.Context, m *gen.MonitoringReportMutation) (ent.Value, error) {
			ids, err := m.IDs(ctx)
			if err != nil {
				return nil, err
			}
			sys := privacy.DecisionContext(ctx, privacy.Allow)
			for _, id := range ids {
				r, err := m.Client().MonitoringReport.Get(sys, id)
				if err != nil {
					return nil, err
				}
				if r.Status != monitoringreport.StatusDRAFT {
					return nil, &monitoring.LockedError{Report: id, Status: string(r.Status)}
				}
				if _, err := m.Client().MonitoringEntry.Delete().Where(monitoringentry.ReportID(id)).Exec(ctx); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpDelete|ent.OpDeleteOne)
}

// monitoringEntryRules keeps entries to the report's own indicators, one each,
// and changes them only while the report is editable.
func monitoringEntryRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.MonitoringEntryFunc(func(ctx context.Context, m *gen.MonitoringEntryMutation) (ent.Value, error) {
			sys := privacy.DecisionContext(ctx, privacy.Allow)
			var reports []int
			if m.Op().Is(ent.OpCreate) {
				id, _ := m.ReportID()
				reports = []int{id}
			} else {
				ids, err := m.IDs(ctx)
				if err != nil {
					return nil, err
				}
				if err := m.Client().MonitoringEntry.Query().Where(monitoringentry.IDIn(ids...)).
					Unique(true).Select(monitoringentry.FieldReportID).Scan(sys, &reports); err != nil {
					return nil, err
				}
			}
			for _, id := range reports {
				r, err := m.Client().MonitoringReport.Get(sys, id)
				if gen.IsNotFound(err) {
					return nil, &inputerr.NotFound{Field: "reportID", Entity: "monitoring report", ID: id}
				} else if err != nil {
					return nil, err
				}
				if !monitoring.Editable(string(r.Status)) {
					return nil, &monitoring.LockedError{Report: id, Status: string(r.Status)}
				}
				if m.Op().Is(ent.OpCreate) {
					if err := entryIndicator(sys, m, r); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
}

// entryIndicator checks that a new entry's indicator is one of the report's
// subject and has no entry in it yet.
func entryIndicator(ctx context.Context, m *gen.MonitoringEntryMutation, r *gen.MonitoringReport) error {
	id, _ := m.IndicatorID()
	q := m.Client().Indicator.Query().Where(indicator.ID(id), indicator.DepartmentYearID(r.DepartmentYearID))
	if r.ProjectID != nil {
		q.Where(indicator.ProjectID(*r.ProjectID))
	} else {
		q.Where(indicator.ProjectIDIsNil())
	}
	if err := exists(ctx, q.Exist, "indicatorID", "indicator", id); err != nil {
		return err
	}
	return taken(ctx, m.Client().MonitoringEntry.Query().
		Where(monitoringentry.ReportID(r.ID), monitoringentry.IndicatorID(id)).FirstID,
		"indicatorID", fmt.Sprintf("an entry of indicator %d", id), "monitoring entry")
}
