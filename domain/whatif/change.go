package whatif

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/platform/inputerr"
)

// IndicatorChange is a hypothetical change of one indicator: each value given
// replaces the indicator's own in the calculation.
type IndicatorChange struct {
	ID                                 int
	Actual, Target, Weight, RatedScore *decimal.Decimal
	Rating                             *scoring.Rating
}

// FigureChanges are hypothetical figures of the department-year (万元): each
// given replaces the stored one, and every indicator bound to a formula over it
// is derived again.
type FigureChanges struct {
	PersonnelBudget, PersonnelActual     *decimal.Decimal
	PublicBudget, PublicActual           *decimal.Decimal
	ProjectBudget, ProjectActual         *decimal.Decimal
	CarryoverEnd                         *decimal.Decimal
	ThreePublicBudget, ThreePublicActual *decimal.Decimal
	AssetsInUse, AssetsTotal             *decimal.Decimal
}

// ProjectChange is a hypothetical budget or executed amount of the project (万元).
type ProjectChange struct {
	Budget, Executed *decimal.Decimal
}

// Changes are the hypothetical changes of one what-if.
type Changes struct {
	Indicators []IndicatorChange
	Figures    FigureChanges
	Project    ProjectChange
}

// Reasons of a refused change (the error's inputerr.Reason.Code), beside
// inputerr's NEGATIVE, NOT_POSITIVE, TOO_LARGE and TOO_SMALL. Every reason about
// an indicator has params indicatorID and indicatorName (and index, its place in
// the list of changes).
const (
	// NotInEvaluation: the id names no indicator of the evaluation (one of
	// another evaluation, or none at all: the two answer alike).
	NotInEvaluation = "NOT_IN_EVALUATION"
	// Duplicate: the same indicator is changed twice in one what-if.
	Duplicate = "DUPLICATE"
	// NotApplicable: the field does not apply to the indicator's kind (a target
	// of a qualitative indicator, a rating of a quantitative one), or the figures
	// to a project's evaluation, or a project to an overall one. Params: kind.
	NotApplicable = "NOT_APPLICABLE"
	// Derived: a typed actual of an indicator whose actual is derived from the
	// figures. Params: binding.
	Derived = "DERIVED"
	// RatingMissing: a rated score without a rating.
	RatingMissing = string(scoring.RatingMissing)
	// OutsideBand: a rated score outside its rating's band. Params as scoring's
	// RATED_SCORE_OUTSIDE_BAND: score, rating, weight, low, high, highInclusive.
	OutsideBand = string(scoring.RatedScoreOutsideBand)
)

// Apply returns a copy of s with c applied, checked as a save of the same
// values would be checked: the indicators named must be s's, each once; a
// target, a rated score and the figures are not negative; a weight is
// positive; a field applies to its indicator (no target or actual for a
// qualitative indicator, no typed actual for a bound one, no rating for a
// quantitative one); a rated score lies in its rating's band of its weight
// under r (the band of the new rating and weight when they change too). s is
// left as it was. The first problem found is returned as an *inputerr.Error
// naming the input field, with a reason and params.
func Apply(s Subject, c Changes, r scoring.Rules) (Subject, error) {
	out := s.clone()
	at := make(map[int]int, len(s.Indicators))
	for i, ind := range s.Indicators {
		at[ind.ID] = i
	}
	seen := map[int]bool{}
	for n, ch := range c.Indicators {
		i, ok := at[ch.ID]
		if !ok {
			return Subject{}, refused("id", NotInEvaluation, map[string]string{"indicatorID": strconv.Itoa(ch.ID), "index": strconv.Itoa(n)},
				"indicator %d is not an indicator of this evaluation", ch.ID)
		}
		if seen[ch.ID] {
			return Subject{}, refused("id", Duplicate, map[string]string{"indicatorID": strconv.Itoa(ch.ID), "index": strconv.Itoa(n)},
				"indicator %d is changed twice; give each indicator once", ch.ID)
		}
		seen[ch.ID] = true
		ind, err := applyIndicator(out.Indicators[i], ch, r)
		if err != nil {
			var bad *inputerr.Error
			if errors.As(err, &bad) && bad.Reason != nil {
				bad.Reason.Params["indicatorID"] = strconv.Itoa(ind.ID)
				bad.Reason.Params["indicatorName"] = ind.Name
				bad.Reason.Params["index"] = strconv.Itoa(n)
				bad.Message = fmt.Sprintf("indicator %d (%s): %s", ind.ID, ind.Name, bad.Message)
				bad.Reason.Text = bad.Message
			}
			return Subject{}, err
		}
		out.Indicators[i] = ind
	}
	if err := applyFigures(&out, c.Figures); err != nil {
		return Subject{}, err
	}
	if err := applyProject(&out, c.Project); err != nil {
		return Subject{}, err
	}
	return out, nil
}

