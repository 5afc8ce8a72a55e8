package graph

import (
	"context"
	"time"

	"jixiao/domain/fixed"
	"jixiao/domain/review"
	"jixiao/domain/review/record"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/rectification"
	"jixiao/ent/reviewscore"
	"jixiao/ent/schema"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/access"
)

// today is the server's date, YYYY-MM-DD: what overdue is measured against.
func today() string { return time.Now().Format(time.DateOnly) }

// reviewTotal is ev's review total and grade (domain/review.Total) from its
// indicators, their re-scores and its rules; nil when no indicator is re-scored.
func reviewTotal(ctx context.Context, ev *ent.Evaluation) (*fixed.Decimal, *evaluation.Grade, error) {
	key := loader.SubjectOf(ev)
	l := loader.For(ctx)
	l.Rules.LoadThunk(ctx, key.Year) // into the batch before waiting on the subject
	inds, err := l.Indicators.Load(ctx, key)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	scores, err := l.ReviewScore.LoadAll(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	scored := make([]review.Scored, len(inds))
	any := false
	for i, ind := range inds {
		scored[i].Self = ind.Score
		if rs := scores[i]; rs != nil {
			s := rs.Score
			scored[i].Review, any = &s, true
		}
	}
	if !any {
		return nil, nil, nil
	}
	rules, err := rulesOf(ctx, key, ev)
	if err != nil {
		return nil, nil, err
	}
	var execution *fixed.Decimal
	if ev.ProjectID != nil {
		execution = ev.ExecutionScore
	}
	total, grade := review.Total(scored, execution, rules.Rules)
	g := evaluation.Grade(grade)
	return &total, &g, nil
}

// reviewCan asks the access rules about the very writes the review's steps make;
// the evaluation's status says which steps exist now.
func (r *Resolver) reviewCan(ctx context.Context, ev *ent.Evaluation) (*model.ReviewViewerCan, error) {
	db := r.db(ctx)
	can := &model.ReviewViewerCan{}
	var err error
	if review.Raisable(string(ev.Status)) {
		m := db.Rectification.Create().SetEvaluationID(ev.ID).Mutation()
		if can.RaiseRectification, err = access.Allowed(ctx, rectification.Policy, m); err != nil {
			return nil, err
		}
	}
	if review.Rescorable(string(ev.Status)) {
		inds, err := loader.For(ctx).Indicators.Load(ctx, loader.SubjectOf(ev))
		if err != nil || len(inds) == 0 {
			return can, err
		}
		m := db.ReviewScore.Create().SetIndicatorID(inds[0].ID).Mutation()
		if can.Rescore, err = access.Allowed(ctx, reviewscore.Policy, m); err != nil {
			return nil, err
		}
	}
	return can, nil
}

// rectificationCan says whether the caller may answer or decide item x now.
func (r *Resolver) rectificationCan(ctx context.Context, x *ent.Rectification) (*model.RectificationViewerCan, error) {
	db := r.db(ctx)
	can := &model.RectificationViewerCan{}
	var err error
	switch x.Status {
	case rectification.StatusOPEN:
		m := db.Rectification.UpdateOneID(x.ID).SetStatus(rectification.StatusANSWERED).SetMeasures("-").Mutation()
		can.Answer, err = access.Allowed(ctx, rectification.Policy, m)
	case rectification.StatusANSWERED:
		m := db.Rectification.UpdateOneID(x.ID).SetStatus(rectification.StatusACCEPTED).Mutation()
		can.Decide, err = access.Allowed(ctx, rectification.Policy, m)
	}
	return can, err
}

// rectifications is the filtered query of Query.rectifications.
func (r *Resolver) rectifications(ctx context.Context, status []rectification.Status, overdue *bool,
	departmentID *int, year *int, evaluationID *int) (*ent.RectificationQuery, error) {
	db := r.db(ctx)
	q := db.Rectification.Query()
	if len(status) > 0 {
		q.Where(rectification.StatusIn(status...))
	}
	if overdue != nil {
		p := record.OverdueOn(today())
		if !*overdue {
			p = rectification.Not(p)
		}
		q.Where(p)
	}
	if evaluationID != nil {
		q.Where(rectification.EvaluationID(*evaluationID))
	}
	if departmentID != nil {
		root, err := get(ctx, db.Department.Get, *departmentID, "department")
		if err != nil {
			return nil, withField(err, "departmentID")
		}
		q.Where(rectification.HasEvaluationWith(evaluation.HasDepartmentYearWith(departmentyear.HasDepartmentWith(
			department.Or(department.ID(root.ID), department.PathHasPrefix(schema.SubtreePrefix(root.Path, root.ID)))))))
	}
	if year != nil {
		q.Where(rectification.HasEvaluationWith(evaluation.HasDepartmentYearWith(departmentyear.Year(*year))))
	}
	return q, nil
}

// text is an optional text argument, empty when absent.
func text(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
