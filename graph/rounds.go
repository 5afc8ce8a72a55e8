package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"jixiao/domain/rounds"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/evaluation"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/predicate"
	"jixiao/ent/round"
	"jixiao/ent/targetversion"
	"jixiao/ent/transition"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// queueLimit is how many items a queue's list holds at most.
const queueLimit = 100

// now is the time statuses are computed at.
var now = time.Now

// openRound makes a round and its participants: the departments of the subtrees
// and of the list, each once.
func (r *Resolver) openRound(ctx context.Context, in model.OpenRoundInput) (*ent.Round, error) {
	db := r.db(ctx)
	opens := now()
	if in.OpensAt != nil {
		opens = *in.OpensAt
	}
	// The round first, so that the access rules answer before anything is looked up;
	// a refused input rolls it back with the rest of the mutation.
	v := viewer.FromContext(ctx)
	create := db.Round.Create().SetKind(in.Kind).SetYear(in.Year).SetName(strings.TrimSpace(in.Name)).
		SetOpensAt(opens.UTC()).SetDeadline(in.Deadline.UTC()).SetCreatedByName(v.Name)
	if v.Kind == viewer.User {
		create.SetCreatedByID(v.ID)
	}
	rd, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if !in.Deadline.After(opens) {
		return nil, inputerr.New("deadline", "the deadline must be after the round opens (%s)", opens.UTC().Format(time.RFC3339))
	}
	if len(in.SubtreeIDs)+len(in.DepartmentIDs) == 0 {
		return nil, inputerr.New("departmentIDs", "choose at least one department or subtree")
	}
	depts, err := r.roundDepartments(ctx, in.SubtreeIDs, in.DepartmentIDs)
	if err != nil {
		return nil, err
	}
	projects := in.Projects != nil && *in.Projects
	builders := make([]*ent.RoundParticipantCreate, len(depts))
	for i, d := range depts {
		builders[i] = db.RoundParticipant.Create().SetRoundID(rd.ID).SetDepartmentID(d).SetProjects(projects)
	}
	if err := db.RoundParticipant.CreateBulk(builders...).Exec(ctx); err != nil {
		return nil, err
	}
	return rd, nil
}

// roundDepartments is the ids of the departments of the subtrees and the list,
// each once, in id order; a missing id is NOT_FOUND naming its field.
func (r *Resolver) roundDepartments(ctx context.Context, subtrees, list []int) ([]int, error) {
	db := r.db(ctx)
	var preds []predicate.Department
	for _, ids := range []struct {
		field string
		ids   []int
	}{{"subtreeIDs", subtrees}, {"departmentIDs", list}} {
		for _, id := range ids.ids {
			d, err := get(ctx, db.Department.Get, id, "department")
			if err != nil {
				return nil, withField(err, ids.field)
			}
			preds = append(preds, department.ID(d.ID))
			if ids.field == "subtreeIDs" {
				preds = append(preds, department.PathHasPrefix(fmt.Sprintf("%s%d/", d.Path, d.ID)))
			}
		}
	}
	return db.Department.Query().Where(department.Or(preds...)).Order(department.ByID()).IDs(ctx)
}

// updateRound changes a round's name, opening or deadline. The change is made
// first, so that the access rules answer before anything is read; a deadline
// that would come before the opening rolls it back.
func (r *Resolver) updateRound(ctx context.Context, id int, in model.UpdateRoundInput, version *int) (*ent.Round, error) {
	u := r.db(ctx).Round.UpdateOneID(id).SetNillableVersion(version)
	if in.Name != nil {
		u.SetName(strings.TrimSpace(*in.Name))
	}
	if in.OpensAt != nil {
		u.SetOpensAt(in.OpensAt.UTC())
	}
	if in.Deadline != nil {
		u.SetDeadline(in.Deadline.UTC())
	}
	rd, err := u.Save(ctx)
	rd, err = found(rd, err, "round", id)
	if err != nil {
		return nil, err
	}
	if !rd.Deadline.After(rd.OpensAt) {
		return nil, inputerr.New("deadline", "the deadline must be after the round opens (%s)", rd.OpensAt.UTC().Format(time.RFC3339))
	}
	return rd, nil
}

