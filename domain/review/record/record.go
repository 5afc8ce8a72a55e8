// Package record takes the review's steps in the store: a re-score made, changed
// or cleared, a rectification item raised, answered, accepted or sent back. Each
// is one write through the access rules and the schema's hooks
// (ent/schema/reviewhooks.go), which decide who may take it and when; the rules
// themselves are package review's.
package record

import (
	"context"
	"strings"

	"jixiao/domain/fixed"
	"jixiao/domain/review"
	"jixiao/ent"
	"jixiao/ent/predicate"
	"jixiao/ent/privacy"
	"jixiao/ent/rectification"
	"jixiao/ent/reviewscore"
	"jixiao/platform/inputerr"
)

// Rescore sets the reviewer's score of indicator id, with the reason: a new
// re-score, or the one there replaced (the audit trail keeps the one before).
func Rescore(ctx context.Context, c *ent.Client, id int, score fixed.Decimal, reason string) (*ent.ReviewScore, error) {
	if strings.TrimSpace(reason) == "" {
		// Said before anything is read, whoever asks: the reason is the input's.
		return nil, review.Required("reason", "say why the indicator is re-scored")
	}
	current, err := c.ReviewScore.Query().Where(reviewscore.IndicatorID(id)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return c.ReviewScore.Create().SetIndicatorID(id).SetScore(score).SetReason(reason).Save(ctx)
	case err != nil:
		return nil, err
	}
	return current.Update().SetScore(score).SetReason(reason).Save(ctx)
}

// Clear removes the reviewer's score of indicator id: the self-score counts again.
// The re-score is looked up with the rules lifted and deleted under the caller's:
// whoever may not clear it is refused as such, whether there is one or not.
func Clear(ctx context.Context, c *ent.Client, id int) error {
	current, err := c.ReviewScore.Query().Where(reviewscore.IndicatorID(id)).
		Only(privacy.DecisionContext(ctx, privacy.Allow))
	switch {
	case ent.IsNotFound(err):
		// Nothing to clear: say so to those who may re-score it, refuse the others.
		if err := reviewscore.Policy.EvalMutation(ctx, c.ReviewScore.Create().SetIndicatorID(id).Mutation()); err != nil {
			return err
		}
		return &inputerr.NotFound{Field: "indicatorID", Entity: "review score of indicator", ID: id}
	case err != nil:
		return err
	}
	return c.ReviewScore.DeleteOne(current).Exec(ctx)
}

// Item is a new rectification item.
type Item struct {
	Evaluation  int
	Indicator   *int
	Issue       string
	Requirement string
	DueDate     string
}

// Raise raises a rectification item (OPEN).
func Raise(ctx context.Context, c *ent.Client, in Item) (*ent.Rectification, error) {
	return c.Rectification.Create().SetEvaluationID(in.Evaluation).SetNillableIndicatorID(in.Indicator).
		SetIssue(in.Issue).SetRequirement(in.Requirement).SetDueDate(strings.TrimSpace(in.DueDate)).Save(ctx)
}

// Answer records the department's answer to item id: the measures taken and the
// outcome (OPEN → ANSWERED).
func Answer(ctx context.Context, c *ent.Client, id int, measures, outcome string) (*ent.Rectification, error) {
	return c.Rectification.UpdateOneID(id).SetStatus(rectification.StatusANSWERED).
		SetMeasures(strings.TrimSpace(measures)).SetOutcome(strings.TrimSpace(outcome)).Save(ctx)
}

// Decide accepts an answered item (→ ACCEPTED, closed) or sends it back to the
// department with what the answer lacks (→ OPEN; the comment is required).
func Decide(ctx context.Context, c *ent.Client, id int, accept bool, comment string) (*ent.Rectification, error) {
	to := rectification.StatusOPEN
	if accept {
		to = rectification.StatusACCEPTED
	}
	return c.Rectification.UpdateOneID(id).SetStatus(to).SetReviewComment(strings.TrimSpace(comment)).Save(ctx)
}

// OverdueOn selects the items overdue on today (YYYY-MM-DD): still OPEN and past
// their date (review.Overdue, as SQL).
func OverdueOn(today string) predicate.Rectification {
	return rectification.And(rectification.StatusEQ(rectification.StatusOPEN), rectification.DueDateLT(today))
}
