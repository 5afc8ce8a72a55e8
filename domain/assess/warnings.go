package assess

import (
	"strconv"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/domain/warnings"
	"jixiao/ent"
)

// WarningIndicator is what package warnings reads of ind: its figures as typed and
// the values package kept stored for it (never recomputed here). p is its project,
// nil for an overall indicator.
func WarningIndicator(ind *ent.Indicator, p *ent.Project) warnings.Indicator {
	out := warnings.Indicator{
		Key: IndicatorKey(ind.ID), Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name,
		Kind: scoring.Kind(ind.Kind), Unit: ind.Unit, Bound: ind.Binding != nil,
		Target: fixed.Ptr(ind.Target), Actual: fixed.Ptr(ind.Actual),
		EffectiveActual: fixed.Ptr(ind.EffectiveActual), CompletionRate: fixed.Ptr(ind.CompletionRate),
	}
	if ind.Operator != nil {
		out.Operator = scoring.Operator(*ind.Operator)
	}
	if out.Bound {
		out.Actual = nil // a bound indicator's stored actual is not what scoring reads
	}
	if p != nil {
		out.Project = &warnings.Project{Code: p.Code, Name: p.Name}
	}
	return out
}

// IndicatorKey is the key warnings carry for indicator id.
func IndicatorKey(id int) string { return strconv.Itoa(id) }

// WarningHistory is a department's earlier years for package warnings: each year's
// indicators (in position order) with their projects. projects holds every project
// the indicators name.
func WarningHistory(years map[int][]*ent.Indicator, projects map[int]*ent.Project) warnings.History {
	h := make(warnings.History, len(years))
	for year, inds := range years {
		for _, ind := range inds {
			var p *ent.Project
			if ind.ProjectID != nil {
				if p = projects[*ind.ProjectID]; p == nil {
					continue // a project the caller may not read: its indicators are not history
				}
			}
			h[year] = append(h[year], WarningIndicator(ind, p))
		}
	}
	return h
}

// WarningMonths are a year's months for package warnings.
func WarningMonths(months []*ent.MonthlyExecution) []warnings.Month {
	out := make([]warnings.Month, len(months))
	for i, m := range months {
		out[i] = warnings.Month{Month: m.Month, CumulativeExecuted: m.CumulativeExecuted.Decimal()}
	}
	return out
}
