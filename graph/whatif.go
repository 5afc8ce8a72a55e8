package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/domain/whatif"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/inputerr"
)

// whatIfSubject is what an evaluation's what-if and next grade read: the subject
// as stored (every column of its indicators) and the rules that score it.
type whatIfSubject struct {
	ev     *ent.Evaluation
	stored assess.Subject
	rules  kept.Rules
}

func loadWhatIfSubject(ctx context.Context, ev *ent.Evaluation) (whatIfSubject, error) {
	key := loader.SubjectOf(ev)
	loader.For(ctx).Rules.LoadThunk(ctx, key.Year) // into the batch before waiting on the subject
	s, err := subject(ctx, key, true)
	if err != nil {
		return whatIfSubject{}, err
	}
	rules, err := rulesOf(ctx, key, ev)
	return whatIfSubject{ev: ev, stored: s, rules: rules}, err
}

// whatIf rescores evaluation id with the changes in, writing nothing: a query reads
// through the server's client under the caller's access rules.
func (r *Resolver) whatIf(ctx context.Context, id int, in model.WhatIfInput) (*model.WhatIfResult, error) {
	ev, err := get(ctx, r.db(ctx).Evaluation.Get, id, "evaluation")
	if err != nil {
		return nil, withField(err, "evaluationID")
	}
	ws, err := loadWhatIfSubject(ctx, ev)
	if err != nil {
		return nil, err
	}
	rules := ws.rules.Rules
	stored := whatif.FromRows(ws.stored.Year, ws.stored.Project, ws.stored.Indicators)
	changed, err := whatif.Apply(stored, changesOf(in), rules)
	if err != nil {
		return nil, whatIfRefused(ctx, err)
	}
	base, res := whatif.Score(stored, rules), whatif.Score(changed, rules)
	out := &model.WhatIfResult{
		Evaluation:     ev,
		ExecutionRate:  decPtr(res.ExecutionRate),
		ExecutionScore: decPtr(res.ExecutionScore),
		Score:          dec(res.Total),
		Grade:          evaluation.Grade(res.Grade),
		GradeLabel:     res.Grade.Chinese(),
		Difference:     dec(res.Total.Sub(ev.Score.Decimal())),
		NextGrade:      nextGrade(whatif.NextGrade(changed, rules), ws.stored.Indicators),
	}
	for i, row := range ws.stored.Indicators {
		after, now, was := res.Indicators[i], changed.Indicators[i], stored.Indicators[i]
		wi := &model.WhatIfIndicator{
			Indicator:         row,
			Changed:           !sameInputs(was.Indicator, now.Indicator) || !samePtr(base.Indicators[i].Actual, after.Actual),
			Actual:            decPtr(after.Actual),
			Weight:            dec(now.Weight),
			RatedScore:        decPtr(now.RatedScore),
			Score:             dec(after.Score),
			Attainment:        dec(after.Attainment),
			CompletionRate:    decPtr(after.CompletionRate),
			DeviationRequired: after.DeviationRequired,
			Difference:        dec(after.Score.Sub(row.Score.Decimal())),
		}
		if now.Kind == scoring.Quantitative {
			wi.Target = decPtr(&now.Target)
		}
		if now.Rating != scoring.NotRated {
			rating := indicator.Rating(now.Rating)
			wi.Rating = &rating
		}
		out.Indicators = append(out.Indicators, wi)
	}
	keptSubtotals := map[[2]string]decimal.Decimal{}
	for _, st := range assess.Subtotals(ws.stored, rules) {
		keptSubtotals[[2]string{st.Level1, st.Level2}] = st.Score
	}
	for _, st := range subtotals(res.Subtotals) {
		level2 := ""
		if st.Level2 != nil {
			level2 = *st.Level2
		}
		keptScore := keptSubtotals[[2]string{st.Level1, level2}]
		out.Subtotals = append(out.Subtotals, &model.WhatIfSubtotal{Level1: st.Level1, Level2: st.Level2,
			Score: st.Score, Weight: st.Weight, KeptScore: dec(keptScore), Difference: dec(st.Score.Decimal().Sub(keptScore))})
	}
	if out.Rank, out.KeptRank, out.Peers, err = r.rank(ctx, ev, ws.stored.Year, out.Score); err != nil {
		return nil, err
	}
	return out, nil
}

