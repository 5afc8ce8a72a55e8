package graph

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/domain/workflow"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// db is the transaction's client inside a mutation (entgql.Transactioner puts it
// in the context), otherwise the server's client.
func (r *Resolver) db(ctx context.Context) *ent.Client {
	if tx := ent.FromContext(ctx); tx != nil {
		return tx
	}
	return r.client
}

// found turns ent's not-found error into one that names the entity and id.
func found[T any](v T, err error, entity string, id int) (T, error) {
	if ent.IsNotFound(err) {
		return v, &inputerr.NotFound{Entity: entity, ID: id}
	}
	return v, err
}

// deleted deletes one row by id and returns the id, naming the entity when it is missing.
func deleted(err error, entity string, id int) (int, error) {
	if _, err := found(0, err, entity, id); err != nil {
		return 0, err
	}
	return id, nil
}

func dec(v decimal.Decimal) fixed.Decimal { return fixed.Round(v) }

// decPtr is a nullable computed value: a rate over a tiny denominator may lie
// beyond the range of a Decimal, and is then null, as an undefined rate is,
// rather than a capped number.
func decPtr(v *decimal.Decimal) *fixed.Decimal {
	if v == nil {
		return nil
	}
	d, ok := fixed.RoundOK(*v)
	if !ok {
		return nil
	}
	return &d
}

// subject loads what an evaluation of key needs, all lookups in flight at once:
// when full, the indicators with every column, the monthly execution and the funding
// lines (what submission checks); otherwise
// only what subtotals read.
func subject(ctx context.Context, key loader.Subject, full bool) (assess.Subject, error) {
	l := loader.For(ctx)
	// Ask every loader before waiting on any, so that concurrent resolvers land in
	// the same batches.
	year := l.Year.LoadThunk(ctx, key.Year)
	inds := l.Scored.LoadThunk(ctx, key)
	if full {
		inds = l.Indicators.LoadThunk(ctx, key)
	}
	project := func() (*ent.Project, error) { return nil, nil }
	months := func() ([]*ent.MonthlyExecution, error) { return nil, nil }
	funding := func() ([]*ent.FundingLine, error) { return nil, nil }
	if full {
		funding = l.Funding.LoadThunk(ctx, key)
	}
	if key.Project != 0 {
		project = l.Project.LoadThunk(ctx, key.Project)
	} else if full {
		months = l.Months.LoadThunk(ctx, key.Year)
	}
	var s assess.Subject
	var err error
	if s.Year, err = year(); err != nil {
		return s, err
	}
	if s.Indicators, err = inds(); err != nil {
		return s, err
	}
	if s.Project, err = project(); err != nil {
		return s, err
	}
	if s.Months, err = months(); err != nil {
		return s, err
	}
	s.Funding, err = funding()
	return s, err
}

func subtotals(in []scoring.Subtotal) []*model.Subtotal {
	out := make([]*model.Subtotal, len(in))
	for i, s := range in {
		out[i] = &model.Subtotal{Level1: s.Level1, Score: dec(s.Score), Weight: dec(s.Weight)}
		if s.Level2 != "" {
			l2 := s.Level2
			out[i].Level2 = &l2
		}
	}
	return out
}

func submitProblems(in []scoring.Problem, names map[int]string) []*model.SubmitProblem {
	out := make([]*model.SubmitProblem, len(in))
	for i, p := range in {
		params := map[string]any{} // never null: a UI interpolates it as it is
		for k, v := range p.Params {
			params[k] = v
		}
		out[i] = &model.SubmitProblem{Field: p.Field, Reason: string(p.Reason), Params: params, Message: p.Message}
		if id, err := strconv.Atoi(p.Indicator); err == nil {
			name := names[id]
			out[i].IndicatorID, out[i].IndicatorName = &id, &name
		}
	}
	return out
}

// Page sizes: a connection asked for without first/last gets DefaultPage rows, and
// nobody gets more than MaxPage in one request.
const (
	DefaultPage = 50
	MaxPage     = 1000
)

// get reads one row by id, naming the entity when it is missing.
func get[T any](ctx context.Context, read func(context.Context, int) (T, error), id int, entity string) (T, error) {
	v, err := read(ctx, id)
	return found(v, err, entity, id)
}

