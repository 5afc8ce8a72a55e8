package whatif

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/indicator"
)

// randomRows are a subject's rows as the store holds them, at random: figures with
// 2 places, quantitative indicators of every operator (some bound to a formula,
// some without an actual), qualitative ones rated inside their band or not rated.
func randomRows(r *rand.Rand, project bool) (*ent.DepartmentYear, *ent.Project, []*ent.Indicator) {
	money := func(max int64) fixed.Decimal {
		if r.IntN(10) == 0 {
			return 0
		}
		return fixed.Decimal(r.Int64N(max*100)) * 10_000
	}
	dy := &ent.DepartmentYear{
		PersonnelBudget: money(1000), PersonnelActual: money(1000), PublicBudget: money(100), PublicActual: money(100),
		ProjectBudget: money(1000), ProjectActual: money(1000), CarryoverEnd: money(200),
		ThreePublicBudget: money(10), ThreePublicActual: money(10), AssetsInUse: money(300), AssetsTotal: money(300),
	}
	var p *ent.Project
	if project {
		p = &ent.Project{Budget: money(200), Executed: money(200)}
	}
	ops := []indicator.Operator{indicator.OperatorAtLeast, indicator.OperatorAbove, indicator.OperatorEqual, indicator.OperatorAtMost, indicator.OperatorBelow}
	bindings := []indicator.Binding{indicator.BindingEXECUTION_RATE, indicator.BindingCARRYOVER_RATE, indicator.BindingASSET_UTILIZATION,
		indicator.BindingPUBLIC_FUNDS_CONTROL, indicator.BindingTHREE_PUBLIC_CONTROL}
	units := []string{"%", "人次", "篇", "万元", "公里"}
	var inds []*ent.Indicator
	for i := range 3 + r.IntN(12) {
		ind := &ent.Indicator{ID: 1000 + i, Level1: []string{"产出指标", "效益指标", "管理效率"}[r.IntN(3)], Level2: []string{"数量", "质量", "时效"}[r.IntN(3)],
			Name: "指标", Weight: fixed.Decimal(1+r.Int64N(1500)) * 10_000}
		if r.IntN(4) == 0 {
			ind.Kind = indicator.KindQUALITATIVE
			if r.IntN(6) > 0 {
				rating := []indicator.Rating{indicator.RatingACHIEVED, indicator.RatingPARTIAL, indicator.RatingNOT_ACHIEVED}[r.IntN(3)]
				lo, hi := map[indicator.Rating][2]int64{indicator.RatingACHIEVED: {80, 100}, indicator.RatingPARTIAL: {60, 79}, indicator.RatingNOT_ACHIEVED: {0, 59}}[rating][0],
					map[indicator.Rating][2]int64{indicator.RatingACHIEVED: {80, 100}, indicator.RatingPARTIAL: {60, 79}, indicator.RatingNOT_ACHIEVED: {0, 59}}[rating][1]
				share := lo + r.Int64N(hi-lo+1)
				rated := fixed.Round(ind.Weight.Decimal().Mul(decimal.New(share, -2)).RoundFloor(2))
				ind.Rating, ind.RatedScore = &rating, &rated
			}
		} else {
			ind.Kind = indicator.KindQUANTITATIVE
			op := ops[r.IntN(len(ops))]
			ind.Operator = &op
			ind.Unit = units[r.IntN(len(units))]
			target := fixed.FromInt(r.Int64N(120))
			if r.IntN(3) == 0 {
				target = fixed.Decimal(r.Int64N(12000)) * 10_000
			}
			ind.Target = &target
			switch {
			case !project && r.IntN(3) == 0:
				b := bindings[r.IntN(len(bindings))]
				ind.Binding, ind.Unit = &b, "%"
			case r.IntN(8) > 0:
				actual := fixed.FromInt(r.Int64N(160))
				if r.IntN(3) == 0 {
					actual = fixed.Decimal(r.Int64N(16000)) * 10_000
				}
				ind.Actual = &actual
			}
		}
		inds = append(inds, ind)
	}
	return dy, p, inds
}

// rulesAt are the built-in rules and a rule set's variants.
func rulesAt(r *rand.Rand) scoring.Rules {
	rules := scoring.Default()
	if r.IntN(2) == 0 {
		rules.Reverse = scoring.ReverseRatio
	}
	if r.IntN(3) == 0 {
		rules.EqualLikeAtLeast = false
	}
	if r.IntN(3) == 0 {
		rules.ExcellentFrom, rules.GoodFrom, rules.FairFrom = decimal.NewFromInt(85), decimal.NewFromInt(70), decimal.NewFromInt(50)
	}
	return rules
}

