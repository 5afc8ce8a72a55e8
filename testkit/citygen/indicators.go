package citygen

import (
	"math/rand/v2"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
)

// indRow is one indicator before it becomes a builder.
type indRow struct {
	t          tmpl
	position   int
	weight     fixed.Decimal
	target     *fixed.Decimal
	actual     *fixed.Decimal
	rating     indicator.Rating
	ratedScore fixed.Decimal
	reason     string
}

func (row *indRow) create(c *ent.IndicatorCreate, dyID int, projectID *int) *ent.IndicatorCreate {
	c.SetDepartmentYearID(dyID).
		SetNillableProjectID(projectID).
		SetPosition(row.position).
		SetLevel1(row.t.level1).
		SetLevel2(row.t.level2).
		SetName(row.t.name).
		SetUnit(row.t.unit).
		SetWeight(row.weight).
		SetNillableTarget(row.target).
		SetNillableActual(row.actual).
		SetDeviationReason(row.reason)
	if row.t.qualitative() {
		c.SetKind(indicator.KindQUALITATIVE).SetRating(row.rating).SetRatedScore(row.ratedScore)
	} else {
		c.SetKind(indicator.KindQUANTITATIVE).SetOperator(row.t.op)
	}
	if row.t.binding != "" {
		c.SetBinding(row.t.binding)
	}
	return c
}

// halfPoints turns a weight in half points into a Decimal.
func halfPoints(u int) fixed.Decimal { return fixed.Decimal(int64(u) * 500_000) }

// scaled turns v in units of 10^-dec into a Decimal.
func scaled(v int64, dec int) fixed.Decimal {
	for range fixed.Places - dec {
		v *= 10
	}
	return fixed.Decimal(v)
}

func ptr[T any](v T) *T { return &v }

// indicatorGen draws indicator rows in a fixed order from one stream.
type indicatorGen struct {
	r     *rand.Rand
	texts *rand.Rand
}

// overall returns a department-year's n overall indicators: the management framework
// (some items left out at random) and 履职效能 output and benefit indicators taking the
// rest of 100 points.
func (g *indicatorGen) overall(y *yearPlan, n int) []indRow {
	r := g.r
	var mgmt []tmpl
	mgmtUnits := 0
	for _, t := range management {
		if t.optional && chance(r, 80) {
			continue
		}
		mgmt = append(mgmt, t)
		mgmtUnits += t.units
	}
	perf := n - len(mgmt)
	outputs := (perf + 1) / 2
	chosen := append(choose(r, overallOutput, outputs), choose(r, overallBenefit, perf-outputs)...)
	prefs := make([]int, perf)
	for i := range prefs {
		prefs[i] = int(between(r, 5, 8))
	}
	units := allocate(200-mgmtUnits, prefs)
	rows := make([]indRow, 0, n)
	for i, t := range chosen {
		rows = append(rows, g.row(t, units[i], y.status, 0, 0))
	}
	for _, t := range mgmt {
		row := g.row(t, t.units, y.status, 0, 0)
		if t.binding != "" && g.boundDeviates(y, t.binding) && g.explains(y.status) {
			row.reason = g.reason(t, false)
		}
		rows = append(rows, row)
	}
	for i := range rows {
		rows[i].position = i + 1
	}
	return rows
}

// project returns a project's indicators: 产出 50, 效益 30 and 满意度 10 points.
func (g *indicatorGen) project(pr *projPlan) []indRow {
	r := g.r
	n := pr.indicators
	sat := 1
	if n >= 8 && chance(r, 300) {
		sat = 2
	}
	benefit := max(1, (n-sat)*3/8)
	output := n - sat - benefit
	rows := make([]indRow, 0, n)
	for _, grp := range []struct {
		pool  []tmpl
		k     int
		units int
	}{{projectOutput, output, 100}, {projectBenefit, benefit, 60}, {projectSatisfaction, sat, 20}} {
		chosen := choose(r, grp.pool, grp.k)
		prefs := make([]int, grp.k)
		for i := range prefs {
			prefs[i] = int(between(r, 4, 8))
		}
		units := allocate(grp.units, prefs)
		for i, t := range chosen {
			rows = append(rows, g.row(t, units[i], pr.status, pr.budget, pr.executed))
		}
	}
	for i := range rows {
		rows[i].position = i + 1
	}
	return rows
}

