package graph

import (
	"context"
	"fmt"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"jixiao/domain/monitoring"
	"jixiao/domain/monitoring/cycle"
	"jixiao/ent"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/monitoringreport"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/access"
)

func monitoringView(ctx context.Context, id int) (*cycle.View, error) {
	return loader.For(ctx).MonitoringView.Load(ctx, id)
}

func steps(in []monitoring.Step) []*model.ComputationStep {
	out := make([]*model.ComputationStep, len(in))
	for i, s := range in {
		ps := make([]*model.StepParam, len(s.Params))
		for j, p := range s.Params {
			ps[j] = &model.StepParam{Name: p.Name, Value: p.Value}
		}
		out[i] = &model.ComputationStep{Code: s.Code, Params: ps}
	}
	return out
}

func light(l monitoring.Light) *model.MonitoringLight {
	if l == "" {
		return nil
	}
	m := model.MonitoringLight(l)
	return &m
}

func likelihood(l monitoring.Likelihood) *monitoringentry.LikelihoodOverride {
	if l == "" {
		return nil
	}
	m := monitoringentry.LikelihoodOverride(l)
	return &m
}

func monitoringEntries(v *cycle.View) []*model.MonitoringEntry {
	out := make([]*model.MonitoringEntry, len(v.Entries))
	for i, e := range v.Entries {
		f := e.Forecast
		m := &model.MonitoringEntry{
			Indicator: e.Indicator, ComputedExpected: decPtr(f.Computed), Expected: decPtr(f.Expected),
			ExpectedSteps: steps(f.Steps), ComputedLikelihood: likelihood(f.ComputedLikelihood), ComputedLight: light(f.ComputedLight),
			Likelihood: likelihood(f.Likelihood), Light: light(f.Light), Overridden: f.Overridden,
			ExplanationRequired: monitoring.NeedsExplanation(f.Light), FromLastYear: e.LastYearToDate != nil,
		}
		if x := e.Entry; x != nil {
			m.ID = &x.ID
			m.ValueToDate, m.ExpectedOverride, m.LikelihoodOverride = x.ValueToDate, x.ExpectedOverride, x.LikelihoodOverride
			m.OverrideReason, m.CauseCategory, m.Cause, m.Measure, m.Note = x.OverrideReason, x.CauseCategory, x.Cause, x.Measure, x.Note
		}
		out[i] = m
	}
	return out
}

func monitoringBudget(v *cycle.View) *model.MonitoringBudget {
	b, f := v.Budget, v.Budget.Forecast
	out := &model.MonitoringBudget{
		Month: f.Month, AdjustedBudget: b.Adjusted, ExecutedToDate: b.ExecutedToDate, FromMonths: b.FromMonths,
		RateToDate: decPtr(f.RateToDate), TargetPercent: decPtr(f.TargetPercent),
		ComputedExpectedRate: decPtr(f.ComputedRate), ExpectedRate: decPtr(f.ExpectedRate),
		ExpectedSteps: steps(f.Steps), ComputedLight: light(f.ComputedLight), Light: light(f.Light),
		Overridden: f.Overridden, ExplanationRequired: monitoring.NeedsExplanation(f.Light),
		Months: make([]*model.MonitoringMonth, len(b.Months)),
	}
	for i, m := range b.Months {
		out.Months[i] = &model.MonitoringMonth{Month: m.Month, Executed: m.Executed, TargetPercent: m.TargetPercent, Rate: decPtr(m.Rate)}
	}
	return out
}

func monitoringProblems(in []monitoring.Problem) []*model.SubmitProblem {
	out := make([]*model.SubmitProblem, len(in))
	for i, p := range in {
		params := map[string]any{"name": p.Name}
		out[i] = &model.SubmitProblem{Field: p.Field, Reason: p.Code, Params: params, Message: p.Message}
		if p.Indicator != 0 {
			id, name := p.Indicator, p.Name
			out[i].IndicatorID, out[i].IndicatorName = &id, &name
		}
	}
	return out
}

// monitoringRefused reports each problem as its own SUBMIT_CHECK error, then the
// refusal itself (as submitRefused does for evaluations).
func monitoringRefused(ctx context.Context, id int, problems []*model.SubmitProblem) error {
	for _, p := range problems {
		ext := map[string]any{"code": CodeSubmitCheck, "field": p.Field, "reason": p.Reason, "params": p.Params}
		if p.IndicatorID != nil {
			ext["indicatorID"] = strconv.Itoa(*p.IndicatorID)
			ext["indicatorName"] = *p.IndicatorName
		}
		graphql.AddError(ctx, &gqlerror.Error{Message: p.Message, Path: graphql.GetPath(ctx), Extensions: ext})
	}
	return &gqlerror.Error{
		Message: fmt.Sprintf("monitoring report %d cannot be submitted: %d problem(s), each reported as its own error", id, len(problems)),
		Extensions: map[string]any{"code": CodeSubmitCheck, "reason": ReasonSubmitRefused,
			"params": map[string]any{"monitoringReportID": strconv.Itoa(id), "problems": len(problems)}},
	}
}

// monitoringCan asks the access rules and the report's status what the caller may do.
func (r *Resolver) monitoringCan(ctx context.Context, rep *ent.MonitoringReport) (*model.MonitoringViewerCan, error) {
	db := r.db(ctx)
	can := &model.MonitoringViewerCan{}
	var err error
	switch rep.Status {
	case monitoringreport.StatusDRAFT, monitoringreport.StatusRETURNED:
		m := db.MonitoringReport.UpdateOneID(rep.ID).SetStatus(monitoringreport.StatusSUBMITTED).Mutation()
		if can.Submit, err = access.Allowed(ctx, monitoringreport.Policy, m); err != nil {
			return nil, err
		}
		m = db.MonitoringReport.UpdateOneID(rep.ID).SetBudgetCause("").Mutation()
		can.Edit, err = access.Allowed(ctx, monitoringreport.Policy, m)
	case monitoringreport.StatusSUBMITTED:
		m := db.MonitoringReport.UpdateOneID(rep.ID).SetStatus(monitoringreport.StatusAPPROVED).Mutation()
		can.Review, err = access.Allowed(ctx, monitoringreport.Policy, m)
	}
	return can, err
}

func entryInput(in model.MonitoringEntryInput) cycle.EntryInput {
	return cycle.EntryInput{
		ValueToDate: in.ValueToDate, ExpectedOverride: in.ExpectedOverride, LikelihoodOverride: in.LikelihoodOverride,
		OverrideReason: text(in.OverrideReason), CauseCategory: in.CauseCategory,
		Cause: text(in.Cause), Measure: text(in.Measure), Note: text(in.Note),
	}
}

func budgetInput(in model.MonitoringBudgetInput) cycle.BudgetInput {
	return cycle.BudgetInput{Executed: in.Executed, ExpectedOverride: in.ExpectedOverride,
		OverrideReason: text(in.OverrideReason), Cause: text(in.Cause), Measure: text(in.Measure)}
}
