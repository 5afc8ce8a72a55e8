package graph

import (
	"cmp"
	"context"
	"slices"
	"strconv"

	"entgo.io/ent/dialect/sql"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/ruleset"
	"jixiao/ent/schema"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// scoringRules is the parameters as the API writes them.
func scoringRules(r scoring.Rules) *model.ScoringRules {
	return &model.ScoringRules{
		ReverseRule: ruleset.ReverseRule(r.Reverse), EqualLikeAtLeast: r.EqualLikeAtLeast,
		DeviationBelow: dec(r.DeviationBelow), DeviationAtOrAbove: dec(r.DeviationAtOrAbove),
		ExecutionExplanationBelow: dec(r.ExecutionExplanationBelow),
		ExecutionWeight:           dec(r.ExecutionWeight), OutputWeight: dec(r.OutputWeight),
		BenefitWeight: dec(r.BenefitWeight), SatisfactionWeight: dec(r.SatisfactionWeight),
		CheckWeightSplit: r.CheckWeightSplit,
		ExcellentFrom:    dec(r.ExcellentFrom), GoodFrom: dec(r.GoodFrom), FairFrom: dec(r.FairFrom),
		AchievedFrom: dec(r.AchievedFrom), PartialFrom: dec(r.PartialFrom),
		RatingBands: ratingBands(r),
	}
}

// ruleParams are the parameters an input names; nil where it leaves one out.
type ruleParams struct {
	ReverseRule                                                      *ruleset.ReverseRule
	EqualLikeAtLeast, CheckWeightSplit                               *bool
	DeviationBelow, DeviationAtOrAbove, ExecutionExplanationBelow    *fixed.Decimal
	ExecutionWeight, OutputWeight, BenefitWeight, SatisfactionWeight *fixed.Decimal
	ExcellentFrom, GoodFrom, FairFrom, AchievedFrom, PartialFrom     *fixed.Decimal
}

// over is base with the parameters p names.
func (p ruleParams) over(base scoring.Rules) scoring.Rules {
	r := base
	if p.ReverseRule != nil {
		r.Reverse = scoring.ReverseRule(*p.ReverseRule)
	}
	if p.EqualLikeAtLeast != nil {
		r.EqualLikeAtLeast = *p.EqualLikeAtLeast
	}
	if p.CheckWeightSplit != nil {
		r.CheckWeightSplit = *p.CheckWeightSplit
	}
	for _, d := range []struct {
		in *fixed.Decimal
		to *decimal.Decimal
	}{
		{p.DeviationBelow, &r.DeviationBelow}, {p.DeviationAtOrAbove, &r.DeviationAtOrAbove},
		{p.ExecutionExplanationBelow, &r.ExecutionExplanationBelow},
		{p.ExecutionWeight, &r.ExecutionWeight}, {p.OutputWeight, &r.OutputWeight},
		{p.BenefitWeight, &r.BenefitWeight}, {p.SatisfactionWeight, &r.SatisfactionWeight},
		{p.ExcellentFrom, &r.ExcellentFrom}, {p.GoodFrom, &r.GoodFrom}, {p.FairFrom, &r.FairFrom},
		{p.AchievedFrom, &r.AchievedFrom}, {p.PartialFrom, &r.PartialFrom},
	} {
		if d.in != nil {
			*d.to = d.in.Decimal()
		}
	}
	return r
}

// createRuleSet makes the next version of the set of year and region (nil:
// everywhere), with rules, after checking them all: every refused parameter is
// its own BAD_USER_INPUT error, as a form marks them all at once.
func (r *Resolver) createRuleSet(ctx context.Context, year int, region *int, name string, sources *string, rules scoring.Rules) (*ent.RuleSet, error) {
	if problems := rules.Validate(); len(problems) > 0 {
		for _, p := range problems[:len(problems)-1] {
			graphql.AddError(ctx, schema.RuleProblem(p))
		}
		return nil, schema.RuleProblem(problems[len(problems)-1])
	}
	c := r.db(ctx).RuleSet.Create().SetYear(year).SetNillableRegionID(region).SetName(name).SetNillableSources(sources).
		SetReverseRule(ruleset.ReverseRule(rules.Reverse)).SetEqualLikeAtLeast(rules.EqualLikeAtLeast).
		SetDeviationBelow(fixed.Round(rules.DeviationBelow)).SetDeviationAtOrAbove(fixed.Round(rules.DeviationAtOrAbove)).
		SetExecutionExplanationBelow(fixed.Round(rules.ExecutionExplanationBelow)).
		SetExecutionWeight(fixed.Round(rules.ExecutionWeight)).SetOutputWeight(fixed.Round(rules.OutputWeight)).
		SetBenefitWeight(fixed.Round(rules.BenefitWeight)).SetSatisfactionWeight(fixed.Round(rules.SatisfactionWeight)).
		SetCheckWeightSplit(rules.CheckWeightSplit).
		SetExcellentFrom(fixed.Round(rules.ExcellentFrom)).SetGoodFrom(fixed.Round(rules.GoodFrom)).SetFairFrom(fixed.Round(rules.FairFrom)).
		SetAchievedFrom(fixed.Round(rules.AchievedFrom)).SetPartialFrom(fixed.Round(rules.PartialFrom))
	return c.Save(ctx)
}

// versionsOf is every version of the set of year and region, the latest first.
func versionsOf(ctx context.Context, db *ent.Client, year int, region *int) ([]*ent.RuleSet, error) {
	q := db.RuleSet.Query().Where(ruleset.Year(year))
	if region != nil {
		q.Where(ruleset.RegionID(*region))
	} else {
		q.Where(ruleset.RegionIDIsNil())
	}
	return q.Order(ruleset.ByVersion(sql.OrderDesc())).All(ctx)
}

// latestOf is the latest version of the set of year and region; nil when it has none.
func latestOf(ctx context.Context, db *ent.Client, year int, region *int) (*ent.RuleSet, error) {
	versions, err := versionsOf(ctx, db, year, region)
	if err != nil || len(versions) == 0 {
		return nil, err
	}
	return versions[0], nil
}

// setName says which set a conflict is about.
func setName(year int, region *int) string {
	if region == nil {
		return "a rule set of " + strconv.Itoa(year) + " for every department"
	}
	return "a rule set of " + strconv.Itoa(year) + " for department " + strconv.Itoa(*region) + "'s subtree"
}

// listRuleSets orders rule sets as ruleSets answers: the newest year first, the
// sets of everywhere before the regions' (by region id), versions latest first.
func listRuleSets(sets []*ent.RuleSet, allVersions bool) []*ent.RuleSet {
	region := func(rs *ent.RuleSet) int {
		if rs.RegionID == nil {
			return 0
		}
		return *rs.RegionID
	}
	slices.SortFunc(sets, func(a, b *ent.RuleSet) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), cmp.Compare(region(a), region(b)), cmp.Compare(b.Version, a.Version))
	})
	if allVersions {
		return sets
	}
	out := sets[:0]
	for i, rs := range sets {
		if i == 0 || sets[i-1].Year != rs.Year || region(sets[i-1]) != region(rs) {
			out = append(out, rs)
		}
	}
	return out
}