// rank is ev's rank with score and with its kept score among its peers: the
// evaluations of the same kind (overall or project) in dy's fiscal year that the
// caller may read (the query runs under the caller's access rules), by their kept
// scores (indexed, project_id and score). Rank is 1 + the number of peers scoring
// strictly more, so that equal scores share a rank; peers counts ev too.
func (r *Resolver) rank(ctx context.Context, ev *ent.Evaluation, dy *ent.DepartmentYear, score fixed.Decimal) (rank, keptRank, peers int, err error) {
	if dy == nil {
		return 1, 1, 1, nil
	}
	of := func() *ent.EvaluationQuery {
		q := r.db(ctx).Evaluation.Query().Where(evaluation.HasDepartmentYearWith(departmentyear.Year(dy.Year)))
		if ev.ProjectID == nil {
			return q.Where(evaluation.ProjectIDIsNil())
		}
		return q.Where(evaluation.ProjectIDNotNil())
	}
	if peers, err = of().Count(ctx); err != nil {
		return 0, 0, 0, err
	}
	above, err := of().Where(evaluation.IDNEQ(ev.ID), evaluation.ScoreGT(score)).Count(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	keptAbove, err := of().Where(evaluation.IDNEQ(ev.ID), evaluation.ScoreGT(ev.Score)).Count(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	return 1 + above, 1 + keptAbove, peers, nil
}

// evaluationNextGrade is what it would take ev to reach its next grade from what is stored.
func evaluationNextGrade(ctx context.Context, ev *ent.Evaluation) (*model.NextGrade, error) {
	ws, err := loadWhatIfSubject(ctx, ev)
	if err != nil {
		return nil, err
	}
	s := whatif.FromRows(ws.stored.Year, ws.stored.Project, ws.stored.Indicators)
	return nextGrade(whatif.NextGrade(s, ws.rules.Rules), ws.stored.Indicators), nil
}

// nextGrade is n as the API answers it; rows are the subject's indicators.
func nextGrade(n whatif.Next, rows []*ent.Indicator) *model.NextGrade {
	byID := make(map[int]*ent.Indicator, len(rows))
	for _, row := range rows {
		byID[row.ID] = row
	}
	out := &model.NextGrade{Score: dec(n.Total), Grade: evaluation.Grade(n.Grade), Items: []*model.NextGradeItem{}}
	if n.Next != "" {
		next, label, from, gap := evaluation.Grade(n.Next), n.Next.Chinese(), dec(n.From), dec(n.Gap)
		out.Next, out.NextLabel, out.From, out.Gap = &next, &label, &from, &gap
	}
	for _, need := range n.Needs {
		item := &model.NextGradeItem{Indicator: byID[need.Indicator], Level1: need.Level1, Name: need.Name, Unit: need.Unit,
			Weight: dec(need.Weight), Score: dec(need.Score), PointsLost: dec(need.PointsLost),
			From: decPtr(need.From), To: decPtr(need.To), Actual: decPtr(need.Actual),
			ScoreAfter: decPtr(need.ScoreAfter), TotalAfter: decPtr(need.TotalAfter)}
		if need.Level2 != "" {
			item.Level2 = &need.Level2
		}
		if need.Binding != scoring.NoBinding {
			b := indicator.Binding(need.Binding)
			item.Binding = &b
		}
		if need.Outcome != "" {
			o := model.NextGradeOutcome(need.Outcome)
			item.Outcome = &o
		}
		if need.Field != "" {
			places := int(need.Places)
			item.Field, item.Places = &need.Field, &places
		}
		if need.To != nil {
			from := decimal.Zero
			if need.From != nil {
				from = *need.From
			}
			change := dec(need.To.Sub(from))
			item.Change = &change
		}
		if need.Rating != scoring.NotRated {
			rating := indicator.Rating(need.Rating)
			item.Rating = &rating
		}
		out.Items = append(out.Items, item)
	}
	return out
}

// changesOf is the API's what-if input as package whatif takes it.
func changesOf(in model.WhatIfInput) whatif.Changes {
	var c whatif.Changes
	for _, ch := range in.Indicators {
		ic := whatif.IndicatorChange{ID: ch.ID, Actual: fixed.Ptr(ch.Actual), Target: fixed.Ptr(ch.Target),
			Weight: fixed.Ptr(ch.Weight), RatedScore: fixed.Ptr(ch.RatedScore)}
		if ch.Rating != nil {
			rating := scoring.Rating(*ch.Rating)
			ic.Rating = &rating
		}
		c.Indicators = append(c.Indicators, ic)
	}
	if f := in.Figures; f != nil {
		c.Figures = whatif.FigureChanges{
			PersonnelBudget: fixed.Ptr(f.PersonnelBudget), PersonnelActual: fixed.Ptr(f.PersonnelActual),
			PublicBudget: fixed.Ptr(f.PublicBudget), PublicActual: fixed.Ptr(f.PublicActual),
			ProjectBudget: fixed.Ptr(f.ProjectBudget), ProjectActual: fixed.Ptr(f.ProjectActual),
			CarryoverEnd:      fixed.Ptr(f.CarryoverEnd),
			ThreePublicBudget: fixed.Ptr(f.ThreePublicBudget), ThreePublicActual: fixed.Ptr(f.ThreePublicActual),
			AssetsInUse: fixed.Ptr(f.AssetsInUse), AssetsTotal: fixed.Ptr(f.AssetsTotal),
		}
	}
	if p := in.Project; p != nil {
		c.Project = whatif.ProjectChange{Budget: fixed.Ptr(p.Budget), Executed: fixed.Ptr(p.Executed)}
	}
	return c
}

// whatIfRefused reports a refused hypothetical value as BAD_USER_INPUT naming the
// input field, with its reason and params and, for an indicator's, the
// indicator's id and name in extensions as a submit check names them.
func whatIfRefused(ctx context.Context, err error) error {
	var bad *inputerr.Error
	if !errors.As(err, &bad) || bad.Reason == nil {
		return err
	}
	params := map[string]any{}
	for k, v := range bad.Reason.Params {
		params[k] = v
	}
	ext := map[string]any{"code": CodeBadUserInput, "field": bad.Field, "reason": bad.Reason.Code, "params": params}
	if id, ok := bad.Reason.Params["indicatorID"]; ok {
		ext["indicatorID"] = id
		if name, ok := bad.Reason.Params["indicatorName"]; ok {
			ext["indicatorName"] = name
		}
	}
	return &gqlerror.Error{Message: bad.Error(), Path: graphql.GetPath(ctx), Extensions: ext}
}

// sameInputs reports whether a and b score alike whatever the figures: the same
// kind of values, all equal.
func sameInputs(a, b scoring.Indicator) bool {
	return a.Target.Equal(b.Target) && a.Weight.Equal(b.Weight) && a.Rating == b.Rating &&
		samePtr(a.Actual, b.Actual) && samePtr(a.RatedScore, b.RatedScore)
}

func samePtr(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
