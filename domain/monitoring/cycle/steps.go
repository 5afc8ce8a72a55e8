package cycle

import (
	"context"
	"strings"

	"jixiao/domain/fixed"
	"jixiao/domain/monitoring"
	"jixiao/ent"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/monitoringreport"
	"jixiao/platform/inputerr"
)

// Create starts a report of department-year year (project nil) or of one of its
// projects at point (a date of the year).
func Create(ctx context.Context, c *ent.Client, year int, projectID *int, point string) (*ent.MonitoringReport, error) {
	return c.MonitoringReport.Create().SetDepartmentYearID(year).SetNillableProjectID(projectID).
		SetPoint(strings.TrimSpace(point)).Save(ctx)
}

// EntryInput is what a department says of one indicator; it replaces what the
// entry said before (null clears).
type EntryInput struct {
	ValueToDate, ExpectedOverride *fixed.Decimal
	LikelihoodOverride            *monitoringentry.LikelihoodOverride
	OverrideReason                string
	CauseCategory                 *monitoringentry.CauseCategory
	Cause, Measure, Note          string
}

// SetEntry writes what report says of an indicator.
func SetEntry(ctx context.Context, c *ent.Client, report, indicator int, in EntryInput) (*ent.MonitoringEntry, error) {
	e, err := c.MonitoringEntry.Query().Where(monitoringentry.ReportID(report), monitoringentry.IndicatorID(indicator)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return c.MonitoringEntry.Create().SetReportID(report).SetIndicatorID(indicator).
			SetNillableValueToDate(in.ValueToDate).SetNillableExpectedOverride(in.ExpectedOverride).
			SetNillableLikelihoodOverride(in.LikelihoodOverride).SetOverrideReason(strings.TrimSpace(in.OverrideReason)).
			SetNillableCauseCategory(in.CauseCategory).SetCause(strings.TrimSpace(in.Cause)).
			SetMeasure(strings.TrimSpace(in.Measure)).SetNote(strings.TrimSpace(in.Note)).Save(ctx)
	case err != nil:
		return nil, err
	}
	u := c.MonitoringEntry.UpdateOne(e).SetOverrideReason(strings.TrimSpace(in.OverrideReason)).
		SetCause(strings.TrimSpace(in.Cause)).SetMeasure(strings.TrimSpace(in.Measure)).SetNote(strings.TrimSpace(in.Note))
	if in.ValueToDate != nil {
		u.SetValueToDate(*in.ValueToDate)
	} else {
		u.ClearValueToDate()
	}
	if in.ExpectedOverride != nil {
		u.SetExpectedOverride(*in.ExpectedOverride)
	} else {
		u.ClearExpectedOverride()
	}
	if in.LikelihoodOverride != nil {
		u.SetLikelihoodOverride(*in.LikelihoodOverride)
	} else {
		u.ClearLikelihoodOverride()
	}
	if in.CauseCategory != nil {
		u.SetCauseCategory(*in.CauseCategory)
	} else {
		u.ClearCauseCategory()
	}
	return u.Save(ctx)
}

// BudgetInput is what a department says of its spending; it replaces what the
// report said before.
type BudgetInput struct {
	Executed, ExpectedOverride     *fixed.Decimal
	OverrideReason, Cause, Measure string
}

// SetBudget writes a report's budget part.
func SetBudget(ctx context.Context, c *ent.Client, report int, in BudgetInput) (*ent.MonitoringReport, error) {
	u := c.MonitoringReport.UpdateOneID(report).SetBudgetOverrideReason(strings.TrimSpace(in.OverrideReason)).
		SetBudgetCause(strings.TrimSpace(in.Cause)).SetBudgetMeasure(strings.TrimSpace(in.Measure))
	if in.Executed != nil {
		u.SetBudgetExecuted(*in.Executed)
	} else {
		u.ClearBudgetExecuted()
	}
	if in.ExpectedOverride != nil {
		u.SetBudgetExpectedOverride(*in.ExpectedOverride)
	} else {
		u.ClearBudgetExpectedOverride()
	}
	return u.Save(ctx)
}

// Submit moves a report to SUBMITTED, then checks it under the year's lock: the
// problems come back (and the caller rolls the step back) when there are any.
func Submit(ctx context.Context, c *ent.Client, id int) (*ent.MonitoringReport, []monitoring.Problem, error) {
	r, err := c.MonitoringReport.UpdateOneID(id).SetStatus(monitoringreport.StatusSUBMITTED).Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	views, err := Load(ctx, c, []*ent.MonitoringReport{r})
	if err != nil {
		return nil, nil, err
	}
	return r, Problems(views[0]), nil
}

// Decide approves or returns a submitted report with the reviewer's comment (a
// return must say what to change).
func Decide(ctx context.Context, c *ent.Client, id int, approve bool, comment string) (*ent.MonitoringReport, error) {
	to := monitoringreport.StatusAPPROVED
	comment = strings.TrimSpace(comment)
	if !approve {
		to = monitoringreport.StatusRETURNED
		if comment == "" {
			return nil, inputerr.New("comment", "say what the department must change")
		}
	}
	return c.MonitoringReport.UpdateOneID(id).SetStatus(to).SetReviewComment(comment).Save(ctx)
}