// applyIndicator is ind with ch applied; the returned indicator names ind even on error.
func applyIndicator(ind Indicator, ch IndicatorChange, r scoring.Rules) (Indicator, error) {
	qualitative := ind.Kind == scoring.Qualitative
	kind := map[string]string{"kind": string(ind.Kind)}
	if ch.Target != nil {
		switch {
		case qualitative:
			return ind, refused("target", NotApplicable, kind, "a qualitative indicator has no numeric target")
		case ch.Target.IsNegative():
			return ind, refused("target", inputerr.Negative, nil, "must not be negative, got %s", ch.Target)
		}
		if err := atMost("target", *ch.Target, fixed.MaxQuantity, false); err != nil {
			return ind, err
		}
		ind.Target = *ch.Target
	}
	if ch.Actual != nil {
		switch {
		case qualitative:
			return ind, refused("actual", NotApplicable, kind, "a qualitative indicator has no numeric actual value; give a rating and a rated score")
		case ind.Binding != scoring.NoBinding:
			return ind, refused("actual", Derived, map[string]string{"binding": string(ind.Binding)},
				"the actual value of an indicator bound to %s is derived from the figures; change the figures instead", ind.Binding)
		}
		if err := atMost("actual", *ch.Actual, fixed.MaxQuantity, true); err != nil {
			return ind, err
		}
		v := *ch.Actual
		ind.Actual = &v
	}
	if ch.Weight != nil {
		if !ch.Weight.IsPositive() {
			return ind, refused("weight", inputerr.NotPositive, nil, "must be greater than 0, got %s", ch.Weight)
		}
		if err := atMost("weight", *ch.Weight, fixed.MaxWeight, false); err != nil {
			return ind, err
		}
		ind.Weight = *ch.Weight
	}
	if ch.Rating != nil {
		if !qualitative {
			return ind, refused("rating", NotApplicable, kind, "only a qualitative indicator has a rating")
		}
		ind.Rating = *ch.Rating
	}
	if ch.RatedScore != nil {
		switch {
		case !qualitative:
			return ind, refused("ratedScore", NotApplicable, kind, "only a qualitative indicator has a rated score; its score is computed")
		case ch.RatedScore.IsNegative():
			return ind, refused("ratedScore", inputerr.Negative, nil, "must not be negative, got %s", ch.RatedScore)
		}
		if err := atMost("ratedScore", *ch.RatedScore, fixed.MaxWeight, false); err != nil {
			return ind, err
		}
		v := *ch.RatedScore
		ind.RatedScore = &v
	}
	// The band, as a save checks it: whenever the indicator has a rated score
	// and one of the values the band depends on changes.
	if qualitative && ind.RatedScore != nil && (ch.RatedScore != nil || ch.Rating != nil || ch.Weight != nil) {
		if ind.Rating == scoring.NotRated {
			return ind, refused("rating", RatingMissing, nil, "is required with a rated score")
		}
		if err := r.CheckRatedScore(ind.Rating, *ind.RatedScore, ind.Weight); err != nil {
			var band *scoring.BandError
			if errors.As(err, &band) {
				return ind, refused("ratedScore", OutsideBand, band.Params(), "%v", err)
			}
			return ind, refused("ratedScore", inputerr.Invalid, nil, "%v", err)
		}
	}
	return ind, nil
}

// figure is one of the department-year's figures: its GraphQL name, where it
// sits in Figures and where a change of it sits in FigureChanges.
type figure struct {
	field  string
	value  func(*Figures) *decimal.Decimal
	change func(*FigureChanges) *decimal.Decimal
}