// evaluationRules is what Evaluation.rules answers from the subject's rules.
func evaluationRules(r kept.Rules) *model.EvaluationRules {
	return &model.EvaluationRules{RuleSet: r.Set, Frozen: r.Frozen, Parameters: scoringRules(r.Rules)}
}

// conflictingVersion refuses a change of version rs of a set whose latest is latest.
func conflictingVersion(rs, latest *ent.RuleSet) error {
	return &inputerr.Conflict{Entity: "rule set", ID: rs.ID, Stale: rs.Version, Current: latest.Version}
}

// rulesOfSet is a version's parameters as scoring reads them.
func rulesOfSet(rs *ent.RuleSet) scoring.Rules { return assess.RulesOf(rs) }

// mayCreateRuleSet asks the rule sets' write rule first, so that a caller who may
// not set the rules learns that, not what is wrong with their parameters.
func mayCreateRuleSet(ctx context.Context, db *ent.Client) error {
	return mayChange(ctx, ruleset.Policy, db.RuleSet.Create().Mutation())
}

// signedIn reports whether the caller is somebody: a user or a token.
func signedIn(ctx context.Context) bool { return viewer.FromContext(ctx).Kind != viewer.Anonymous }

// rulesOf is the rules that score subject key, whose evaluation is ev (nil: read
// it, or the subject has none). The evaluation, as read under the caller's rules,
// is visible to whoever reads its subject's indicators.
func rulesOf(ctx context.Context, key loader.Subject, ev *ent.Evaluation) (kept.Rules, error) {
	l := loader.For(ctx)
	year := l.Rules.LoadThunk(ctx, key.Year)
	if ev == nil {
		var err error
		if ev, err = l.Evaluation.Load(ctx, key); err != nil {
			return kept.Rules{}, err
		}
	}
	y, err := year()
	return y.Of(ev), err
}