// TestScoreIsAssess: with no change, a what-if scores every subject exactly as the
// kept values are computed (package assess over the rows, kept.OfEvaluation's sum
// and grade), whatever the rules.
func TestScoreIsAssess(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2))
	for n := range 400 {
		dy, p, inds := randomRows(r, n%3 == 0)
		rules := rulesAt(r)
		s, err := Apply(FromRows(dy, p, inds), Changes{}, rules)
		if err != nil {
			t.Fatal(err)
		}
		got := Score(s, rules)
		var total decimal.Decimal
		for i, ind := range inds {
			want := assess.Score(ind, dy, rules)
			g := got.Indicators[i]
			if !g.Score.Equal(want.Score) || !g.Attainment.Equal(want.Attainment) || g.DeviationRequired != want.DeviationRequired ||
				!samePtr(g.Actual, want.EffectiveActual) || !samePtr(g.CompletionRate, want.CompletionRate) {
				t.Fatalf("subject %d, indicator %d: %+v, assess says %+v", n, i, g, want)
			}
			ind.Score = fixed.Round(want.Score)
			total = total.Add(want.Score)
		}
		if p != nil {
			p.ExecutionScore = fixed.Round(rules.ExecutionItemScore(p.Executed.Decimal(), p.Budget.Decimal()))
			total = total.Add(p.ExecutionScore.Decimal())
		}
		if !got.Total.Equal(total) || got.Grade != rules.GradeOf(total) {
			t.Fatalf("subject %d: %s %s, the kept sum %s %s", n, got.Total, got.Grade, total, rules.GradeOf(total))
		}
		kept := assess.Subtotals(assess.Subject{Year: dy, Project: p, Indicators: inds}, rules)
		if len(kept) != len(got.Subtotals) {
			t.Fatalf("subject %d: %d subtotals, kept %d", n, len(got.Subtotals), len(kept))
		}
		for i, st := range kept {
			g := got.Subtotals[i]
			if g.Level1 != st.Level1 || g.Level2 != st.Level2 || !g.Score.Equal(st.Score) || !g.Weight.Equal(st.Weight) {
				t.Fatalf("subject %d, subtotal %d: %+v, kept %+v", n, i, g, st)
			}
		}
	}
}

// TestNextGradeHolds: for random subjects below the top grade, every change said
// to reach the next grade does, one step less does not, and a leaf said not to be
// able to falls short even at its full-weight value.
func TestNextGradeHolds(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 3))
	checked := map[Outcome]int{}
	for n := range 300 {
		dy, p, inds := randomRows(r, n%3 == 0)
		rules := rulesAt(r)
		s := FromRows(dy, p, inds)
		next := NextGrade(s, rules)
		if next.Next == "" {
			continue
		}
		for _, need := range next.Needs {
			checked[need.Outcome]++
			switch need.Outcome {
			case Reaches:
				checkSmallest(t, s, rules, need, next.From)
			case Full:
				if need.PointsLost.IsPositive() {
					t.Errorf("subject %d: %+v is full with %s lost", n, need, need.PointsLost)
				}
			case Cannot:
				if need.Weight.Sub(need.Score).GreaterThanOrEqual(next.Gap) && need.Binding == scoring.NoBinding && need.Indicator != 0 && !cannotExactly(s, rules, need) {
					t.Errorf("subject %d: %s lost %s of a gap of %s, yet cannot reach it: %+v", n, need.Name, need.PointsLost, next.Gap, need)
				}
			}
		}
	}
	if checked[Reaches] < 50 || checked[Cannot] < 50 {
		t.Errorf("too few cases checked: %v", checked)
	}
}

// cannotExactly reports whether a leaf that lost enough points still cannot give
// them: an = indicator met only by its target, or whose rounding at its precision
// falls short (a weight of more than 2 places).
func cannotExactly(s Subject, r scoring.Rules, n Need) bool {
	for _, ind := range s.Indicators {
		if ind.ID == n.Indicator {
			return ind.Operator == scoring.EQ && !r.EqualLikeAtLeast
		}
	}
	return false
}

func samePtr(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
