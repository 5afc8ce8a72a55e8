package graph

import (
	"context"
	"database/sql/driver"
	"io"
	"strconv"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"

	"jixiao/domain/evidence"
	"jixiao/domain/forms"
	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/indicator"
	"jixiao/graph/model"
	"jixiao/platform/access"
	"jixiao/platform/audit/change"
	"jixiao/platform/events"
	"jixiao/platform/forms/xlsx"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// MaxUploadBytes bounds an uploaded workbook; a multipart request may be
// MaxMultipartBytes, the file and its other parts (operations, map, headers).
const (
	MaxUploadBytes    = 10 << 20
	MaxMultipartBytes = MaxUploadBytes + 64<<10
)

// MaxUploadCeiling bounds a multipart request whatever the configuration: the
// largest evidence file that may be configured and the other parts. The HTTP
// layer holds each request to the limits configured (platform/web).
const MaxUploadCeiling = evidence.MaxMaxBytes + 64<<10

// importForm reads an uploaded workbook into the evaluation id: the caller's
// access first (nothing is read of a file the caller may not import), then the
// workbook, its differences to the stored form, and the changes made through the
// mutations of package forms, in the request's transaction. A dry run, or an
// import that found any problem, has its transaction rolled back.
func (r *Resolver) importForm(ctx context.Context, id int, file graphql.Upload, dryRun bool) (*model.FormImport, error) {
	if viewer.FromContext(ctx).Kind == viewer.Anonymous {
		return nil, access.ErrUnauthenticated
	}
	if ent.TxFromContext(ctx) == nil || !canRollBack(ctx) {
		// Only sign-in and sign-out run without one, and they manage their own writes.
		return nil, inputerr.New("importEvaluationForm", "send it in a request without login or logout")
	}
	db := r.db(ctx)
	ev, err := get(ctx, db.Evaluation.Get, id, "evaluation")
	if err != nil {
		return nil, withField(err, "evaluationID")
	}
	// The rules decide before the file is read: the caller must be allowed to
	// change the evaluation's indicators (an editor of its department while it is
	// not under review, or an administrator). Asking takes the year's lock, which
	// the transaction then holds.
	probe := db.Indicator.Create().SetDepartmentYearID(ev.DepartmentYearID).SetNillableProjectID(ev.ProjectID).Mutation()
	if err := mayChange(ctx, indicator.Policy, probe); err != nil {
		return nil, err
	}
	src, err := forms.Load(ctx, db, id)
	if err != nil {
		return nil, err
	}
	cur := forms.Build(src)
	out := &model.FormImport{Form: model.FormKind(cur.Kind), DryRun: dryRun, ScoreBefore: cur.TotalScore,
		Problems: []*model.FormProblem{}, Changes: []*model.FormChange{}}
	// Whatever happens below, only an import without problems that is no dry run commits.
	defer func() {
		if !out.Applied {
			rollBack(ctx)
		}
	}()
	data, problem := readUpload(file)
	if problem != nil {
		out.Problems = problems([]forms.Problem{*problem})
		return out, nil
	}
	in, found := xlsx.Read(data)
	if in == nil {
		out.Problems = problems(found)
		return out, nil
	}
	out.Form = model.FormKind(in.Kind)
	changes, diffed := forms.Diff(cur, in)
	found = append(found, diffed...)
	refused, err := forms.Apply(ctx, db, cur, changes)
	if err != nil {
		return nil, err
	}
	found = append(found, refused...)
	out.Problems = problems(found)
	out.Applied = !dryRun && len(found) == 0
	out.Changes = formChanges(changes, out.Applied)
	if len(found) == 0 {
		after, err := db.Evaluation.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out.ScoreAfter = &after.Score
	}
	return out, nil
}

// readUpload reads an upload of at most MaxUploadBytes.
func readUpload(file graphql.Upload) ([]byte, *forms.Problem) {
	if file.Size > MaxUploadBytes {
		p := forms.FileProblem(forms.CodeFileTooLarge, []string{"max", strconv.Itoa(MaxUploadBytes)},
			"the file is larger than %d bytes", MaxUploadBytes)
		return nil, &p
	}
	data, err := io.ReadAll(io.LimitReader(file.File, MaxUploadBytes+1))
	if err != nil || len(data) > MaxUploadBytes {
		p := forms.FileProblem(forms.CodeFileTooLarge, []string{"max", strconv.Itoa(MaxUploadBytes)},
			"the file is larger than %d bytes", MaxUploadBytes)
		return nil, &p
	}
	return data, nil
}

func problems(in []forms.Problem) []*model.FormProblem {
	out := make([]*model.FormProblem, len(in))
	for i, p := range in {
		params := map[string]any{}
		for k, v := range p.Params {
			params[k] = v
		}
		out[i] = &model.FormProblem{Sheet: nonEmpty(p.Sheet), Cell: nonEmpty(p.Cell), Field: nonEmpty(p.Field),
			Value: nonEmpty(p.Value), Code: p.Code, Params: params, Message: p.Message}
	}
	return out
}

// formChanges are the changes as the answer lists them; the ids of rows added
// are given only when they were kept.
func formChanges(in []forms.Change, kept bool) []*model.FormChange {
	out := make([]*model.FormChange, len(in))
	for i, c := range in {
		fc := &model.FormChange{Kind: model.FormChangeKind(c.Kind), Entity: string(c.Entity), Name: c.Name,
			Level1: nonEmpty(c.Level1), Level2: nonEmpty(c.Level2), Fields: make([]*change.Field, len(c.Fields)),
			ScoreBefore: c.ScoreBefore, ScoreAfter: c.ScoreAfter}
		if c.ID != 0 && (c.Kind != forms.Added || kept) {
			id := c.ID
			fc.ID = &id
		}
		if c.Row != 0 {
			row := c.Row
			fc.Row = &row
		}
		if c.Kind == forms.Removed {
			fc.ScoreAfter = nil
		}
		for j, f := range c.Fields {
			fc.Fields[j] = &change.Field{Field: f.Field, Before: f.Before, After: f.After}
		}
		out[i] = fc
	}
	return out
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// The mutations' transactions may be asked to roll back though the request
// succeeds: a dry run answers what it did, then undoes it.

type rollbackKey struct{}

// txOpener opens the transaction of each mutation request (for
// entgql.Transactioner) so that rollBack can turn its commit into a rollback,
// and so that the changes it commits are announced (package events) once, and
// only if, it commits.
type txOpener struct {
	client *ent.Client
	hub    *events.Hub
}

func (o txOpener) OpenTx(ctx context.Context) (context.Context, driver.Tx, error) {
	ctx, tx, err := o.client.OpenTx(ctx)
	if err != nil {
		return ctx, tx, err
	}
	undo := new(atomic.Bool)
	// The rules that score each subject, read once per request (the transaction):
	// the hooks that move them forget them.
	ctx = kept.WithCache(ctx)
	// The audit hook adds each changed row's event to the batch.
	ctx, batch := events.WithBatch(ctx)
	ctx = context.WithValue(ctx, rollbackKey{}, undo)
	return ctx, rollbackTx{Tx: tx, undo: undo, ctx: ctx, batch: batch, hub: o.hub}, nil
}

// rollbackTx commits unless its request asked for a rollback; a commit
// announces the batch's events through the hub.
type rollbackTx struct {
	driver.Tx
	undo  *atomic.Bool
	ctx   context.Context // the transaction's: its client, for the hub's steps inside it
	batch *events.Batch
	hub   *events.Hub
}

func (t rollbackTx) Commit() error {
	if t.undo.Load() {
		return t.Tx.Rollback()
	}
	if t.hub == nil {
		return t.Tx.Commit()
	}
	err := t.hub.Commit(t.ctx, ent.FromContext(t.ctx), t.batch.Events(), t.Tx.Commit)
	if err != nil {
		_ = t.Tx.Rollback() // a step before the commit failed: nothing is kept (after a failed commit, a no-op)
	}
	return err
}

// rollBack asks for the request's transaction to be rolled back at its end.
func rollBack(ctx context.Context) {
	if undo, ok := ctx.Value(rollbackKey{}).(*atomic.Bool); ok {
		undo.Store(true)
	}
}

// canRollBack reports whether the request's transaction heeds rollBack.
func canRollBack(ctx context.Context) bool {
	_, ok := ctx.Value(rollbackKey{}).(*atomic.Bool)
	return ok
}
