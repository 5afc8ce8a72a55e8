// Package review states the rules of the finance bureau's review of a
// self-evaluation: a reviewer's re-score of an indicator (复核评分), kept apart
// from the self-score, and the evaluation's review total and grade; and the
// steps of a rectification item (整改). Pure Go: the schema's hooks
// (ent/schema/reviewhooks.go) hold every write to these rules, package record
// takes the steps in the store.
//
// Who and when:
//   - Reviewers and administrators re-score an indicator while its evaluation is
//     SUBMITTED or APPROVED (under review): a re-score is part of the decision.
//     Once published, the scores stand; a returned evaluation keeps its
//     re-scores, which the reviewer changes or clears at the next review.
//     Editors read re-scores; they never write them.
//   - Reviewers and administrators raise rectification items once an evaluation
//     has been submitted (SUBMITTED, APPROVED or PUBLISHED), and accept or reject
//     an answer; the department's editors answer (at any status of the
//     evaluation: the items follow the review, they are not under it).
package review

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/platform/inputerr"
)

// Rescorable reports whether an evaluation in status may be re-scored.
func Rescorable(status string) bool { return status == "SUBMITTED" || status == "APPROVED" }

// Raisable reports whether rectification items may be raised on an evaluation in status.
func Raisable(status string) bool {
	return status == "SUBMITTED" || status == "APPROVED" || status == "PUBLISHED"
}

// CheckScore refuses a re-score below 0 or above the indicator's weight, naming the weight.
func CheckScore(score, weight fixed.Decimal) error {
	switch {
	case score < 0:
		return inputerr.WithReason("score", inputerr.Refused(inputerr.Negative, nil, "must not be negative"))
	case score%10_000 != 0: // a score has 2 places (SCORING.md: rounding)
		return inputerr.WithReason("score", inputerr.Refused("TOO_MANY_PLACES",
			[]string{"max", "2", "got", score.String()}, "a score has at most 2 decimal places, got %s", score))
	case score > weight:
		return inputerr.WithReason("score", inputerr.Refused("SCORE_ABOVE_WEIGHT",
			[]string{"weight", weight.String(), "got", score.String()},
			"a re-score of %s is above the indicator's weight %s", score, weight))
	}
	return nil
}

// Required is the refusal of an empty text that field needs.
func Required(field, say string) error {
	return inputerr.WithReason(field, inputerr.Refused("REQUIRED", nil, "%s", say))
}

// Status is where a rectification item stands.
type Status string

const (
	Open     Status = "OPEN"     // raised, or sent back: the department answers
	Answered Status = "ANSWERED" // answered: the reviewer accepts or rejects
	Accepted Status = "ACCEPTED" // closed
)

// next is each step's status before it: answer OPEN → ANSWERED, accept
// ANSWERED → ACCEPTED, reject ANSWERED → OPEN.
var before = map[Status]Status{Answered: Open, Accepted: Answered, Open: Answered}

// Step refuses moving item id from → to unless it is one of the steps; the
// refusal names the status the item is in and the one the step needs.
func Step(id int, from, to Status) error {
	need, ok := before[to]
	if !ok {
		return inputerr.New("status", "unknown status %s", to)
	}
	if from != need {
		return inputerr.WithReason("id", inputerr.Refused("RECTIFICATION_STATUS",
			[]string{"status", string(from), "expected", string(need)},
			"rectification %d is %s: this step is taken while it is %s", id, from, need))
	}
	return nil
}

// Overdue reports whether an item due on due (YYYY-MM-DD) is overdue on today
// (YYYY-MM-DD): still OPEN (unanswered, or sent back) and past its date. An
// answered item waits for the reviewer, not for the department.
func Overdue(status Status, due, today string) bool { return status == Open && due < today }

// Scored is one indicator of an evaluation: its self-score and, when a reviewer
// re-scored it, the re-score.
type Scored struct {
	Self   fixed.Decimal
	Review *fixed.Decimal
}

// Total is an evaluation's review total and its grade under rules: the sum of
// each indicator's re-score where there is one and its self-score elsewhere, plus
// a project's execution item (nil for a department-year) — the self total's
// rule (scoring.Total over rounded scores), with the reviewer's scores put in.
func Total(indicators []Scored, execution *fixed.Decimal, rules scoring.Rules) (fixed.Decimal, scoring.Grade) {
	all := make([]decimal.Decimal, 0, len(indicators)+1)
	for _, s := range indicators {
		v := s.Self
		if s.Review != nil {
			v = *s.Review
		}
		all = append(all, v.Decimal())
	}
	if execution != nil {
		all = append(all, execution.Decimal())
	}
	total := scoring.Total(all)
	return fixed.Round(total), rules.GradeOf(total)
}
