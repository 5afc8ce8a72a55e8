// Package cycle keeps monitoring reports in the store (the forecasts are
// package monitoring's): it reads reports with everything their forecasts need,
// in a fixed number of statements for any number of reports, and creates,
// fills, submits and decides them through the access rules and the schema's hooks.
package cycle

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql"
	"github.com/shopspring/decimal"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/monitoring"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/indicator"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/project"
)

// View is a report with its subject, its entries and forecasts, and its budget part.
type View struct {
	Report  *ent.MonitoringReport
	Year    *ent.DepartmentYear
	Project *ent.Project // nil for the overall report
	Point   monitoring.Point
	Entries []*EntryView
	Budget  *BudgetView
}

// EntryView is one indicator of the subject with what the report says of it.
type EntryView struct {
	Indicator *ent.Indicator
	Entry     *ent.MonitoringEntry // nil until something is said of it
	Forecast  monitoring.Forecast
	// LastYear is last year's value at the same point and full-year actual of the
	// indicator of the same name, when last year's report at the point has it.
	LastYearToDate, LastYearFull *decimal.Decimal
}

// MonthPoint is one month of the year's spending curve.
type MonthPoint struct {
	Month         int
	Executed      fixed.Decimal
	TargetPercent fixed.Decimal
	Rate          *decimal.Decimal // executed / adjusted budget in percent
}

