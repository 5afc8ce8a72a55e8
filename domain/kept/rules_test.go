package kept_test

import (
	"context"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/ruleset"
	"jixiao/ent/schema/schematest"
	"jixiao/ent/transition"
	"jixiao/platform/access"
)

// ruleSet makes the next version of the set of 2023 and region (nil: everywhere):
// today's rules but for the reverse rule and the lowest total of 优.
func ruleSet(t *testing.T, ctx context.Context, c *ent.Client, region *int, reverse ruleset.ReverseRule, excellent string) *ent.RuleSet {
	t.Helper()
	d := scoring.Default()
	r := func(v interface{ String() string }) fixed.Decimal { return fixed.MustParse(v.String()) }
	return c.RuleSet.Create().SetYear(2023).SetNillableRegionID(region).SetName("规则").
		SetReverseRule(reverse).SetEqualLikeAtLeast(true).
		SetDeviationBelow(r(d.DeviationBelow)).SetDeviationAtOrAbove(r(d.DeviationAtOrAbove)).
		SetExecutionExplanationBelow(r(d.ExecutionExplanationBelow)).SetExecutionWeight(r(d.ExecutionWeight)).
		SetOutputWeight(r(d.OutputWeight)).SetBenefitWeight(r(d.BenefitWeight)).SetSatisfactionWeight(r(d.SatisfactionWeight)).
		SetCheckWeightSplit(false).SetExcellentFrom(fixed.MustParse(excellent)).SetGoodFrom(r(d.GoodFrom)).SetFairFrom(r(d.FairFrom)).
		SetAchievedFrom(r(d.AchievedFrom)).SetPartialFrom(r(d.PartialFrom)).SaveX(ctx)
}