// row draws one indicator's target, actual or rating. budget and executed are the
// project's, for the cost indicator.
func (g *indicatorGen) row(t tmpl, units int, status evaluation.Status, budget, executed int64) indRow {
	r := g.r
	row := indRow{t: t, weight: halfPoints(units)}
	if t.qualitative() {
		row.rating, row.ratedScore = rate(r, int64(units)*50)
		return row
	}
	var target int64
	switch {
	case t.cost:
		target = budget
	default:
		target = between(r, t.lo, t.hi)
	}
	row.target = ptr(scaled(target, t.dec))
	if t.binding != "" {
		return row // the actual value is derived from the figures
	}
	var actual int64
	switch {
	case t.cost:
		actual = executed
	case t.op == leOp || t.op == ltOp:
		switch x := r.IntN(1000); {
		case x < 50:
			return row // not yet entered
		case x < 250: // over the target
			if target == 0 {
				actual = between(r, 1, 3) * pow10(t.dec)
			} else {
				actual = ceilPerMillion(target, between(r, 1_010_000, 1_800_000))
			}
		default:
			hi := int64(1_000_000)
			if t.op == ltOp {
				hi = 990_000
			}
			actual = target * between(r, 300_000, hi) / 1_000_000
		}
	default:
		switch x := r.IntN(1000); {
		case x < 50:
			return row // not yet entered
		case x < 70:
			actual = target * between(r, 100_000, 499_999) / 1_000_000
		case x < 250:
			actual = target * between(r, 500_000, 999_999) / 1_000_000
		case x < 300 && t.op != eqOp && t.unit != "%":
			actual = target * between(r, 1_300_000, 1_600_000) / 1_000_000
		case t.op == eqOp:
			actual = target
		default:
			actual = target * between(r, 1_000_000, 1_200_000) / 1_000_000
		}
	}
	if t.unit == "%" {
		actual = min(actual, 10000)
	}
	row.actual = ptr(scaled(actual, t.dec))
	var deviates, above bool
	if t.op == leOp || t.op == ltOp {
		deviates = actual > target
	} else {
		above = actual*10 >= target*13
		deviates = actual < target || above
	}
	if deviates && g.explains(status) {
		row.reason = g.reason(t, above)
	}
	return row
}

func pow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

// ceilPerMillion is v × m / 10^6 rounded up (v, m ≥ 0).
func ceilPerMillion(v, m int64) int64 { return (v*m + 999_999) / 1_000_000 }

// rate draws a qualitative rating and a score in hundredths of a point inside its band of
// weight w (hundredths): ACHIEVED [80 %, 100 %], PARTIAL [60 %, 80 %), NOT_ACHIEVED [0, 60 %).
func rate(r *rand.Rand, w int64) (indicator.Rating, fixed.Decimal) {
	p60, p80 := (w*60+99)/100, (w*80+99)/100 // smallest scores at or above 60 % and 80 %
	switch x := r.IntN(1000); {
	case x < 800:
		if chance(r, 650) {
			return indicator.RatingACHIEVED, money(w)
		}
		return indicator.RatingACHIEVED, money(between(r, p80, w))
	case x < 940:
		return indicator.RatingPARTIAL, money(between(r, p60, p80-1))
	default:
		return indicator.RatingNOT_ACHIEVED, money(between(r, 0, p60-1))
	}
}

// explains reports whether a deviation gets its reason: always once the evaluation has
// been submitted, for most indicators of a draft.
func (g *indicatorGen) explains(status evaluation.Status) bool {
	return status != evaluation.StatusDRAFT || chance(g.texts, 600)
}

func (g *indicatorGen) reason(t tmpl, above bool) string {
	switch {
	case t.op == leOp || t.op == ltOp:
		return pick(g.texts, reasonsReverse)
	case above:
		return pick(g.texts, reasonsAbove)
	default:
		return pick(g.texts, reasonsBelow) + pick(g.texts, []string{"", "将加强跟踪督促。"})
	}
}

// boundDeviates reports whether a bound indicator's derived actual needs a deviation
// reason (SCORING.md §1): its positive completion below 100 % or its reverse target missed.
func (g *indicatorGen) boundDeviates(y *yearPlan, b indicator.Binding) bool {
	switch b {
	case indicator.BindingEXECUTION_RATE: // ≥ 100 %
		return y.totalActual() < y.totalBudget()
	case indicator.BindingCARRYOVER_RATE: // ≤ 10 %
		return y.carryoverEnd*10 > y.totalActual()
	case indicator.BindingASSET_UTILIZATION: // ≥ 95 %
		return y.assetsInUse*100 < y.assetsTotal*95
	case indicator.BindingPUBLIC_FUNDS_CONTROL: // ≤ 100 %
		return y.publicActual > y.publicBudget
	case indicator.BindingTHREE_PUBLIC_CONTROL: // ≤ 100 %
		return y.threeActual > y.threeBudget
	}
	return false
}
