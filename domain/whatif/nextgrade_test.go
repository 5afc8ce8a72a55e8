package whatif

import (
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
)

// want is what NextGrade should say of one leaf.
type wantNeed struct {
	outcome Outcome
	field   string
	to      string // "" when none
	rating  scoring.Rating
	total   string // the total with To
}

func TestNextGrade(t *testing.T) {
	tests := []struct {
		name    string
		subject func() Subject
		changes Changes
		rules   func(*scoring.Rules)
		total   string
		grade   scoring.Grade
		next    scoring.Grade
		gap     string
		needs   map[int]wantNeed // by indicator id; 0 is a project's execution item
		lost    map[int]string   // points lost, by indicator id
	}{
		{
			name:    "the seed is at the top grade: only the points lost",
			subject: seed,
			total:   "99.69", grade: scoring.Excellent,
			needs: map[int]wantNeed{execution: {}, performance: {}, trainees: {}},
			// SCORING.md §6: 0.04 of the execution rate, 0.27 of 绩效管理.
			lost: map[int]string{execution: "0.04", performance: "0.27", trainees: "0", carryover: "0"},
		},
		{
			name:    "0.04 below 优: each leaf that lost enough can reach it alone",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: tasksDone, Actual: p("0")}, {ID: adoption, Actual: p("61")}}},
			total:   "89.96", grade: scoring.Good, next: scoring.Excellent, gap: "0.04",
			needs: map[int]wantNeed{
				// 7 × 0.5 / 100 = 0.035, rounded half away from zero: 0.04; 0.49 gives 0.03.
				tasksDone: {Reaches, "actual", "0.5", "", "90"},
				// 7 × 61.5 / 100 = 4.305 → 4.31, from 4.27.
				adoption: {Reaches, "actual", "61.5", "", "90"},
				// 10 × 1835.28 / 1836.19 = 9.99504 → 10: spending 1835.28 is project spending 872.84.
				execution: {Reaches, "projectActual", "872.84", "", "90"},
				// 4.73 + 0.04, still 达成.
				performance: {Reaches, "ratedScore", "4.77", scoring.Achieved, "90"},
				trainees:    {outcome: Full},
				carryover:   {outcome: Full},
			},
		},
		{
			name:    "a count is looked for in whole numbers; a leaf that lost too little cannot",
			subject: seed,
			// 0 for 交办任务 (−7) and 40 of 80 trainees (3, −3): 89.69.
			changes: Changes{Indicators: []IndicatorChange{{ID: tasksDone, Actual: p("0")}, {ID: trainees, Actual: p("40")}}},
			total:   "89.69", grade: scoring.Good, next: scoring.Excellent, gap: "0.31",
			needs: map[int]wantNeed{
				// 6 × 45 / 80 = 3.375 → 3.38 ≥ 3.31; 44 gives 3.30.
				trainees: {Reaches, "actual", "45", "", "90.07"},
				// 7 × 4.36 / 100 = 0.3052 → 0.31; 4.35 gives 0.30.
				tasksDone: {Reaches, "actual", "4.36", "", "90"},
				// 9.96 + 0.31 is more than its weight of 10.
				execution:   {outcome: Cannot, field: "projectActual"},
				performance: {outcome: Cannot, field: "ratedScore"},
			},
		},
		{
			name:    "a reverse indicator bound to the figures: less carry-over",
			subject: seed,
			// 200 / 1829.40 = 10.93 % of ≤ 10 %: 4.53 (−0.47); 交办任务 0 (−7); 成果 65 (4.55, −2.45): 89.77.
			changes: Changes{
				Indicators: []IndicatorChange{{ID: tasksDone, Actual: p("0")}, {ID: adoption, Actual: p("65")}},
				Figures:    FigureChanges{CarryoverEnd: p("200")},
			},
			total: "89.77", grade: scoring.Good, next: scoring.Excellent, gap: "0.23",
			needs: map[int]wantNeed{
				// 191.90 / 1829.40 = 10.4898 %: 5 × (2 − 1.04898) = 4.7551 → 4.76; 191.91 gives 4.75.
				carryover: {Reaches, "carryoverEnd", "191.9", "", "90"},
				// 4.73 + 0.23 = 4.96, still 达成.
				performance: {Reaches, "ratedScore", "4.96", scoring.Achieved, "90"},
			},
		},
		{
			name:    "a qualitative indicator's score stays in its band when it can",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{
				{ID: tasksDone, Actual: p("0")},
				{ID: performance, Rating: ratingP(scoring.NotAchieved), RatedScore: p("2")},
			}},
			// 99.69 − 7 − 2.73 = 89.96: 2 + 0.04 is still 未达成 (below 3).
			total: "89.96", grade: scoring.Good, next: scoring.Excellent, gap: "0.04",
			needs: map[int]wantNeed{performance: {Reaches, "ratedScore", "2.04", scoring.NotAchieved, "90"}},
		},
		{
			name:    "a qualitative indicator moving up a band",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{
				{ID: tasksDone, Actual: p("0")},
				{ID: adoption, Actual: p("60")},
				{ID: performance, Rating: ratingP(scoring.Partial), RatedScore: p("3")},
			}},
			// 99.69 − 7 − 2.8 − 1.73 = 88.16: 3 + 1.84 is 达成 (4 and above).
			total: "88.16", grade: scoring.Good, next: scoring.Excellent, gap: "1.84",
			needs: map[int]wantNeed{performance: {Reaches, "ratedScore", "4.84", scoring.Achieved, "90"}},
		},
		{
			name:    "差 to 中, and a project's execution item",
			subject: project,
			changes: Changes{
				Indicators: []IndicatorChange{{ID: 101, Actual: p("5")}},
				Project:    ProjectChange{Executed: p("100")},
			},
			// 50 × 5 / 20 = 12.5; 30; 8; 10 × 100 / 200 = 5: 55.5, 4.5 below 60.
			total: "55.5", grade: scoring.Poor, next: scoring.Fair, gap: "4.5",
			needs: map[int]wantNeed{
				// 12.5 + 4.5 = 17 = 50 × 6.8 / 20; 场 counts in whole numbers: 7.
				101: {Reaches, "actual", "7", "", "60.5"},
				// 10 × (2 × 5 − a) / 5 ≥ 8 + 4.5 is more than its weight.
				103: {outcome: Cannot, field: "actual"},
				// 5 + 4.5 = 9.5: 10 × 189.9 / 200 = 9.495, rounded half away from zero.
				0:   {Reaches, "executed", "189.9", "", "60"},
				102: {outcome: Full},
			},
		},
		{
			name:    "a reverse indicator typed: fewer complaints",
			subject: project,
			changes: Changes{Indicators: []IndicatorChange{{ID: 101, Actual: p("14")}}},
			// 35 + 30 + 8 + 7.5 = 80.5: 良, 9.5 below 优.
			total: "80.5", grade: scoring.Good, next: scoring.Excellent, gap: "9.5",
			needs: map[int]wantNeed{
				103: {outcome: Cannot, field: "actual"},
				0:   {outcome: Cannot, field: "executed"},
				// 50 × 18 / 20 = 45 ≥ 44.5; 17 gives 42.5.
				101: {Reaches, "actual", "18", "", "90.5"},
			},
		},
		{
			name:    "RATIO reverse rule: complaints of 6 against 5 score 10 × 5 / 6",
			subject: project,
			rules:   func(r *scoring.Rules) { r.Reverse = scoring.ReverseRatio },
			changes: Changes{Project: ProjectChange{Executed: p("200")}},
			// 40 + 30 + 8.33 + 10 = 88.33.
			total: "88.33", grade: scoring.Good, next: scoring.Excellent, gap: "1.67",
			needs: map[int]wantNeed{
				// 8.33 + 1.67 = 10: the target itself, 5.
				103: {Reaches, "actual", "5", "", "90"},
			},
		},
		{
			name:    "= met only by its target under a rule set",
			subject: seed,
			rules:   func(r *scoring.Rules) { r.EqualLikeAtLeast = false },
			changes: Changes{Indicators: []IndicatorChange{{ID: tasksDone, Actual: p("0")}, {ID: 4, Actual: p("99")}}},
			// 后勤保障 (=) at 99 scores 0 under this rule: 99.69 − 7 − 6 = 86.69.
			total: "86.69", grade: scoring.Good, next: scoring.Excellent, gap: "3.31",
			needs: map[int]wantNeed{4: {Reaches, "actual", "100", "", "92.69"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoring.Default()
			if tt.rules != nil {
				tt.rules(&r)
			}
			s, err := Apply(tt.subject(), tt.changes, r)
			if err != nil {
				t.Fatal(err)
			}
			got := NextGrade(s, r)
			if got.Total.String() != tt.total || got.Grade != tt.grade || got.Next != tt.next {
				t.Fatalf("%s %s, next %q; want %s %s, next %q", got.Total, got.Grade, got.Next, tt.total, tt.grade, tt.next)
			}
			if tt.next != "" && got.Gap.String() != tt.gap {
				t.Errorf("gap %s, want %s", got.Gap, tt.gap)
			}
			if len(got.Needs) != len(s.Indicators)+boolInt(s.Project != nil) {
				t.Fatalf("%d needs for %d leaves", len(got.Needs), len(s.Indicators))
			}
			byID := map[int]Need{}
			for _, n := range got.Needs {
				byID[n.Indicator] = n
				if !n.PointsLost.Equal(n.Weight.Sub(n.Score)) {
					t.Errorf("%s: points lost %s, want %s − %s", n.Name, n.PointsLost, n.Weight, n.Score)
				}
				if tt.next == "" && (n.Outcome != "" || n.To != nil) {
					t.Errorf("%s: at the top grade, outcome %q", n.Name, n.Outcome)
				}
				if n.Outcome == Reaches {
					checkSmallest(t, s, r, n, got.From)
				}
			}
			for id, w := range tt.needs {
				n, ok := byID[id]
				if !ok {
					t.Fatalf("no need for leaf %d", id)
				}
				if n.Outcome != w.outcome || n.Field != w.field || n.Rating != w.rating {
					t.Errorf("%s: %q %q %q, want %q %q %q", n.Name, n.Outcome, n.Field, n.Rating, w.outcome, w.field, w.rating)
				}
				if to := str(n.To); to != w.to {
					t.Errorf("%s: to %s, want %s", n.Name, to, w.to)
				}
				if after := str(n.TotalAfter); after != w.total {
					t.Errorf("%s: total after %s, want %s", n.Name, after, w.total)
				}
			}
			for id, w := range tt.lost {
				if got := byID[id].PointsLost; !got.Equal(d(w)) {
					t.Errorf("%s lost %s, want %s", byID[id].Name, got, w)
				}
			}
		})
	}
}

