package graph

import (
	"context"

	"jixiao/domain/workflow"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/project"
	"jixiao/graph/model"
	"jixiao/platform/access"
)

// What viewerCan, locked and lockReason answer is what the rules answer: each asks
// the access policy about the very change the mutation would make (see
// access.Allowed) and the workflow about the step, so no rule is written here.

// evaluationCan is what the caller may do with ev now.
func (r *Resolver) evaluationCan(ctx context.Context, ev *ent.Evaluation) (*model.EvaluationViewerCan, error) {
	db := r.db(ctx)
	edit, err := access.Allowed(ctx, evaluation.Policy, db.Evaluation.UpdateOneID(ev.ID).SetConclusion(ev.Conclusion).Mutation())
	if err != nil {
		return nil, err
	}
	can := &model.EvaluationViewerCan{Edit: edit}
	for action, out := range map[workflow.Action]*bool{
		workflow.Submit: &can.Submit, workflow.Approve: &can.Approve, workflow.Return: &can.Return, workflow.Publish: &can.Publish,
	} {
		if *out, err = r.mayStep(ctx, ev, action); err != nil {
			return nil, err
		}
	}
	return can, nil
}

// mayStep reports whether the caller may take action on ev: the workflow leads
// somewhere from its status and the access rules allow the step's change.
func (r *Resolver) mayStep(ctx context.Context, ev *ent.Evaluation, action workflow.Action) (bool, error) {
	if _, err := workflow.Next(action, ev.Status); err != nil {
		return false, nil
	}
	comment := ""
	if action == workflow.Return {
		comment = "viewerCan" // returning requires a comment; its text does not matter to the rules
	}
	return access.Allowed(ctx, evaluation.Policy, stepUpdate(r.db(ctx), ev.ID, action, comment).Mutation())
}

// yearCan is what the caller may do with a department-year's figures now.
func (r *Resolver) yearCan(ctx context.Context, dy *ent.DepartmentYear) (*model.ViewerCan, error) {
	ok, err := access.Allowed(ctx, departmentyear.Policy, r.yearChange(ctx, dy))
	return &model.ViewerCan{Edit: ok}, err
}

// indicatorCan is what the caller may do with an indicator now.
func (r *Resolver) indicatorCan(ctx context.Context, ind *ent.Indicator) (*model.ViewerCan, error) {
	ok, err := access.Allowed(ctx, indicator.Policy, r.indicatorChange(ctx, ind))
	return &model.ViewerCan{Edit: ok}, err
}

// yearChange and indicatorChange are an edit of the row that changes nothing:
// what the rules are asked about.
func (r *Resolver) yearChange(ctx context.Context, dy *ent.DepartmentYear) ent.Mutation {
	return r.db(ctx).DepartmentYear.UpdateOneID(dy.ID).SetGoal(dy.Goal).Mutation()
}

func (r *Resolver) indicatorChange(ctx context.Context, ind *ent.Indicator) ent.Mutation {
	return r.db(ctx).Indicator.UpdateOneID(ind.ID).SetName(ind.Name).Mutation()
}

// lockOf is the lock on the rows m would change, nil when there is none.
func lockOf(ctx context.Context, m ent.Mutation) (*model.Lock, error) {
	l, err := access.Lock(ctx, m)
	if l == nil || err != nil {
		return nil, err
	}
	return &model.Lock{EvaluationID: l.Evaluation, Status: l.Status}, nil
}

// evaluationLock is the lock of an evaluation: itself, while under review.
func (r *Resolver) evaluationLock(ctx context.Context, ev *ent.Evaluation) (*model.Lock, error) {
	return lockOf(ctx, r.db(ctx).Evaluation.UpdateOneID(ev.ID).SetConclusion(ev.Conclusion).Mutation())
}

// isLocked turns a lock lookup into locked's answer.
func isLocked(l *model.Lock, err error) (bool, error) { return l != nil, err }

// departmentCan is what the caller may do with a department's data: add a year.
func (r *Resolver) departmentCan(ctx context.Context, d *ent.Department) (*model.ViewerCan, error) {
	m := r.db(ctx).DepartmentYear.Create().SetDepartmentID(d.ID).Mutation()
	ok, err := access.Allowed(ctx, departmentyear.Policy, m)
	return &model.ViewerCan{Edit: ok}, err
}

// projectChange is an edit of the project that changes nothing.
func (r *Resolver) projectChange(ctx context.Context, p *ent.Project) ent.Mutation {
	return r.db(ctx).Project.UpdateOneID(p.ID).SetName(p.Name).Mutation()
}

// projectCan is what the caller may do with a project and its indicators now.
func (r *Resolver) projectCan(ctx context.Context, p *ent.Project) (*model.ViewerCan, error) {
	ok, err := access.Allowed(ctx, project.Policy, r.projectChange(ctx, p))
	return &model.ViewerCan{Edit: ok}, err
}
