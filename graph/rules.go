package graph

import (
	"strings"
	"sync"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"

	"jixiao/domain/scoring"
	gen "jixiao/ent"
	"jixiao/ent/indicator"
	"jixiao/ent/schema"
	"jixiao/graph/model"
)

// limits is what the limits query serves: computed once, from the schema's own
// validators and the built-in rules' bands (an indicator's ratedScoreBand is its
// own rules'), so that a form checks what the server checks.
var limits = sync.OnceValue(func() *model.Limits {
	out := &model.Limits{}
	for _, t := range []struct {
		name   string
		schema ent.Interface
	}{
		{"Department", schema.Department{}}, {"DepartmentYear", schema.DepartmentYear{}},
		{"KeyTask", schema.KeyTask{}}, {"Project", schema.Project{}}, {"Indicator", schema.Indicator{}},
		{"Evaluation", schema.Evaluation{}}, {"ReportText", schema.ReportText{}},
		{"LibraryIndicator", schema.LibraryIndicator{}},
		{"User", schema.User{}}, {"APIToken", schema.APIToken{}},
	} {
		for _, f := range fieldsOf(t.schema) {
			if l := textLimit(t.name, f.Descriptor()); l != nil {
				out.Fields = append(out.Fields, l)
			}
		}
	}
	out.RatingBands = ratingBands(scoring.Default())
	return out
})

// ratingBands are the three ratings' bands under rules, as shares of the weight.
func ratingBands(rules scoring.Rules) []*model.RatingBand {
	var out []*model.RatingBand
	for _, r := range []scoring.Rating{scoring.Achieved, scoring.Partial, scoring.NotAchieved} {
		lo, hi, incl := rules.Band(r)
		out = append(out, &model.RatingBand{Rating: indicator.Rating(r), Low: dec(lo), High: dec(hi), HighInclusive: incl})
	}
	return out
}

// fieldsOf is a schema's fields with its mixins'.
func fieldsOf(s ent.Interface) []ent.Field {
	var out []ent.Field
	for _, m := range s.Mixin() {
		out = append(out, m.Fields()...)
	}
	return append(out, s.Fields()...)
}

// probeMax bounds the search: no text field takes a million characters.
const probeMax = 1 << 20

// textLimit asks a string field's validators how long a text they accept, once
// in ASCII and once in Chinese: equal answers mean a limit in characters, a
// Chinese answer a third of the ASCII one a limit in bytes. A field whose
// validators refuse both one-character probes (a code of a fixed format) keeps
// the size its schema declares, in bytes; an unbounded field has no limit.
func textLimit(typ string, d *field.Descriptor) *model.FieldLimit {
	if d.Err != nil || d.Info == nil || d.Info.Type != field.TypeString {
		return nil
	}
	var checks []func(string) error
	for _, v := range d.Validators {
		if f, ok := v.(func(string) error); ok {
			checks = append(checks, f)
		}
	}
	accepts := func(s string) bool {
		for _, c := range checks {
			if c(s) != nil {
				return false
			}
		}
		return true
	}
	l := &model.FieldLimit{Type: typ, Field: lowerFirst(camel(d.Name))}
	ascii, cjk := longest(accepts, "a"), longest(accepts, "中")
	switch {
	case ascii == 0 && d.Size > 0:
		l.MaxBytes = &d.Size
	case ascii == 0 || ascii >= probeMax:
		return nil
	case cjk == ascii:
		l.MaxLength = &ascii
	default:
		l.MaxBytes = &ascii
	}
	return l
}

// longest is the greatest n ≤ probeMax for which accepts(unit×n) holds, 0 when
// even one unit is refused; accepts is monotone above 1 for a length limit.
func longest(accepts func(string) bool, unit string) int {
	if !accepts(unit) {
		return 0
	}
	lo, hi := 1, 2
	for hi <= probeMax && accepts(strings.Repeat(unit, hi)) {
		lo, hi = hi, hi*2
	}
	if hi > probeMax {
		return probeMax
	}
	for hi-lo > 1 { // accepts lo, refuses hi
		mid := (lo + hi) / 2
		if accepts(strings.Repeat(unit, mid)) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// ratedScoreBand is the band ind's rating allows under rules, in points of its weight.
func ratedScoreBand(ind *gen.Indicator, rules scoring.Rules) *model.RatingBand {
	if ind.Kind != indicator.KindQUALITATIVE || ind.Rating == nil || ind.Weight.Decimal().Sign() <= 0 {
		return nil
	}
	r := scoring.Rating(*ind.Rating)
	if !r.Valid() || r == scoring.NotRated {
		return nil
	}
	lo, hi, incl := rules.Band(r)
	w := ind.Weight.Decimal()
	return &model.RatingBand{Rating: *ind.Rating, Low: dec(w.Mul(lo)), High: dec(w.Mul(hi)), HighInclusive: incl}
}