// TestRulesFollowSetsAndFreeze walks one district through rule-set versions and
// workflow steps and checks, by hand, what each evaluation scores and keeps. Each
// department-year has a reverse indicator missed by a quarter (≤ 10, actual 12.5,
// weight 5: 3.75 by the linear rule, 5 × 10 / 12.5 = 4.00 by the ratio rule) and
// a positive one at 95 % (weight 95: 90.25), so 94.00 or 94.25.
func TestRulesFollowSetsAndFreeze(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		ctx := access.System(context.Background(), "test")
		root := c.Department.Create().SetCode("R").SetName("区").SaveX(ctx)
		unit := c.Department.Create().SetCode("D").SetName("部门").SetParent(root).SaveX(ctx)
		other := c.Department.Create().SetCode("O").SetName("其他").SaveX(ctx)
		evs := map[string]*ent.Evaluation{}
		for code, d := range map[string]*ent.Department{"R": root, "D": unit, "O": other} {
			dy := c.DepartmentYear.Create().SetDepartment(d).SetYear(2023).SaveX(ctx)
			c.Indicator.Create().SetDepartmentYear(dy).SetLevel1("管理效率").SetLevel2("预算执行").SetName("结转结余率").
				SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtMost).SetTarget(fixed.FromInt(10)).
				SetActual(fixed.MustParse("12.5")).SetWeight(fixed.FromInt(5)).ExecX(ctx)
			c.Indicator.Create().SetDepartmentYear(dy).SetLevel1("履职效能").SetLevel2("产出").SetName("完成率").
				SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).SetTarget(fixed.FromInt(100)).
				SetActual(fixed.FromInt(95)).SetWeight(fixed.FromInt(95)).ExecX(ctx)
			evs[code] = c.Evaluation.Create().SetDepartmentYear(dy).SaveX(ctx)
		}
		type want struct {
			score string
			grade evaluation.Grade
		}
		expect := func(step string, ws map[string]want) {
			t.Helper()
			for code, w := range ws {
				ev := c.Evaluation.GetX(ctx, evs[code].ID)
				if ev.Score.String() != w.score || ev.Grade != w.grade {
					t.Errorf("%s: %s scores %s %s, want %s %s", step, code, ev.Score, ev.Grade, w.score, w.grade)
				}
			}
			if _, err := kept.Check(ctx, c, false, func(d kept.Difference) { t.Errorf("%s: %s", step, d) }); err != nil {
				t.Fatal(err)
			}
		}
		step := func(code string, to evaluation.Status) {
			t.Helper()
			evs[code] = c.Evaluation.UpdateOneID(evs[code].ID).SetStatus(to).SaveX(ctx)
		}
		rulesOf := func(code string) kept.Rules {
			t.Helper()
			r, err := kept.RulesFor(ctx, c, kept.Subject{Year: evs[code].DepartmentYearID})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		expect("built-in rules", map[string]want{"R": {"94.00", "EXCELLENT"}, "D": {"94.00", "EXCELLENT"}, "O": {"94.00", "EXCELLENT"}})

		step("D", evaluation.StatusSUBMITTED)
		if r := rulesOf("D"); !r.Frozen || r.Set != nil || evs["D"].RuleSetID != nil {
			t.Errorf("D submitted under the built-in rules: %+v, rule set %v", r, evs["D"].RuleSetID)
		}
		everywhere := ruleSet(t, ctx, c, nil, ruleset.ReverseRuleRATIO, "94.5")
		expect("the ratio rule everywhere", map[string]want{"R": {"94.25", "GOOD"}, "D": {"94.00", "EXCELLENT"}, "O": {"94.25", "GOOD"}})
		if r := rulesOf("R"); r.Frozen || r.Set == nil || r.Set.ID != everywhere.ID {
			t.Errorf("R: %+v, want the set of everywhere", r)
		}

		regional := ruleSet(t, ctx, c, &unit.ID, ruleset.ReverseRuleLINEAR, "94.1")
		expect("the linear rule in D's subtree, D under review", map[string]want{"R": {"94.25", "GOOD"}, "D": {"94.00", "EXCELLENT"}, "O": {"94.25", "GOOD"}})

		step("D", evaluation.StatusRETURNED)
		if r := rulesOf("D"); r.Frozen || r.Set == nil || r.Set.ID != regional.ID {
			t.Errorf("D returned: %+v, want its region's set", r)
		}
		expect("D returned", map[string]want{"D": {"94.00", "GOOD"}})

		step("D", evaluation.StatusSUBMITTED)
		if evs["D"].RuleSetID == nil || *evs["D"].RuleSetID != regional.ID {
			t.Errorf("D submitted again keeps rule set %v, want %d", evs["D"].RuleSetID, regional.ID)
		}
		regional2 := ruleSet(t, ctx, c, &unit.ID, ruleset.ReverseRuleRATIO, "94.2")
		if regional2.Version != 2 || everywhere.Version != 1 {
			t.Errorf("versions %d and %d, want 2 and 1", regional2.Version, everywhere.Version)
		}
		step("D", evaluation.StatusAPPROVED)
		step("D", evaluation.StatusPUBLISHED)
		expect("a second version in D's subtree, D published", map[string]want{"R": {"94.25", "GOOD"}, "D": {"94.00", "GOOD"}})

		// O moves into D's subtree: D's latest version governs it now.
		c.Department.UpdateOneID(other.ID).SetParentID(unit.ID).ExecX(ctx)
		expect("O moved under D", map[string]want{"O": {"94.25", "EXCELLENT"}})
		// Deleting D's published evaluation lets go of its rules: its indicators
		// are scored by the version that governs now.
		dyD := evs["D"].DepartmentYearID
		c.Transition.Delete().Where(transition.EvaluationID(evs["D"].ID)).ExecX(ctx) // they refer to it
		c.Evaluation.DeleteOneID(evs["D"].ID).ExecX(ctx)
		delete(evs, "D")
		expect("D's evaluation deleted", nil)
		missed := c.Indicator.Query().Where(indicator.DepartmentYearID(dyD), indicator.Name("结转结余率")).OnlyX(ctx)
		if missed.Score.String() != "4.00" {
			t.Errorf("D's reverse indicator scores %s after its evaluation went, want 4.00 by the ratio rule", missed.Score)
		}
	})
}
