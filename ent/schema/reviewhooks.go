package schema

// The review's rules (domain/review states them; these hooks hold every path to
// them): a re-score is made, changed or cleared only while its indicator's
// evaluation is under review (SUBMITTED or APPROVED), between 0 and the
// indicator's weight, with a reason, and is signed by its reviewer; a
// rectification item is raised on an evaluation that has been submitted, moves
// OPEN → ANSWERED → ACCEPTED (or back to OPEN with a comment), and every step is
// signed and kept. Who may take which step is the access rules' (platform/access).

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent"

	"jixiao/domain/review"
	gen "jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/privacy"
	"jixiao/ent/rectification"
	"jixiao/ent/rectificationtransition"
	"jixiao/ent/reviewscore"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

func dateError(s string) error {
	return inputerr.Refused("NOT_A_DATE", []string{"got", s}, "must be a date written YYYY-MM-DD, got %q", s)
}

// subjectEvaluation is the evaluation of ind's subject, read with the rules
// lifted; nil when it has none.
func subjectEvaluation(ctx context.Context, c *gen.Client, ind *gen.Indicator) (*gen.Evaluation, error) {
	q := c.Evaluation.Query().Where(evaluation.DepartmentYearID(ind.DepartmentYearID))
	if ind.ProjectID != nil {
		q.Where(evaluation.ProjectID(*ind.ProjectID))
	} else {
		q.Where(evaluation.ProjectIDIsNil())
	}
	ev, err := q.Only(sysCtx(ctx))
	if gen.IsNotFound(err) {
		return nil, nil
	}
	return ev, err
}