// figures lists the figures in the order the forms show them.
var figures = []figure{
	{"personnelBudget", func(f *Figures) *decimal.Decimal { return &f.PersonnelBudget }, func(c *FigureChanges) *decimal.Decimal { return c.PersonnelBudget }},
	{"personnelActual", func(f *Figures) *decimal.Decimal { return &f.PersonnelActual }, func(c *FigureChanges) *decimal.Decimal { return c.PersonnelActual }},
	{"publicBudget", func(f *Figures) *decimal.Decimal { return &f.PublicBudget }, func(c *FigureChanges) *decimal.Decimal { return c.PublicBudget }},
	{"publicActual", func(f *Figures) *decimal.Decimal { return &f.PublicActual }, func(c *FigureChanges) *decimal.Decimal { return c.PublicActual }},
	{"projectBudget", func(f *Figures) *decimal.Decimal { return &f.ProjectBudget }, func(c *FigureChanges) *decimal.Decimal { return c.ProjectBudget }},
	{"projectActual", func(f *Figures) *decimal.Decimal { return &f.ProjectActual }, func(c *FigureChanges) *decimal.Decimal { return c.ProjectActual }},
	{"carryoverEnd", func(f *Figures) *decimal.Decimal { return &f.CarryoverEnd }, func(c *FigureChanges) *decimal.Decimal { return c.CarryoverEnd }},
	{"threePublicBudget", func(f *Figures) *decimal.Decimal { return &f.ThreePublicBudget }, func(c *FigureChanges) *decimal.Decimal { return c.ThreePublicBudget }},
	{"threePublicActual", func(f *Figures) *decimal.Decimal { return &f.ThreePublicActual }, func(c *FigureChanges) *decimal.Decimal { return c.ThreePublicActual }},
	{"assetsInUse", func(f *Figures) *decimal.Decimal { return &f.AssetsInUse }, func(c *FigureChanges) *decimal.Decimal { return c.AssetsInUse }},
	{"assetsTotal", func(f *Figures) *decimal.Decimal { return &f.AssetsTotal }, func(c *FigureChanges) *decimal.Decimal { return c.AssetsTotal }},
}

// figureNamed is the figure whose GraphQL name is field.
func figureNamed(field string) figure {
	for _, f := range figures {
		if f.field == field {
			return f
		}
	}
	panic("whatif: no figure " + field)
}

func applyFigures(s *Subject, c FigureChanges) error {
	for _, f := range figures {
		v := f.change(&c)
		if v == nil {
			continue
		}
		if s.Project != nil {
			return refused(f.field, NotApplicable, map[string]string{"kind": "PROJECT"},
				"a project's evaluation is not scored by its department-year's figures; change the project's budget or executed amount")
		}
		if err := money(f.field, *v); err != nil {
			return err
		}
		*f.value(&s.Figures) = *v
	}
	return nil
}

func applyProject(s *Subject, c ProjectChange) error {
	for _, f := range []struct {
		field  string
		change *decimal.Decimal
		value  func(*Project) *decimal.Decimal
	}{
		{"budget", c.Budget, func(p *Project) *decimal.Decimal { return &p.Budget }},
		{"executed", c.Executed, func(p *Project) *decimal.Decimal { return &p.Executed }},
	} {
		if f.change == nil {
			continue
		}
		if s.Project == nil {
			return refused(f.field, NotApplicable, map[string]string{"kind": "OVERALL"},
				"a department-year's overall evaluation has no project; change its figures instead")
		}
		if err := money(f.field, *f.change); err != nil {
			return err
		}
		*f.value(s.Project) = *f.change
	}
	return nil
}

// money checks an amount as the store does: not negative, at most fixed.MaxMoney.
func money(field string, v decimal.Decimal) error {
	if v.IsNegative() {
		return refused(field, inputerr.Negative, nil, "must not be negative, got %s", v)
	}
	return atMost(field, v, fixed.MaxMoney, false)
}

// atMost refuses a value above max (or below -max when signed), as the store does.
func atMost(field string, v decimal.Decimal, max fixed.Decimal, signed bool) error {
	m := max.Decimal()
	switch {
	case v.GreaterThan(m):
		return refused(field, inputerr.TooLarge, map[string]string{"max": max.String(), "got": v.String()}, "must be at most %s, got %s", max, v)
	case signed && v.LessThan(m.Neg()):
		return refused(field, inputerr.TooSmall, map[string]string{"min": (-max).String(), "got": v.String()}, "must be at least -%s, got %s", max, v)
	}
	return nil
}

// refused is a refused value of field with a reason code and its params.
func refused(field, code string, params map[string]string, format string, args ...any) error {
	reason := inputerr.Refused(code, nil, format, args...)
	for k, v := range params {
		reason.Params[k] = v
	}
	return inputerr.WithReason(field, reason)
}