// checkSmallest checks that n's change reaches goal and that one step less
// (at its precision, toward the value now) does not.
func checkSmallest(t *testing.T, s Subject, r scoring.Rules, n Need, goal decimal.Decimal) {
	t.Helper()
	set := func(v decimal.Decimal) decimal.Decimal {
		c := s.clone()
		switch {
		case n.Indicator == 0:
			c.Project.Executed = v
		case n.Field == "actual" || n.Field == "ratedScore":
			for i := range c.Indicators {
				if c.Indicators[i].ID == n.Indicator {
					if n.Field == "actual" {
						c.Indicators[i].Actual = &v
					} else {
						c.Indicators[i].RatedScore, c.Indicators[i].Rating = &v, ratingOf(r, v, c.Indicators[i].Weight)
					}
				}
			}
		default:
			*figureNamed(n.Field).value(&c.Figures) = v
		}
		return Score(c, r).Total
	}
	if total := set(*n.To); total.LessThan(goal) || !total.Equal(*n.TotalAfter) {
		t.Errorf("%s: %s at %s rescores %s, said %s, goal %s", n.Name, n.Field, n.To, total, n.TotalAfter, goal)
	}
	// One step back toward the value now: down for a value the more the better, up for a ≤ < one.
	step := decimal.New(1, -n.Places)
	back := n.To.Sub(step)
	for _, ind := range s.Indicators {
		if ind.ID == n.Indicator && n.Indicator != 0 && ind.Operator.Reverse() {
			back = n.To.Add(step)
		}
	}
	if n.From != nil && back.Equal(*n.From) {
		return
	}
	if total := set(back); total.GreaterThanOrEqual(goal) {
		t.Errorf("%s: %s at %s already reaches %s (%s): %s is not the smallest change", n.Name, n.Field, back, goal, total, n.To)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func str(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}