func sysCtx(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// statusOf is an evaluation's status as the refusals name it: NONE without one.
func statusOf(ev *gen.Evaluation) string {
	if ev == nil {
		return "NONE"
	}
	return string(ev.Status)
}

// reviewScoreRules checks a re-score against its indicator and the indicator's
// evaluation, and signs it.
func reviewScoreRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ReviewScoreFunc(func(ctx context.Context, m *gen.ReviewScoreMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "review score"); err != nil {
				return nil, err
			}
			if m.Op().Is(ent.OpDelete) {
				return next.Mutate(ctx, m) // with its indicator (indicatorReviewDeletes)
			}
			var indID int
			if m.Op().Is(ent.OpCreate) {
				indID, _ = m.IndicatorID()
			} else {
				id, _ := m.ID()
				rs, err := m.Client().ReviewScore.Query().Where(reviewscore.ID(id)).Only(sysCtx(ctx))
				if err != nil {
					return nil, err
				}
				indID = rs.IndicatorID
			}
			ind, err := m.Client().Indicator.Query().Where(indicator.ID(indID)).Only(sysCtx(ctx))
			if gen.IsNotFound(err) {
				return nil, &inputerr.NotFound{Field: "indicatorID", Entity: "indicator", ID: indID}
			} else if err != nil {
				return nil, err
			}
			ev, err := subjectEvaluation(ctx, m.Client(), ind)
			if err != nil {
				return nil, err
			}
			if ev == nil || !review.Rescorable(string(ev.Status)) {
				return nil, inputerr.WithReason("indicatorID", inputerr.Refused("NOT_UNDER_REVIEW",
					[]string{"status", statusOf(ev)},
					"the indicator's evaluation is %s: indicators are re-scored while it is SUBMITTED or APPROVED", statusOf(ev)))
			}
			if m.Op().Is(ent.OpDeleteOne) {
				return next.Mutate(ctx, m)
			}
			if score, ok := m.Score(); ok {
				if err := review.CheckScore(score, ind.Weight); err != nil {
					return nil, err
				}
			}
			if reason, ok := m.Reason(); ok {
				if strings.TrimSpace(reason) == "" {
					return nil, review.Required("reason", "say why the indicator is re-scored")
				}
				m.SetReason(strings.TrimSpace(reason))
			}
			who := viewer.FromContext(ctx)
			m.SetReviewerName(who.Name)
			if who.Kind == viewer.User {
				m.SetReviewerID(who.ID)
			} else {
				m.ClearReviewerID()
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
}

// rectificationRules checks a new item against its evaluation and a step
// against the item's status, and signs each step.
func rectificationRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RectificationFunc(func(ctx context.Context, m *gen.RectificationMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "rectification"); err != nil {
				return nil, err
			}
			who := viewer.FromContext(ctx)
			sign := func(id func(int), name func(string)) {
				name(who.Name)
				if who.Kind == viewer.User {
					id(who.ID)
				}
			}
			if m.Op().Is(ent.OpCreate) {
				if err := newRectification(ctx, m); err != nil {
					return nil, err
				}
				sign(func(id int) { m.SetRaisedByID(id) }, func(n string) { m.SetRaisedByName(n) })
				return next.Mutate(ctx, m)
			}
			to, stepping := m.Status()
			if !stepping {
				return nil, inputerr.New("status", "a rectification item changes only by its steps: answer, accept or reject")
			}
			from, err := m.OldStatus(ctx)
			if err != nil {
				return nil, err
			}
			id, _ := m.ID()
			if err := review.Step(id, review.Status(from), review.Status(to)); err != nil {
				return nil, err
			}
			now := time.Now()
			switch to {
			case rectification.StatusANSWERED:
				measures, _ := m.Measures()
				if strings.TrimSpace(measures) == "" {
					return nil, review.Required("measures", "say which measures were taken (整改措施)")
				}
				sign(func(id int) { m.SetAnsweredByID(id) }, func(n string) { m.SetAnsweredByName(n) })
				m.SetAnsweredAt(now)
			case rectification.StatusACCEPTED:
				sign(func(id int) { m.SetClosedByID(id) }, func(n string) { m.SetClosedByName(n) })
				m.SetClosedAt(now)
			case rectification.StatusOPEN:
				comment, _ := m.ReviewComment()
				if strings.TrimSpace(comment) == "" {
					return nil, review.Required("comment", "say what the answer lacks")
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

func newRectification(ctx context.Context, m *gen.RectificationMutation) error {
	evID, _ := m.EvaluationID()
	ev, err := m.Client().Evaluation.Query().Where(evaluation.ID(evID)).Only(sysCtx(ctx))
	if gen.IsNotFound(err) {
		return &inputerr.NotFound{Field: "evaluationID", Entity: "evaluation", ID: evID}
	} else if err != nil {
		return err
	}
	if !review.Raisable(string(ev.Status)) {
		return inputerr.WithReason("evaluationID", inputerr.Refused("NOT_REVIEWED",
			[]string{"status", string(ev.Status)},
			"evaluation %d is %s: rectification items are raised once it is submitted (SUBMITTED, APPROVED or PUBLISHED)", evID, ev.Status))
	}
	if indID, ok := m.IndicatorID(); ok {
		ind, err := m.Client().Indicator.Query().Where(indicator.ID(indID)).Only(sysCtx(ctx))
		if gen.IsNotFound(err) {
			return &inputerr.NotFound{Field: "indicatorID", Entity: "indicator", ID: indID}
		} else if err != nil {
			return err
		}
		sameProject := ind.ProjectID == nil && ev.ProjectID == nil ||
			ind.ProjectID != nil && ev.ProjectID != nil && *ind.ProjectID == *ev.ProjectID
		if ind.DepartmentYearID != ev.DepartmentYearID || !sameProject {
			return inputerr.New("indicatorID", "indicator %d is not one the evaluation scores", indID)
		}
	}
	for _, f := range []struct {
		name string
		get  func() (string, bool)
		set  func(string) *gen.RectificationMutation
		say  string
	}{
		{"issue", m.Issue, func(s string) *gen.RectificationMutation { m.SetIssue(s); return m }, "say what the problem is (存在问题)"},
		{"requirement", m.Requirement, func(s string) *gen.RectificationMutation { m.SetRequirement(s); return m }, "say what must be done (整改要求)"},
	} {
		v, _ := f.get()
		if strings.TrimSpace(v) == "" {
			return review.Required(f.name, f.say)
		}
		f.set(strings.TrimSpace(v))
	}
	if st, ok := m.Status(); ok && st != rectification.StatusOPEN {
		return inputerr.New("status", "a rectification item is raised OPEN")
	}
	return nil
}

// recordRectificationTransition writes a RectificationTransition when an item is
// raised and at each step, with the comment or the answer as it then stands.
func recordRectificationTransition() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RectificationFunc(func(ctx context.Context, m *gen.RectificationMutation) (ent.Value, error) {
			to, changes := m.Status()
			var from *rectificationtransition.From
			if m.Op().Is(ent.OpUpdateOne) {
				if !changes {
					return next.Mutate(ctx, m)
				}
				old, err := m.OldStatus(ctx)
				if err != nil {
					return nil, err
				}
				f := rectificationtransition.From(old)
				from = &f
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			row, ok := v.(*gen.Rectification)
			if !ok {
				return v, nil
			}
			if !changes {
				to = row.Status
			}
			who := viewer.FromContext(ctx)
			t := m.Client().RectificationTransition.Create().SetRectificationID(row.ID).
				SetNillableFrom(from).SetTo(rectificationtransition.To(to)).SetActorName(who.Name)
			switch to {
			case rectification.StatusANSWERED:
				t.SetMeasures(row.Measures).SetOutcome(row.Outcome)
			case rectification.StatusACCEPTED, rectification.StatusOPEN:
				if from != nil {
					t.SetComment(row.ReviewComment)
				}
			}
			if who.Kind == viewer.User {
				t.SetActorID(who.ID)
			}
			// Transitions are written by the server alone (access.Recorded).
			return v, t.Exec(sysCtx(ctx))
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// An item's steps go with it (only administrators delete items).
func rectificationDeletes() ent.Hook {
	return onDelete(nil, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.RectificationTransition.Delete().Where(rectificationtransition.RectificationID(id)).Exec(sysCtx(ctx))
		return err
	})
}

// An indicator's re-score goes with it; rectification items raised on it keep it.
func indicatorReviewDeletes() ent.Hook {
	return onDelete([]referrer{
		{"rectifications", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Rectification.Query().Where(rectification.IndicatorID(id)).Count(sysCtx(ctx))
		}},
	}, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.ReviewScore.Delete().Where(reviewscore.IndicatorID(id)).Exec(sysCtx(ctx))
		return err
	})
}

// evaluationRectifications keeps an evaluation that rectification items were raised on.
func evaluationRectifications() referrer {
	return referrer{"rectifications", func(ctx context.Context, c *gen.Client, id int) (int, error) {
		return c.Rectification.Query().Where(rectification.EvaluationID(id)).Count(sysCtx(ctx))
	}}
}
