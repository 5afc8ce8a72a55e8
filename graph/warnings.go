package graph

import (
	"context"

	"jixiao/domain/assess"
	"jixiao/domain/scoring"
	"jixiao/domain/warnings"
	"jixiao/ent"
	"jixiao/graph/loader"
	"jixiao/graph/model"
)

// Warnings are read through the request's loaders, under the caller's own access
// rules, history included: the same department's earlier years are history only
// where the caller may read them. For a signed-in caller, whose rules go by
// department, that is every earlier year of a department whose year they read; for
// the public, whose rules go by publication, an unpublished year stays hidden and warns
// about nothing. Nothing a warning says comes from a row the caller could not query.

// history is what the warnings read of dy's department's two previous years.
func history(ctx context.Context, dy *ent.DepartmentYear) (warnings.History, error) {
	l := loader.For(ctx)
	thunks := make([]func() (*ent.DepartmentYear, error), 2)
	for i := range thunks {
		thunks[i] = l.YearOf.LoadThunk(ctx, loader.DepartmentYearKey{Department: dy.DepartmentID, Year: dy.Year - 1 - i})
	}
	var years []*ent.DepartmentYear
	for _, th := range thunks {
		y, err := th()
		if err != nil {
			return nil, err
		}
		if y != nil {
			years = append(years, y)
		}
	}
	type pending struct {
		inds     func() ([]*ent.Indicator, error)
		projects func() ([]*ent.Project, error)
	}
	loads := make([]pending, len(years))
	for i, y := range years {
		loads[i] = pending{l.History.LoadThunk(ctx, y.ID), l.Projects.LoadThunk(ctx, y.ID)}
	}
	byYear := make(map[int][]*ent.Indicator, len(years))
	projects := map[int]*ent.Project{}
	for i, y := range years {
		inds, err := loads[i].inds()
		if err != nil {
			return nil, err
		}
		ps, err := loads[i].projects()
		if err != nil {
			return nil, err
		}
		byYear[y.Year] = inds
		for _, p := range ps {
			projects[p.ID] = p
		}
	}
	return assess.WarningHistory(byYear, projects), nil
}

// indicatorWarnings are ind's own warnings (a subject's are its evaluation's).
func indicatorWarnings(ctx context.Context, ind *ent.Indicator) ([]*model.Warning, error) {
	l := loader.For(ctx)
	year := l.Year.LoadThunk(ctx, ind.DepartmentYearID)
	project := func() (*ent.Project, error) { return nil, nil }
	if ind.ProjectID != nil {
		project = l.Project.LoadThunk(ctx, *ind.ProjectID)
	}
	dy, err := year()
	if err != nil {
		return nil, err
	}
	p, err := project()
	if err != nil {
		return nil, err
	}
	if ind.ProjectID != nil && p == nil {
		return []*model.Warning{}, nil // hidden with its project
	}
	hist, y, err := historyOf(ctx, dy)
	if err != nil {
		return nil, err
	}
	rules, err := governing(ctx, dy)
	if err != nil {
		return nil, err
	}
	w := assess.WarningIndicator(ind, p)
	return fromWarnings(warnings.Check(w, y, hist.Of(w), rules), map[string]*ent.Indicator{w.Key: ind}, nil), nil
}

// governing is the rules that govern dy's year now (the built-in ones for a year
// the caller may not read): warnings speak of the year's targets, not of a score.
func governing(ctx context.Context, dy *ent.DepartmentYear) (scoring.Rules, error) {
	if dy == nil {
		return scoring.Default(), nil
	}
	yr, err := loader.For(ctx).Rules.Load(ctx, dy.ID)
	if err != nil {
		return scoring.Rules{}, err
	}
	return yr.Governing().Rules, nil
}

// historyOf is history(dy) and dy's year; none for a year the caller may not read
// (the public may read a published project's indicators in an unpublished year).
func historyOf(ctx context.Context, dy *ent.DepartmentYear) (warnings.History, int, error) {
	if dy == nil {
		return nil, 0, nil
	}
	h, err := history(ctx, dy)
	return h, dy.Year, err
}

