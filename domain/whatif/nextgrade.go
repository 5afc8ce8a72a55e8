package whatif

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/domain/warnings"
)

// Outcome is what one leaf can do for the next grade.
type Outcome string

const (
	// Reaches: a change of the leaf alone lifts the total to the next grade; To
	// is the smallest such change.
	Reaches Outcome = "REACHES"
	// Cannot: even the change that gives the leaf its full weight leaves the
	// total below the next grade (or no change of its value can score it: a
	// formula whose denominator is 0).
	Cannot Outcome = "CANNOT"
	// Full: the leaf already scores its full weight; it has nothing to give.
	Full Outcome = "FULL"
)

// Need is one leaf of an evaluation (an indicator, or a project's execution
// item) with the points it lost and what a change of it alone would do for the
// next grade.
type Need struct {
	// Indicator is the indicator's id; 0 for a project's execution item.
	Indicator            int
	Level1, Level2, Name string
	Unit                 string
	Binding              scoring.Binding
	Weight, Score        decimal.Decimal
	// PointsLost is weight − score: where the evaluation's points went.
	PointsLost decimal.Decimal
	// Outcome is "" when there is no next grade.
	Outcome Outcome
	// Field is the value that changes: "actual" (a typed quantitative
	// indicator's), "ratedScore" (a qualitative one's, its rating following the
	// band the score lies in), for a bound indicator the figure in its formula's
	// numerator (projectActual for EXECUTION_RATE, carryoverEnd, assetsInUse,
	// publicActual, threePublicActual), or "executed" for a project's execution
	// item. Empty when Outcome is Full or "".
	Field string
	// Places is the precision the value is looked for at: 0 for a count typed
	// in whole numbers (人次, 篇, 个… with a whole target), else 2.
	Places int32
	// From is the value now (nil: none entered); To the smallest change that
	// reaches the next grade (Reaches only).
	From, To *decimal.Decimal
	// Rating is the rating a qualitative indicator's score To lies in.
	Rating scoring.Rating
	// Actual is a bound indicator's actual value derived with the figure at To.
	Actual *decimal.Decimal
	// ScoreAfter and TotalAfter are the leaf's score and the evaluation's total
	// with To (Reaches only); for a figure they count every indicator the
	// figure moves.
	ScoreAfter, TotalAfter *decimal.Decimal
}

// Next is what it would take an evaluation to reach its next grade.
type Next struct {
	Total decimal.Decimal
	Grade scoring.Grade
	// Next is the grade above Grade; "" at the top grade.
	Next scoring.Grade
	// From is Next's lowest total; Gap is From − Total.
	From, Gap decimal.Decimal
	// Needs lists every leaf in the subject's order, a project's execution item last.
	Needs []Need
}

// NextGrade says, for each leaf of s, the points it lost and, when s is below
// the top grade under r, the smallest change of that leaf alone that would lift
// the total to the next grade's lowest total, or that none can.
//
// A leaf's value is looked for at the precision it is entered in (Need.Places),
// in the direction that raises its score: a higher actual for ≥ > =, a lower one
// for ≤ <, a higher rated score (up to the weight, its rating following), a
// figure up or down as its indicator's operator says. Each candidate is rescored
// by package scoring, the whole subject for a figure (so that a figure counts in
// every indicator bound to it), and the smallest value that reaches is found by
// bisection between the value now and the value that gives the leaf its full
// weight: exact, as a score never falls when its value moves its own way.
// (Under a rule set where = is met only by its target, that target is the only
// candidate.)
func NextGrade(s Subject, r scoring.Rules) Next {
	base := Score(s, r)
	out := Next{Total: base.Total, Grade: base.Grade}
	if next, ok := nextGradeOf(base.Grade); ok {
		out.Next = next
		out.From, _, _ = r.GradeRange(next)
		out.Gap = out.From.Sub(base.Total)
	}
	f := s.Figures.Scoring()
	for i, ind := range s.Indicators {
		in := s.input(i, f)
		score := base.Indicators[i].Score
		n := Need{Indicator: ind.ID, Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name, Unit: ind.Unit,
			Binding: ind.Binding, Weight: in.Weight, Score: score, PointsLost: in.Weight.Sub(score)}
		if out.Next != "" {
			l := indicatorLever(s, i, r, base)
			l.need(&n, out.From)
		}
		out.Needs = append(out.Needs, n)
	}
	if p := s.Project; p != nil {
		item := *base.ExecutionScore
		n := Need{Level1: ExecutionItemGroup, Name: ExecutionItemGroup, Unit: "万元", Weight: r.ExecutionWeight,
			Score: item, PointsLost: r.ExecutionWeight.Sub(item)}
		if out.Next != "" {
			l := lever{field: "executed", from: &p.Executed, dir: 1, places: moneyPlaces, full: p.Budget,
				cannot: !p.Budget.IsPositive(),
				total: func(v decimal.Decimal) (decimal.Decimal, decimal.Decimal, *decimal.Decimal) {
					after := r.ExecutionItemScore(v, p.Budget)
					return base.Total.Sub(item).Add(after), after, nil
				}}
			l.need(&n, out.From)
		}
		out.Needs = append(out.Needs, n)
	}
	return out
}

