package review

import (
	"errors"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/platform/inputerr"
)

func d(s string) fixed.Decimal { return fixed.MustParse(s) }

func TestTotal(t *testing.T) {
	p := func(s string) *fixed.Decimal { v := d(s); return &v }
	seed := []Scored{{Self: d("7")}, {Self: d("6")}, {Self: d("4.73")}}
	for _, tt := range []struct {
		name      string
		in        []Scored
		execution *fixed.Decimal
		rules     scoring.Rules
		total     string
		grade     scoring.Grade
	}{
		{"no re-score: the self total", seed, nil, scoring.Default(), "17.73", scoring.Poor},
		{"a re-score replaces the self-score", []Scored{{Self: d("60")}, {Self: d("30"), Review: p("20")}}, nil, scoring.Default(), "80", scoring.Good},
		{"a re-score to 0 counts", []Scored{{Self: d("90"), Review: p("0")}, {Self: d("10")}}, nil, scoring.Default(), "10", scoring.Poor},
		{"a project's execution item is added", []Scored{{Self: d("80"), Review: p("79.5")}}, p("9.96"), scoring.Default(), "89.46", scoring.Good},
		{"the rules' bands grade it", []Scored{{Self: d("90"), Review: p("85")}}, nil, func() scoring.Rules { r := scoring.Default(); r.ExcellentFrom = d("85").Decimal(); return r }(), "85", scoring.Excellent},
	} {
		total, grade := Total(tt.in, tt.execution, tt.rules)
		if total != d(tt.total) || grade != tt.grade {
			t.Errorf("%s: %s %s, want %s %s", tt.name, total, grade, tt.total, tt.grade)
		}
	}
}

func reasonOf(err error) (field, code string, params map[string]string) {
	var e *inputerr.Error
	if !errors.As(err, &e) {
		return "", "", nil
	}
	if e.Reason == nil {
		return e.Field, "", nil
	}
	return e.Field, e.Reason.Code, e.Reason.Params
}

func TestCheckScore(t *testing.T) {
	for _, tt := range []struct{ score, weight, code string }{
		{"0", "6", ""}, {"6", "6", ""}, {"4.5", "6", ""}, {"4.55", "6", ""},
		{"6.01", "6", "SCORE_ABOVE_WEIGHT"}, {"-0.01", "6", "NEGATIVE"}, {"4.555", "6", "TOO_MANY_PLACES"},
	} {
		err := CheckScore(d(tt.score), d(tt.weight))
		field, code, params := reasonOf(err)
		if code != tt.code || (err != nil && field != "score") {
			t.Errorf("%s of %s: %v, want %q", tt.score, tt.weight, err, tt.code)
		}
		if code == "SCORE_ABOVE_WEIGHT" && params["weight"] != "6.00" {
			t.Errorf("above the weight names it: %v", params)
		}
	}
}

func TestStep(t *testing.T) {
	for _, tt := range []struct {
		from, to Status
		ok       bool
	}{
		{Open, Answered, true}, {Answered, Accepted, true}, {Answered, Open, true},
		{Open, Accepted, false}, {Accepted, Answered, false}, {Accepted, Open, false}, {Answered, Answered, false},
	} {
		err := Step(1, tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%s → %s: %v", tt.from, tt.to, err)
		}
		if _, code, params := reasonOf(err); err != nil && (code != "RECTIFICATION_STATUS" || params["status"] != string(tt.from)) {
			t.Errorf("%s → %s: %s %v, want RECTIFICATION_STATUS naming %s", tt.from, tt.to, code, params, tt.from)
		}
	}
}

func TestOverdue(t *testing.T) {
	for _, tt := range []struct {
		status Status
		due    string
		want   bool
	}{
		{Open, "2024-06-29", true}, {Open, "2024-06-30", false}, {Answered, "2024-01-01", false}, {Accepted, "2024-01-01", false},
	} {
		if got := Overdue(tt.status, tt.due, "2024-06-30"); got != tt.want {
			t.Errorf("%s due %s: %v", tt.status, tt.due, got)
		}
	}
}