// subjectWarnings are the warnings of one subject's indicators (p nil: the overall
// ones), each indicator's and then the subject's.
func subjectWarnings(inds []*ent.Indicator, p *ent.Project, year int, hist warnings.History, rules scoring.Rules) []*model.Warning {
	out := []*model.Warning{}
	byKey := make(map[string]*ent.Indicator, len(inds))
	all := make([]warnings.Indicator, len(inds))
	for i, ind := range inds {
		all[i] = assess.WarningIndicator(ind, p)
		byKey[all[i].Key] = ind
		out = append(out, fromWarnings(warnings.Check(all[i], year, hist.Of(all[i]), rules), byKey, nil)...)
	}
	return append(out, fromWarnings(warnings.CheckSubject(all), nil, p)...)
}

// yearWarnings are every warning of a department-year: its overall indicators', each
// project's, then its months'.
func yearWarnings(ctx context.Context, dy *ent.DepartmentYear) ([]*model.Warning, error) {
	l := loader.For(ctx)
	overall := l.Indicators.LoadThunk(ctx, loader.Subject{Year: dy.ID})
	projects := l.Projects.LoadThunk(ctx, dy.ID)
	months := l.Months.LoadThunk(ctx, dy.ID)
	hist, err := history(ctx, dy)
	if err != nil {
		return nil, err
	}
	rules, err := governing(ctx, dy)
	if err != nil {
		return nil, err
	}
	ps, err := projects()
	if err != nil {
		return nil, err
	}
	own := make([]func() ([]*ent.Indicator, error), len(ps))
	for i, p := range ps {
		own[i] = l.Indicators.LoadThunk(ctx, loader.Subject{Year: dy.ID, Project: p.ID})
	}
	inds, err := overall()
	if err != nil {
		return nil, err
	}
	out := subjectWarnings(inds, nil, dy.Year, hist, rules)
	for i, p := range ps {
		inds, err := own[i]()
		if err != nil {
			return nil, err
		}
		out = append(out, subjectWarnings(inds, p, dy.Year, hist, rules)...)
	}
	ms, err := months()
	if err != nil {
		return nil, err
	}
	return append(out, fromWarnings(warnings.CheckMonths(assess.WarningMonths(ms)), nil, nil)...), nil
}

// evaluationWarnings are what ev's submission warns about: its subject's, and for an
// overall evaluation its year's months'.
func evaluationWarnings(ctx context.Context, ev *ent.Evaluation) ([]*model.Warning, error) {
	s, err := subject(ctx, loader.SubjectOf(ev), true)
	if err != nil {
		return nil, err
	}
	if ev.ProjectID != nil && s.Project == nil {
		return []*model.Warning{}, nil
	}
	hist, year, err := historyOf(ctx, s.Year)
	if err != nil {
		return nil, err
	}
	rules, err := governing(ctx, s.Year)
	if err != nil {
		return nil, err
	}
	out := subjectWarnings(s.Indicators, s.Project, year, hist, rules)
	if s.Project == nil {
		out = append(out, fromWarnings(warnings.CheckMonths(assess.WarningMonths(s.Months)), nil, nil)...)
	}
	return out, nil
}

// fromWarnings turns ws into the API's warnings: inds finds the indicator a warning
// names by its key; p is the project of a subject's warnings, named in its params.
func fromWarnings(ws []warnings.Warning, inds map[string]*ent.Indicator, p *ent.Project) []*model.Warning {
	out := make([]*model.Warning, len(ws))
	for i, w := range ws {
		params := make(map[string]any, len(w.Params)+1) // never null: a UI interpolates it as it is
		for k, v := range w.Params {
			params[k] = v
		}
		mw := &model.Warning{Code: model.WarningCode(w.Code), Message: w.Message, Params: params}
		if w.Indicator != "" {
			mw.Indicator = inds[w.Indicator]
		} else if w.Month == 0 && p != nil {
			mw.Project, params["project"] = p, p.Name
		}
		if w.Month != 0 {
			month := w.Month
			mw.Month = &month
		}
		out[i] = mw
	}
	return out
}