// nextGradeOf is the grade above g.
func nextGradeOf(g scoring.Grade) (scoring.Grade, bool) {
	switch g {
	case scoring.Poor:
		return scoring.Fair, true
	case scoring.Fair:
		return scoring.Good, true
	case scoring.Good:
		return scoring.Excellent, true
	}
	return "", false
}

// moneyPlaces is the precision of an amount of money: 万元 with 2 decimals.
const moneyPlaces = 2

// lever is one way to move a leaf's score: a value to set and how the
// evaluation's total follows it.
type lever struct {
	field  string
	from   *decimal.Decimal // the value now; nil when none is entered
	dir    int              // +1: a higher value scores more; -1: a lower one
	places int32
	// full is a value at which the leaf scores its full weight.
	full decimal.Decimal
	// exact: only full itself scores (= not scored like ≥).
	exact bool
	// min is the lowest value the field takes (0 for money); nil for none.
	min *decimal.Decimal
	// cannot: no value of the field scores the leaf (its formula's denominator is 0).
	cannot bool
	// total is the evaluation's total, the leaf's score and (for a figure) its
	// indicator's derived actual with the field at v.
	total func(v decimal.Decimal) (total, score decimal.Decimal, actual *decimal.Decimal)
	// rating is the rating that goes with a qualitative indicator's score v.
	rating func(v decimal.Decimal) scoring.Rating
}

// need fills in n's outcome for the next grade's lowest total from.
func (l lever) need(n *Need, from decimal.Decimal) {
	if !n.PointsLost.IsPositive() {
		n.Outcome = Full
		return
	}
	n.Field, n.Places, n.From = l.field, l.places, l.from
	to, ok := l.search(from)
	if !ok {
		n.Outcome = Cannot
		return
	}
	total, score, actual := l.total(to)
	n.Outcome, n.To, n.TotalAfter, n.ScoreAfter, n.Actual = Reaches, &to, &total, &score, actual
	if l.rating != nil {
		n.Rating = l.rating(to)
	}
}

// search is the smallest change of the lever's value that lifts the total to
// at least goal, at the lever's precision; ok is false when none does.
func (l lever) search(goal decimal.Decimal) (decimal.Decimal, bool) {
	reaches := func(v decimal.Decimal) bool {
		t, _, _ := l.total(v)
		return t.GreaterThanOrEqual(goal)
	}
	if l.cannot {
		return decimal.Zero, false
	}
	if l.exact {
		return l.full, reaches(l.full)
	}
	unit := decimal.New(1, -l.places)
	step := func(v decimal.Decimal, up bool) int64 {
		q := v.Div(unit)
		if up {
			return q.Ceil().IntPart()
		}
		return q.Floor().IntPart()
	}
	at := func(n int64) decimal.Decimal { return decimal.New(n, -l.places) }
	// The grid's values from the one no better than the value now (which falls
	// short: the evaluation is below goal) to the first that scores full weight.
	var start, end int64
	if l.dir > 0 {
		now := unit.Neg() // no value entered scores as nothing: as a value below 0
		if l.from != nil {
			now = *l.from
		}
		start, end = step(now, false), step(l.full, true)
		if end <= start {
			return decimal.Zero, false
		}
	} else {
		now := fixed.MaxQuantity.Decimal() // no value entered scores as nothing: as the largest value
		if l.from != nil {
			now = *l.from
		}
		start, end = step(now, true), step(l.full, false)
		if l.min != nil && at(end).LessThan(*l.min) {
			end = step(*l.min, true)
		}
		if end >= start {
			return decimal.Zero, false
		}
	}
	if !reaches(at(end)) {
		return decimal.Zero, false
	}
	// start falls short, end reaches: bisect.
	for end-start > 1 || start-end > 1 {
		mid := start + (end-start)/2
		if reaches(at(mid)) {
			end = mid
		} else {
			start = mid
		}
	}
	return at(end), true
}