// withField names the input field that carried a missing reference.
func withField(err error, field string) error {
	var nf *inputerr.NotFound
	if errors.As(err, &nf) {
		nf.Field = field
	}
	return err
}

// atRow prefixes a validation error of a bulk insert with the list field's name.
func atRow(err error, field string) error {
	var ve *ent.ValidationError
	if errors.As(err, &ve) {
		return inputerr.New(field, "%s: %v", lowerFirst(camel(ve.Name)), validationReason(ve))
	}
	return err
}

func indicatorNames(inds []*ent.Indicator) map[int]string {
	out := make(map[int]string, len(inds))
	for _, ind := range inds {
		out[ind.ID] = ind.Name
	}
	return out
}

// submitRefused reports every problem as its own GraphQL error (code SUBMIT_CHECK,
// with the field, the reason and its params, and the indicator's id and name: a UI
// writes its sentence from these, never from the message), and returns the error
// that rolls the mutation back, whose reason is REFUSED.
func submitRefused(ctx context.Context, id int, problems []*model.SubmitProblem) error {
	for _, p := range problems {
		ext := map[string]any{"code": CodeSubmitCheck, "field": p.Field, "reason": p.Reason, "params": p.Params}
		if p.IndicatorID != nil {
			ext["indicatorID"] = strconv.Itoa(*p.IndicatorID) // a string, as GraphQL writes every ID
			ext["indicatorName"] = *p.IndicatorName
		}
		graphql.AddError(ctx, &gqlerror.Error{
			Message:    p.Message,
			Path:       graphql.GetPath(ctx),
			Extensions: ext,
		})
	}
	return &gqlerror.Error{
		Message: fmt.Sprintf("evaluation %d cannot be submitted: %d problem(s), each reported as its own error", id, len(problems)),
		Extensions: map[string]any{"code": CodeSubmitCheck, "reason": ReasonSubmitRefused,
			"params": map[string]any{"evaluationID": strconv.Itoa(id), "problems": len(problems)}},
	}
}

// step moves an evaluation one step through the review workflow. The update names
// the statuses the step starts from, so that the access rules decide first (who may
// take which step, on which department's evaluation) and a step that does not fit
// the status is explained only to somebody who may see it.
func (r *Resolver) step(ctx context.Context, id int, action workflow.Action, comment string) (*ent.Evaluation, error) {
	db := r.db(ctx)
	ev, err := stepUpdate(db, id, action, comment).Save(ctx)
	if !ent.IsNotFound(err) {
		return ev, err
	}
	current, err := get(ctx, db.Evaluation.Get, id, "evaluation")
	if err != nil {
		return nil, err
	}
	_, err = workflow.Next(action, current.Status)
	return nil, inputerr.New("id", "%v", err)
}

// stepUpdate is the change a workflow step makes: the one step takes and the one
// viewerCan asks the access rules about.
func stepUpdate(db *ent.Client, id int, action workflow.Action, comment string) *ent.EvaluationUpdateOne {
	from, to := workflow.Of(action)
	u := db.Evaluation.UpdateOneID(id).Where(evaluation.StatusIn(from...)).SetStatus(to)
	if comment != "" {
		u.SetReviewComment(comment)
	}
	if action == workflow.Submit {
		u.SetSubmittedAt(time.Now())
	}
	return u
}

// mayChange asks the access rules, before anything else is read or counted,
// whether the caller may change the row m would change.
func mayChange(ctx context.Context, policy ent.Policy, m ent.Mutation) error {
	return policy.EvalMutation(ctx, m)
}

// me describes the caller.
func me(ctx context.Context, client *ent.Client) (*model.Me, error) {
	v := viewer.FromContext(ctx)
	out := &model.Me{Kind: model.ViewerKindAnonymous, Name: v.Name}
	sys := access.System(ctx, "me")
	switch v.Kind {
	case viewer.User:
		u, err := client.User.Get(sys, v.ID)
		if err != nil {
			return nil, err
		}
		out.Kind, out.User, out.Role = model.ViewerKindUser, u, &u.Role
		if csrf := auth.CSRFToken(ctx); csrf != "" {
			out.CsrfToken = &csrf
		}
	case viewer.Token:
		out.Kind = model.ViewerKindToken
	}
	if v.Scope != nil {
		d, err := client.Department.Get(sys, v.Scope.Root)
		if err != nil {
			return nil, err
		}
		out.Scope = d
	}
	return out, nil
}
