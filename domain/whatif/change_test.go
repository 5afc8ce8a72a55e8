package whatif

import (
	"errors"
	"strings"
	"testing"

	"jixiao/domain/scoring"
	"jixiao/platform/inputerr"
)

func TestApplyRefuses(t *testing.T) {
	tests := []struct {
		name    string
		subject func() Subject
		changes Changes
		field   string
		reason  string
		params  map[string]string
		text    string // part of the message
	}{
		{
			name:    "a rated score outside its rating's band",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: performance, RatedScore: p("3.5")}}},
			field:   "ratedScore", reason: OutsideBand,
			params: map[string]string{"indicatorID": "14", "indicatorName": "绩效管理制度健全性", "index": "0",
				"rating": "ACHIEVED", "low": "4.00", "high": "5.00", "score": "3.5"},
			text: "indicator 14 (绩效管理制度健全性): score 3.5 is outside the band of 达成年度指标 (ACHIEVED): 4.00 to 5.00",
		},
		{
			name:    "a weight that leaves the rated score outside the band",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: budgeting, Weight: p("4")}}},
			field:   "ratedScore", reason: OutsideBand,
			params: map[string]string{"indicatorID": "9", "low": "3.20", "high": "4.00", "score": "5"},
		},
		{
			name:    "a new rating whose band does not hold the rated score",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: performance, Rating: ratingP(scoring.Partial)}}},
			field:   "ratedScore", reason: OutsideBand,
			params: map[string]string{"rating": "PARTIAL", "low": "3.00", "high": "4.00", "highInclusive": "false"},
		},
		{
			name:    "a negative target",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Target: p("-1")}}},
			field:   "target", reason: inputerr.Negative,
			params: map[string]string{"indicatorID": "2", "indicatorName": "业务岗位培训人数"},
			text:   "indicator 2 (业务岗位培训人数): must not be negative, got -1",
		},
		{
			name:    "an unknown indicator",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Actual: p("1")}, {ID: 9999, Actual: p("1")}}},
			field:   "id", reason: NotInEvaluation,
			params: map[string]string{"indicatorID": "9999", "index": "1"},
			text:   "indicator 9999 is not an indicator of this evaluation",
		},
		{
			name:    "an indicator of another evaluation",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: project().Indicators[0].ID, Actual: p("1")}}},
			field:   "id", reason: NotInEvaluation,
			params: map[string]string{"indicatorID": "101"},
		},
		{
			name:    "the same indicator twice",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Actual: p("1")}, {ID: trainees, Target: p("2")}}},
			field:   "id", reason: Duplicate,
			params: map[string]string{"indicatorID": "2", "index": "1"},
		},
		{
			name:    "a typed actual of a bound indicator",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: execution, Actual: p("100")}}},
			field:   "actual", reason: Derived,
			params: map[string]string{"binding": "EXECUTION_RATE", "indicatorID": "10"},
		},
		{
			name:    "a weight of 0",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Weight: p("0")}}},
			field:   "weight", reason: inputerr.NotPositive,
		},
		{
			name:    "a weight above 100",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Weight: p("100.01")}}},
			field:   "weight", reason: inputerr.TooLarge,
			params: map[string]string{"max": "100.00", "got": "100.01"},
		},
		{
			name:    "a target of a qualitative indicator",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: budgeting, Target: p("1")}}},
			field:   "target", reason: NotApplicable,
			params: map[string]string{"kind": "QUALITATIVE"},
		},
		{
			name:    "a rating of a quantitative indicator",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Rating: ratingP(scoring.Achieved)}}},
			field:   "rating", reason: NotApplicable,
		},
		{
			name:    "a negative rated score",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: performance, RatedScore: p("-0.01")}}},
			field:   "ratedScore", reason: inputerr.Negative,
		},
		{
			name:    "a negative figure",
			subject: seed,
			changes: Changes{Figures: FigureChanges{CarryoverEnd: p("-4.58")}},
			field:   "carryoverEnd", reason: inputerr.Negative,
		},
		{
			name:    "a project's figures on an overall evaluation",
			subject: seed,
			changes: Changes{Project: ProjectChange{Executed: p("1")}},
			field:   "executed", reason: NotApplicable,
			params: map[string]string{"kind": "OVERALL"},
		},
		{
			name:    "the department-year's figures on a project's evaluation",
			subject: project,
			changes: Changes{Figures: FigureChanges{ProjectActual: p("1")}},
			field:   "projectActual", reason: NotApplicable,
			params: map[string]string{"kind": "PROJECT"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Apply(tt.subject(), tt.changes, scoring.Default())
			var bad *inputerr.Error
			if !errors.As(err, &bad) {
				t.Fatalf("got %v, want an input error on %s", err, tt.field)
			}
			if bad.Field != tt.field || bad.Reason == nil || bad.Reason.Code != tt.reason {
				t.Fatalf("got %s (%+v), want field %s reason %s", bad, bad.Reason, tt.field, tt.reason)
			}
			for k, v := range tt.params {
				if bad.Reason.Params[k] != v {
					t.Errorf("params[%s] = %q, want %q (%v)", k, bad.Reason.Params[k], v, bad.Reason.Params)
				}
			}
			if !strings.Contains(bad.Error(), tt.text) {
				t.Errorf("message %q does not say %q", bad.Error(), tt.text)
			}
		})
	}
}