// indicatorLever is the lever of indicator i of s, whose score under r is base's.
func indicatorLever(s Subject, i int, r scoring.Rules, base Result) lever {
	ind := s.Indicators[i]
	score := base.Indicators[i].Score
	rest := base.Total.Sub(score)
	// alone is the total with indicator i changed by set, the others as they are.
	alone := func(set func(*scoring.Indicator, decimal.Decimal)) func(decimal.Decimal) (decimal.Decimal, decimal.Decimal, *decimal.Decimal) {
		return func(v decimal.Decimal) (decimal.Decimal, decimal.Decimal, *decimal.Decimal) {
			in := ind.Indicator
			set(&in, v)
			after := r.Score(in)
			return rest.Add(after), after, nil
		}
	}
	if ind.Kind == scoring.Qualitative {
		rating := func(v decimal.Decimal) scoring.Rating { return ratingOf(r, v, ind.Weight) }
		from := ind.RatedScore
		if ind.Rating == scoring.NotRated {
			from = nil // a score without a rating counts for nothing
		}
		return lever{field: "ratedScore", from: from, dir: 1, places: moneyPlaces,
			full: ind.Weight.RoundFloor(moneyPlaces), rating: rating,
			total: alone(func(in *scoring.Indicator, v decimal.Decimal) { in.RatedScore, in.Rating = &v, rating(v) })}
	}
	dir := 1
	if ind.Operator.Reverse() {
		dir = -1
	}
	target := ind.Target
	if target.IsNegative() {
		target = decimal.Zero // scored as 0 (scoring.Score)
	}
	exact := ind.Operator == scoring.EQ && !r.EqualLikeAtLeast && !target.IsZero()
	if ind.Binding != scoring.NoBinding {
		return figureLever(s, i, r, dir, target, exact)
	}
	return lever{field: "actual", from: ind.Actual, dir: dir, places: actualPlaces(ind), full: target, exact: exact,
		total: alone(func(in *scoring.Indicator, v decimal.Decimal) { in.Actual = &v })}
}

// ratingOf is the rating whose band under r holds score v of weight.
func ratingOf(r scoring.Rules, v, weight decimal.Decimal) scoring.Rating {
	for _, rating := range []scoring.Rating{scoring.Achieved, scoring.Partial} {
		if r.CheckRatedScore(rating, v, weight) == nil {
			return rating
		}
	}
	return scoring.NotAchieved
}

// actualPlaces is the precision a typed actual is looked for at: whole numbers
// for a count (人次, 篇, 个…) whose target and actual are whole, else 2 places.
func actualPlaces(ind Indicator) int32 {
	whole := func(d decimal.Decimal) bool { return d.Equal(d.Truncate(0)) }
	if warnings.IsCount(ind.Unit) && whole(ind.Target) && (ind.Actual == nil || whole(*ind.Actual)) {
		return 0
	}
	return 2
}

// numerators are, for each binding, the figure a department changes to move it:
// its formula's numerator (the year's spending through its project spending, as
// the execution rate's executed amount is personnel + public + project).
var numerators = map[scoring.Binding]string{
	scoring.BindExecutionRate:      "projectActual",
	scoring.BindCarryoverRate:      "carryoverEnd",
	scoring.BindAssetUtilization:   "assetsInUse",
	scoring.BindPublicFundsControl: "publicActual",
	scoring.BindThreePublicControl: "threePublicActual",
}

// figureLever moves bound indicator i of s through its numerator's figure; the
// total is the whole subject rescored, so every indicator bound to a formula
// over that figure moves with it.
func figureLever(s Subject, i int, r scoring.Rules, dir int, target decimal.Decimal, exact bool) lever {
	ind := s.Indicators[i]
	fig := figureNamed(numerators[ind.Binding])
	figs := s.Figures
	now := *fig.value(&figs)
	sf := figs.Scoring()
	// The numerator's value that derives the target, and the figure that gives it.
	var num, den decimal.Decimal
	switch ind.Binding {
	case scoring.BindExecutionRate:
		num, den = sf.Executed, sf.AdjustedBudget
	case scoring.BindCarryoverRate:
		num, den = sf.CarryoverEnd, sf.Executed
	case scoring.BindAssetUtilization:
		num, den = sf.AssetsInUse, sf.AssetsTotal
	case scoring.BindPublicFundsControl:
		num, den = sf.PublicActual, sf.PublicBudget
	case scoring.BindThreePublicControl:
		num, den = sf.ThreePublicActual, sf.ThreePublicBudget
	}
	zero := decimal.Zero
	l := lever{field: fig.field, from: &now, dir: dir, places: moneyPlaces, exact: exact, min: &zero, cannot: den.IsZero()}
	if !l.cannot {
		// Derive gives num × 100 / den; the figure is num's part, the rest of num stays.
		l.full = now.Add(target.Mul(den).Shift(-2).Sub(num))
	}
	l.total = func(v decimal.Decimal) (decimal.Decimal, decimal.Decimal, *decimal.Decimal) {
		c := s.clone()
		*fig.value(&c.Figures) = v
		res := Score(c, r)
		return res.Total, res.Indicators[i].Score, res.Indicators[i].Actual
	}
	return l
}