// BudgetView is the budget part: spending to date against the month targets.
type BudgetView struct {
	Adjusted       fixed.Decimal
	ExecutedToDate *fixed.Decimal
	FromMonths     bool // read from the month's row (not reported)
	Months         []MonthPoint
	Forecast       monitoring.BudgetForecast
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

func fixedPtr(d *fixed.Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	return ptr(d.Decimal())
}

// indicatorKey matches an indicator with last year's of the same place and name.
func indicatorKey(i *ent.Indicator) string { return i.Level1 + "\x00" + i.Level2 + "\x00" + i.Name }

// Load reads the views of reports (in their order) as the caller may read them:
// ten statements whatever their number.
func Load(ctx context.Context, c *ent.Client, reports []*ent.MonitoringReport) ([]*View, error) {
	if len(reports) == 0 {
		return nil, nil
	}
	var yearIDs, projectIDs, reportIDs []int
	for _, r := range reports {
		yearIDs = append(yearIDs, r.DepartmentYearID)
		reportIDs = append(reportIDs, r.ID)
		if r.ProjectID != nil {
			projectIDs = append(projectIDs, *r.ProjectID)
		}
	}
	years, err := c.DepartmentYear.Query().Where(departmentyear.IDIn(yearIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byYear := map[int]*ent.DepartmentYear{}
	var depts, prevNumbers []int
	for _, y := range years {
		byYear[y.ID] = y
		depts = append(depts, y.DepartmentID)
		prevNumbers = append(prevNumbers, y.Year-1)
	}
	// Last year's department-years: their months, reports and indicators give the pattern.
	prevYears, err := c.DepartmentYear.Query().Where(departmentyear.DepartmentIDIn(depts...), departmentyear.YearIn(prevNumbers...)).All(ctx)
	if err != nil {
		return nil, err
	}
	prevOf := map[int]*ent.DepartmentYear{} // this year's id → last year's row
	var prevIDs []int
	for _, p := range prevYears {
		for _, y := range years {
			if y.DepartmentID == p.DepartmentID && y.Year-1 == p.Year {
				prevOf[y.ID] = p
			}
		}
		prevIDs = append(prevIDs, p.ID)
	}
	allYears := append(slices.Clone(yearIDs), prevIDs...)
	months, err := c.MonthlyExecution.Query().Where(monthlyexecution.DepartmentYearIDIn(allYears...)).
		Order(monthlyexecution.ByMonth()).All(ctx)
	if err != nil {
		return nil, err
	}
	monthsOf := map[int][]*ent.MonthlyExecution{}
	for _, m := range months {
		monthsOf[m.DepartmentYearID] = append(monthsOf[m.DepartmentYearID], m)
	}
	inds, err := c.Indicator.Query().Where(indicator.DepartmentYearIDIn(allYears...)).
		Order(indicator.ByProjectID(sql.OrderNullsFirst()), indicator.ByPosition(), indicator.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	projects, err := c.Project.Query().Where(project.Or(project.IDIn(projectIDs...), project.DepartmentYearIDIn(prevIDs...))).All(ctx)
	if err != nil {
		return nil, err
	}
	byProject := map[int]*ent.Project{}
	for _, p := range projects {
		byProject[p.ID] = p
	}
	prevReports, err := c.MonitoringReport.Query().Where(monitoringreport.DepartmentYearIDIn(prevIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	entries, err := c.MonitoringEntry.Query().
		Where(monitoringentry.ReportIDIn(append(slices.Clone(reportIDs), idsOf(prevReports)...)...)).All(ctx)
	if err != nil {
		return nil, err
	}
	entryOf := map[[2]int]*ent.MonitoringEntry{}
	for _, e := range entries {
		entryOf[[2]int{e.ReportID, e.IndicatorID}] = e
	}

	out := make([]*View, len(reports))
	for i, r := range reports {
		y := byYear[r.DepartmentYearID]
		if y == nil {
			return nil, fmt.Errorf("monitoring report %d: department-year %d is not readable", r.ID, r.DepartmentYearID)
		}
		p, err := monitoring.ParsePoint(r.Point)
		if err != nil {
			return nil, err
		}
		v := &View{Report: r, Year: y, Point: p}
		if r.ProjectID != nil {
			v.Project = byProject[*r.ProjectID]
		}
		// Last year's report at the same day, of the same subject (a project by its name).
		lastYear := map[string][2]*decimal.Decimal{}
		if prev := prevOf[y.ID]; prev != nil {
			lastPoint := p.AddDate(-1, 0, 0).Format("2006-01-02")
			for _, pr := range prevReports {
				if pr.DepartmentYearID != prev.ID || pr.Point != lastPoint || !sameSubject(v.Project, pr.ProjectID, byProject) {
					continue
				}
				for _, ind := range inds {
					if ind.DepartmentYearID != prev.ID || !sameProject(ind.ProjectID, pr.ProjectID) {
						continue
					}
					e := entryOf[[2]int{pr.ID, ind.ID}]
					full := ind.EffectiveActual
					if full == nil {
						full = ind.Actual
					}
					if e != nil && e.ValueToDate != nil && full != nil {
						lastYear[indicatorKey(ind)] = [2]*decimal.Decimal{fixedPtr(e.ValueToDate), fixedPtr(full)}
					}
				}
			}
		}
		for _, ind := range inds {
			if ind.DepartmentYearID != y.ID || !sameProject(ind.ProjectID, r.ProjectID) {
				continue
			}
			ev := &EntryView{Indicator: ind, Entry: entryOf[[2]int{r.ID, ind.ID}]}
			if ly, ok := lastYear[indicatorKey(ind)]; ok {
				ev.LastYearToDate, ev.LastYearFull = ly[0], ly[1]
			}
			ev.Forecast = Forecast(p, ind, ev.Entry, ev.LastYearToDate, ev.LastYearFull)
			v.Entries = append(v.Entries, ev)
		}
		v.Budget = budget(v, monthsOf[y.ID], prevOf[y.ID], monthsOf)
		out[i] = v
	}
	return out, nil
}

func idsOf(rs []*ent.MonitoringReport) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func sameProject(a, b *int) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// sameSubject matches last year's report with this one's subject: the overall
// one, or the project of the same name.
func sameSubject(p *ent.Project, prev *int, byProject map[int]*ent.Project) bool {
	if p == nil || prev == nil {
		return p == nil && prev == nil
	}
	q := byProject[*prev]
	return q != nil && q.Name == p.Name
}

// Forecast is an indicator's forecast at p from its entry (nil: none yet).
func Forecast(p monitoring.Point, ind *ent.Indicator, e *ent.MonitoringEntry, lastToDate, lastFull *decimal.Decimal) monitoring.Forecast {
	in := monitoring.Indicator{
		Qualitative:    ind.Kind == indicator.KindQUALITATIVE,
		Rate:           ind.Unit == "%" || ind.Binding != nil,
		Target:         fixedPtr(ind.Target),
		LastYearToDate: lastToDate, LastYearFull: lastFull,
	}
	if ind.Binding != nil && *ind.Binding == indicator.BindingEXECUTION_RATE {
		// Spending to date grows with the year: scaled like a count, at most 100 %.
		in.Rate, in.Cap = false, ptr(decimal.NewFromInt(100))
	}
	if ind.Operator != nil {
		in.Reverse = *ind.Operator == indicator.OperatorAtMost || *ind.Operator == indicator.OperatorBelow
		in.Equal = *ind.Operator == indicator.OperatorEqual
	}
	var o monitoring.Override
	if e != nil {
		in.ValueToDate = fixedPtr(e.ValueToDate)
		o.Expected = fixedPtr(e.ExpectedOverride)
		o.Reason = e.OverrideReason
		if e.LikelihoodOverride != nil {
			o.Likelihood = monitoring.Likelihood(*e.LikelihoodOverride)
		}
	}
	return monitoring.Expect(p, in, o)
}

// budget is the budget part of v: a department-year's months (or the amount
// reported), a project's reported amount.
func budget(v *View, months []*ent.MonthlyExecution, prev *ent.DepartmentYear, monthsOf map[int][]*ent.MonthlyExecution) *BudgetView {
	b := &BudgetView{}
	month := v.Point.CompleteMonth()
	in := monitoring.Budget{}
	if v.Project != nil {
		b.Adjusted = v.Project.Budget
	} else {
		b.Adjusted = assess.TotalsOf(v.Year).TotalBudget
		for _, m := range months {
			mp := MonthPoint{Month: m.Month, Executed: m.CumulativeExecuted, TargetPercent: m.TargetPercent}
			if b.Adjusted > 0 {
				mp.Rate = ptr(m.CumulativeExecuted.Decimal().Mul(decimal.NewFromInt(100)).DivRound(b.Adjusted.Decimal(), 2))
			}
			b.Months = append(b.Months, mp)
			if m.Month == month {
				e := m.CumulativeExecuted
				b.ExecutedToDate, b.FromMonths = &e, true
				if m.TargetPercent > 0 {
					in.TargetPercent = ptr(m.TargetPercent.Decimal())
				}
			}
		}
		if prev != nil {
			var atMonth, full *decimal.Decimal
			for _, m := range monthsOf[prev.ID] {
				if m.Month == month {
					atMonth = ptr(m.CumulativeExecuted.Decimal())
				}
				if m.Month == 12 {
					full = ptr(m.CumulativeExecuted.Decimal())
				}
			}
			if full == nil {
				full = ptr(assess.TotalsOf(prev).TotalActual.Decimal())
			}
			in.LastYearToDate, in.LastYearFull = atMonth, full
		}
	}
	if v.Report.BudgetExecuted != nil {
		e := *v.Report.BudgetExecuted
		b.ExecutedToDate, b.FromMonths = &e, false
	}
	in.Adjusted = b.Adjusted.Decimal()
	in.ExecutedToDate = fixedPtr(b.ExecutedToDate)
	b.Forecast = monitoring.ExpectBudget(v.Point, in, fixedPtr(v.Report.BudgetExpectedOverride), v.Report.BudgetOverrideReason)
	return b
}

// Problems is what keeps v from submission.
func Problems(v *View) []monitoring.Problem {
	entries := make([]monitoring.Entry, len(v.Entries))
	for i, e := range v.Entries {
		me := monitoring.Entry{Indicator: e.Indicator.ID, Name: e.Indicator.Name,
			Qualitative: e.Indicator.Kind == indicator.KindQUALITATIVE, Forecast: e.Forecast}
		if x := e.Entry; x != nil {
			me.ValueToDate = fixedPtr(x.ValueToDate)
			me.Override = monitoring.Override{Expected: fixedPtr(x.ExpectedOverride), Reason: x.OverrideReason}
			if x.LikelihoodOverride != nil {
				me.Override.Likelihood = monitoring.Likelihood(*x.LikelihoodOverride)
			}
			me.Cause, me.Measure = x.Cause, x.Measure
		}
		entries[i] = me
	}
	r := v.Report
	return monitoring.Problems(entries, &v.Budget.Forecast, r.BudgetExpectedOverride != nil, r.BudgetOverrideReason, r.BudgetCause, r.BudgetMeasure)
}