// closeRound closes an open round; closing a closed one changes nothing.
func (r *Resolver) closeRound(ctx context.Context, id int) (*ent.Round, error) {
	db := r.db(ctx)
	rd, err := db.Round.UpdateOneID(id).Where(round.StatusEQ(round.StatusOPEN)).
		SetStatus(round.StatusCLOSED).SetClosedAt(now().UTC()).Save(ctx)
	if ent.IsNotFound(err) {
		return get(ctx, db.Round.Get, id, "round") // closed already, or missing
	}
	return rd, err
}

// monitoringPoint is a MONITORING round's point; nil for another kind.
func monitoringPoint(rd *ent.Round) *string {
	if rd.Kind != round.KindMONITORING {
		return nil
	}
	p := rounds.MonitoringPoint(rd.Year, rd.Deadline)
	return &p
}

// partState is a participant's status now.
func partState(rd *ent.Round, p *loader.Part, at time.Time) rounds.Result {
	return rounds.Of(p.Items, rd.Deadline, at)
}

// parts is a round's parts the viewer may read.
func parts(ctx context.Context, rd *ent.Round) ([]*loader.Part, error) {
	return loader.For(ctx).RoundParts.Load(ctx, rd.ID)
}

// partOf is the part of participant p, read with its round's other parts.
func partOf(ctx context.Context, p *ent.RoundParticipant) (*loader.Part, *ent.Round, error) {
	rd, err := roundOf(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	ps, err := parts(ctx, rd)
	if err != nil {
		return nil, nil, err
	}
	for _, part := range ps {
		if part.Participant.ID == p.ID {
			return part, rd, nil
		}
	}
	return &loader.Part{Participant: p}, rd, nil
}

// roundOf is the participant's round (loaded with it when the query asked).
func roundOf(ctx context.Context, p *ent.RoundParticipant) (*ent.Round, error) {
	if rd := p.Edges.Round; rd != nil {
		return rd, nil
	}
	return p.Round(ctx)
}

// summary counts a round's parts by status.
func summary(ctx context.Context, rd *ent.Round) (*rounds.Summary, error) {
	ps, err := parts(ctx, rd)
	if err != nil {
		return nil, err
	}
	at := now()
	statuses := make([]rounds.Status, len(ps))
	for i, p := range ps {
		statuses[i] = partState(rd, p, at).Status
	}
	s := rounds.Summarize(statuses)
	return &s, nil
}

// roundCan asks the access rules about the changes the buttons would make.
func (r *Resolver) roundCan(ctx context.Context, rd *ent.Round) (*model.RoundViewerCan, error) {
	m := r.db(ctx).Round.UpdateOneID(rd.ID).SetName(rd.Name).Mutation()
	ok, err := access.Allowed(ctx, round.Policy, m)
	if err != nil {
		return nil, err
	}
	return &model.RoundViewerCan{Update: ok, Close: ok && rd.Status == round.StatusOPEN}, nil
}

// myQueue is the viewer's work queue.
func (r *Resolver) myQueue(ctx context.Context, withinDays int) (*model.Queue, error) {
	v := viewer.FromContext(ctx)
	if v.Kind == viewer.Anonymous {
		return nil, access.ErrUnauthenticated
	}
	q := &model.Queue{ToFill: []*model.QueueTask{}, Returned: []*model.QueueReturned{}, ReturnedTargets: []*model.QueueReturnedTargets{}, ToReview: []*model.QueueReview{},
		TargetsToReview: []*model.QueueTargets{}, MonitoringToReview: []*model.QueueMonitoringReview{}, Rounds: []*ent.Round{}}
	var err error
	switch {
	case v.Kind == viewer.User && v.Role == viewer.Editor:
		if q.ToFill, err = r.toFill(ctx); err != nil {
			return nil, err
		}
		if q.Returned, err = r.returned(ctx); err != nil {
			return nil, err
		}
		if q.ReturnedTargets, err = r.returnedTargets(ctx); err != nil {
			return nil, err
		}
	case v.Kind == viewer.User && (v.Role == viewer.Admin || v.Role == viewer.Reviewer):
		if err := r.toReview(ctx, q); err != nil {
			return nil, err
		}
	}
	if v.SeesEverything() {
		if q.Rounds, err = r.roundsNear(ctx, withinDays); err != nil {
			return nil, err
		}
	}
	return q, nil
}

// toFill is what the editor's departments must still submit in open rounds.
func (r *Resolver) toFill(ctx context.Context) ([]*model.QueueTask, error) {
	open, err := r.db(ctx).Round.Query().Where(round.StatusEQ(round.StatusOPEN)).
		Order(round.ByDeadline(), round.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	at := now()
	out := []*model.QueueTask{}
	for _, rd := range open {
		ps, err := parts(ctx, rd) // batched: the loader reads every round's parts at once
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			st := partState(rd, p, at).Status
			if st != rounds.NotSubmitted && st != rounds.Overdue {
				continue
			}
			out = append(out, &model.QueueTask{
				Round: rd, Participant: p.Participant, Department: p.Department, DepartmentYear: p.Year,
				Evaluation: p.Overall, Status: st, Deadline: rd.Deadline, DaysLeft: rounds.DaysLeft(at, rd.Deadline),
				MonitoringReport: p.Monitoring, MonitoringPoint: monitoringPoint(rd),
			})
			if len(out) == queueLimit {
				return out, nil
			}
		}
	}
	return out, nil
}

// returned is the editor's evaluations a reviewer returned, most recent first.
func (r *Resolver) returned(ctx context.Context) ([]*model.QueueReturned, error) {
	db := r.db(ctx)
	evs, err := db.Evaluation.Query().Where(evaluation.StatusEQ(evaluation.StatusRETURNED)).All(ctx)
	if err != nil || len(evs) == 0 {
		return []*model.QueueReturned{}, err
	}
	ids := make([]int, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	ts, err := db.Transition.Query().Where(transition.EvaluationIDIn(ids...), transition.ToEQ(transition.ToRETURNED)).All(ctx)
	if err != nil {
		return nil, err
	}
	last := map[int]*ent.Transition{}
	for _, t := range ts {
		if l := last[t.EvaluationID]; l == nil || t.At.After(l.At) {
			last[t.EvaluationID] = t
		}
	}
	out := make([]*model.QueueReturned, len(evs))
	for i, e := range evs {
		out[i] = &model.QueueReturned{Evaluation: e, Comment: e.ReviewComment}
		if t := last[e.ID]; t != nil {
			at := t.At
			out[i].ReturnedAt, out[i].ReturnedBy = &at, t.ActorName
		}
	}
	slices.SortStableFunc(out, func(a, b *model.QueueReturned) int {
		return cmp.Or(-compareTimes(a.ReturnedAt, b.ReturnedAt), cmp.Compare(a.Evaluation.ID, b.Evaluation.ID))
	})
	if len(out) > queueLimit {
		out = out[:queueLimit]
	}
	return out, nil
}

// returnedTargets is the editor's target versions the bureau returned that are
// still their year's latest (not filed or proposed again), most recent first.
func (r *Resolver) returnedTargets(ctx context.Context) ([]*model.QueueReturnedTargets, error) {
	db := r.db(ctx)
	vs, err := db.TargetVersion.Query().Where(targetversion.StatusEQ(targetversion.StatusRETURNED)).All(ctx)
	if err != nil || len(vs) == 0 {
		return []*model.QueueReturnedTargets{}, err
	}
	years := make([]int, len(vs))
	for i, v := range vs {
		years[i] = v.DepartmentYearID
	}
	all, err := db.TargetVersion.Query().Where(targetversion.DepartmentYearIDIn(years...)).
		Select(targetversion.FieldID, targetversion.FieldDepartmentYearID, targetversion.FieldNumber).All(ctx)
	if err != nil {
		return nil, err
	}
	latest := map[int]int{}
	for _, v := range all {
		latest[v.DepartmentYearID] = max(latest[v.DepartmentYearID], v.Number)
	}
	out := []*model.QueueReturnedTargets{}
	for _, v := range vs {
		if v.Number == latest[v.DepartmentYearID] {
			out = append(out, &model.QueueReturnedTargets{Version: v, Comment: v.ReviewComment, ReturnedAt: v.ReviewedAt, ReturnedBy: v.ReviewedByName})
		}
	}
	slices.SortStableFunc(out, func(a, b *model.QueueReturnedTargets) int {
		return cmp.Or(-compareTimes(a.ReturnedAt, b.ReturnedAt), cmp.Compare(a.Version.ID, b.Version.ID))
	})
	if len(out) > queueLimit {
		out = out[:queueLimit]
	}
	return out, nil
}

// compareTimes orders times, a missing one first.
func compareTimes(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Compare(*b)
}

// toReview fills the bureau's review lists: submitted evaluations by when they
// were last submitted, waiting target versions by when they were filed.
func (r *Resolver) toReview(ctx context.Context, q *model.Queue) error {
	db := r.db(ctx)
	at := now()
	evs, err := db.Evaluation.Query().Where(evaluation.StatusEQ(evaluation.StatusSUBMITTED)).All(ctx)
	if err != nil {
		return err
	}
	ids := make([]int, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	since := map[int]time.Time{}
	if len(ids) > 0 {
		ts, err := db.Transition.Query().Where(transition.EvaluationIDIn(ids...), transition.ToEQ(transition.ToSUBMITTED)).
			Select(transition.FieldEvaluationID, transition.FieldAt).All(ctx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			if s, ok := since[t.EvaluationID]; !ok || t.At.After(s) {
				since[t.EvaluationID] = t.At
			}
		}
	}
	for _, e := range evs {
		s, ok := since[e.ID]
		if !ok {
			s = e.UpdatedAt // submitted before transitions were recorded
		}
		q.ToReview = append(q.ToReview, &model.QueueReview{Evaluation: e, SubmittedAt: s, DaysWaiting: rounds.DaysWaited(s, at)})
	}
	slices.SortStableFunc(q.ToReview, func(a, b *model.QueueReview) int {
		return cmp.Or(a.SubmittedAt.Compare(b.SubmittedAt), cmp.Compare(a.Evaluation.ID, b.Evaluation.ID))
	})
	q.ToReviewCount = len(q.ToReview)
	if len(q.ToReview) > queueLimit {
		q.ToReview = q.ToReview[:queueLimit]
	}
	reps := db.MonitoringReport.Query().Where(monitoringreport.StatusEQ(monitoringreport.StatusSUBMITTED))
	if q.MonitoringToReviewCount, err = reps.Clone().Count(ctx); err != nil {
		return err
	}
	mrs, err := reps.Order(monitoringreport.BySubmittedAt(), monitoringreport.ByID()).Limit(queueLimit).All(ctx)
	if err != nil {
		return err
	}
	for _, m := range mrs {
		s := m.UpdatedAt // cannot happen: submitting sets the time
		if m.SubmittedAt != nil {
			s = *m.SubmittedAt
		}
		q.MonitoringToReview = append(q.MonitoringToReview, &model.QueueMonitoringReview{Report: m, SubmittedAt: s, DaysWaiting: rounds.DaysWaited(s, at)})
	}
	waiting := db.TargetVersion.Query().Where(targetversion.StatusEQ(targetversion.StatusSUBMITTED))
	if q.TargetsToReviewCount, err = waiting.Clone().Count(ctx); err != nil {
		return err
	}
	tvs, err := waiting.Order(targetversion.ByCreatedAt(), targetversion.ByID()).Limit(queueLimit).All(ctx)
	if err != nil {
		return err
	}
	for _, tv := range tvs {
		q.TargetsToReview = append(q.TargetsToReview, &model.QueueTargets{Version: tv, SubmittedAt: tv.CreatedAt, DaysWaiting: rounds.DaysWaited(tv.CreatedAt, at)})
	}
	return nil
}

// roundsNear is the open rounds whose deadline is within days days or past,
// nearest first.
func (r *Resolver) roundsNear(ctx context.Context, days int) ([]*ent.Round, error) {
	limit := now().Add(time.Duration(days) * 24 * time.Hour)
	return r.db(ctx).Round.Query().Where(round.StatusEQ(round.StatusOPEN), round.DeadlineLTE(limit)).
		Order(round.ByDeadline(), round.ByID()).Limit(queueLimit).All(ctx)
}

// participants lists a round's participants the viewer reads, by department code.
func participants(ctx context.Context, rd *ent.Round) ([]*ent.RoundParticipant, error) {
	ps, err := parts(ctx, rd)
	if err != nil {
		return nil, err
	}
	out := make([]*ent.RoundParticipant, len(ps))
	for i, p := range ps {
		// The edges the loader read: Round and Department then need no query per participant.
		p.Participant.Edges.Round, p.Participant.Edges.Department = rd, p.Department
		out[i] = p.Participant
	}
	return out, nil
}
