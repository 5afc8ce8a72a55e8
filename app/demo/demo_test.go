package demo_test

import (
	"context"
	"errors"
	"fmt"
	"jixiao/platform/access"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
	"github.com/shopspring/decimal"

	"jixiao/app/demo"
	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/enttest"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/predicate"
	"jixiao/ent/project"
	"jixiao/ent/rectification"
	_ "jixiao/ent/runtime"
	"jixiao/ent/targetversion"
)

// open returns a client on a fresh in-memory database; each test names its own so that
// shared-cache databases of different tests never meet.
func open(t *testing.T, name string) *ent.Client {
	t.Helper()
	client := enttest.Open(t, "sqlite3", "file:"+name+"?mode=memory&cache=shared&_fk=1")
	t.Cleanup(func() { _ = client.Close() })
	return client
}

type count struct {
	name  string
	count func(context.Context, *ent.Client) (int, error)
	want  int
}

// seedCodes are the departments of the seed (the district node, the office and its
// neighbour); the counts are of their rows, the district's own are counted in district_test.go.
var seedCodes = []string{demo.DistrictCode, demo.OfficeCode, demo.NeighbourCode}

func seedYear() predicate.DepartmentYear {
	return departmentyear.HasDepartmentWith(department.CodeIn(seedCodes...))
}

var counts = []count{
	{"departments", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Department.Query().Where(department.CodeIn(seedCodes...)).Count(ctx)
	}, 3},
	{"department-years", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.DepartmentYear.Query().Where(seedYear()).Count(ctx)
	}, 2},
	{"months", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.MonthlyExecution.Query().Where(monthlyexecution.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 12},
	{"key tasks", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.KeyTask.Query().Where(keytask.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 2},
	{"projects", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Project.Query().Where(project.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 3},
	{"overall indicators", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Indicator.Query().Where(indicator.ProjectIDIsNil(), indicator.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 18 + 3},
	{"project indicators", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Indicator.Query().Where(indicator.ProjectIDNotNil(), indicator.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 12},
	{"evaluations", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Evaluation.Query().Where(evaluation.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 5},
	{"funding lines", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.FundingLine.Query().Where(fundingline.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 1 + 4},
	{"overall evaluations", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Evaluation.Query().Where(evaluation.ProjectIDIsNil(), evaluation.StatusEQ(evaluation.StatusDRAFT), evaluation.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 2},
	{"library entries", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.LibraryIndicator.Query().Where(libraryindicator.ScopeEQ(libraryindicator.ScopeCOMMON), libraryindicator.StatusEQ(libraryindicator.StatusAPPROVED)).Count(ctx)
	}, 36},
	{"seed indicators made from the library", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Indicator.Query().Where(indicator.LibraryIndicatorIDNotNil(), indicator.HasDepartmentYearWith(seedYear())).Count(ctx)
	}, 15 + 2},
	// Whatever is not the seed's is the district's: nothing else is written.
	{"other departments", func(ctx context.Context, c *ent.Client) (int, error) {
		return c.Department.Query().Where(department.CodeNotIn(seedCodes...), department.Not(department.CodeHasPrefix(demo.DistrictCode+"-"))).Count(ctx)
	}, 0},
}

// checkCounts checks every count against want(c).
func checkCounts(t *testing.T, client *ent.Client, want func(count) int) {
	t.Helper()
	for _, c := range counts {
		got, err := c.count(access.System(t.Context(), "test"), client)
		if err != nil {
			t.Fatalf("count %s: %v", c.name, err)
		}
		if got != want(c) {
			t.Errorf("%s: %d, want %d", c.name, got, want(c))
		}
	}
}

func sumWeights(inds []*ent.Indicator) fixed.Decimal {
	var s fixed.Decimal
	for _, in := range inds {
		s += in.Weight
	}
	return s
}

func TestLoad(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo")

	loaded, err := demo.Load(ctx, client)
	if err != nil || !loaded {
		t.Fatalf("Load = %v, %v; want true, nil", loaded, err)
	}
	checkCounts(t, client, func(c count) int { return c.want })

	years, err := client.DepartmentYear.Query().Where(seedYear()).WithDepartment().
		WithIndicators(func(q *ent.IndicatorQuery) { q.Where(indicator.ProjectIDIsNil()) }).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, dy := range years {
		if got := sumWeights(dy.Edges.Indicators); got != fixed.FromInt(100) {
			t.Errorf("%s: overall weights add up to %s, want 100", dy.Edges.Department.Code, got)
		}
	}
	projects, err := client.Project.Query().Where(project.HasDepartmentYearWith(seedYear())).WithIndicators().WithEvaluations().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range projects {
		if got := sumWeights(p.Edges.Indicators); got != fixed.FromInt(90) {
			t.Errorf("project %s: weights add up to %s, want 90", p.Code, got)
		}
		if n := len(p.Edges.Evaluations); n != 1 {
			t.Errorf("project %s: %d evaluations, want 1", p.Code, n)
		}
	}

	loaded, err = demo.Load(ctx, client)
	if err != nil || loaded {
		t.Fatalf("second Load = %v, %v; want false, nil", loaded, err)
	}
	checkCounts(t, client, func(c count) int { return c.want })
}

func TestLoadSkipsNonEmptyDatabase(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo_nonempty")
	if err := client.Department.Create().SetCode("X").SetName("其他部门").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	loaded, err := demo.Load(ctx, client)
	if err != nil || loaded {
		t.Fatalf("Load = %v, %v; want false, nil", loaded, err)
	}
	checkCounts(t, client, func(c count) int {
		if c.name == "other departments" {
			return 1
		}
		return 0
	})
}

func TestLoadRollsBackOnError(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo_rollback")
	boom := errors.New("boom")
	// Fail the last project's evaluation: everything before it has been written in the transaction.
	client.Evaluation.Use(func(next ent.Mutator) ent.Mutator {
		return hook.EvaluationFunc(func(ctx context.Context, m *ent.EvaluationMutation) (ent.Value, error) {
			if _, ok := m.ProjectID(); ok {
				if n, err := m.Client().Evaluation.Query().Count(ctx); err == nil && n == 3 {
					return nil, boom
				}
			}
			return next.Mutate(ctx, m)
		})
	})
	loaded, err := demo.Load(ctx, client)
	if !errors.Is(err, boom) || loaded {
		t.Fatalf("Load = %v, %v; want false, boom", loaded, err)
	}
	checkCounts(t, client, func(count) int { return 0 })
	// Nor is any of the district's rows left.
	for name, n := range map[string]func(context.Context) (int, error){
		"departments": client.Department.Query().Count, "department-years": client.DepartmentYear.Query().Count,
		"indicators": client.Indicator.Query().Count, "evaluations": client.Evaluation.Query().Count,
		"library entries": client.LibraryIndicator.Query().Count,
	} {
		if got, err := n(ctx); err != nil || got != 0 {
			t.Errorf("%s after the rollback: %d, %v; want 0", name, got, err)
		}
	}
}

// TestLoadLibrary: each seed indicator with a library entry's levels and name is
// marked as made from it, and its entry says what the indicator says: kind,
// operator, unit, binding and 评（扣）分标准; its target lies in the typical range.
func TestLoadLibrary(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo_library")
	if _, err := demo.LoadSeed(ctx, client); err != nil {
		t.Fatal(err)
	}
	inds, err := client.Indicator.Query().Where(indicator.HasDepartmentYearWith(seedYear())).WithLibraryIndicator().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := client.LibraryIndicator.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[[3]string]*ent.LibraryIndicator{}
	for _, e := range entries {
		byName[[3]string{e.Level1, e.Level2, e.Name}] = e
	}
	for _, in := range inds {
		e, want := in.Edges.LibraryIndicator, byName[[3]string{in.Level1, in.Level2, in.Name}]
		switch {
		case e == nil && want != nil:
			t.Errorf("%s: not marked as made from library entry %d", in.Name, want.ID)
		case e == nil:
		case want == nil || e.ID != want.ID:
			t.Errorf("%s: marked as made from %d (%s), want %v", in.Name, e.ID, e.Name, want)
		case string(e.Kind) != string(in.Kind) || e.Unit != in.Unit || e.ScoringCriteria != in.ScoringCriteria ||
			!sameEnum(e.Operator, in.Operator) || !sameEnum(e.Binding, in.Binding):
			t.Errorf("%s: the entry says %+v", in.Name, e)
		case in.Target != nil && ((e.TargetMin != nil && *in.Target < *e.TargetMin) || (e.TargetMax != nil && *in.Target > *e.TargetMax)):
			t.Errorf("%s: target %s outside the entry's range %v–%v", in.Name, *in.Target, e.TargetMin, e.TargetMax)
		}
	}
}

// sameEnum compares two optional enum values of different types by name.
func sameEnum[A, B ~string](a *A, b *B) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return string(*a) == string(*b)
}

// TestLoadScores scores the loaded data with the scoring package: the seed's 99.69, its
// execution rate, the months behind, and that every evaluation could be submitted as loaded.
func TestLoadScores(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo_scores")
	if _, err := demo.Load(ctx, client); err != nil {
		t.Fatal(err)
	}

	dy, err := client.DepartmentYear.Query().
		Where(departmentyear.Year(demo.Year), departmentyear.HasDepartmentWith(department.Code(demo.OfficeCode))).
		WithDepartment(func(q *ent.DepartmentQuery) { q.WithParent() }).
		WithMonths().
		Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p := dy.Edges.Department.Edges.Parent; p == nil || p.Code != demo.DistrictCode {
		t.Errorf("office's parent = %v, want department %s", p, demo.DistrictCode)
	}

	budget := dy.PersonnelBudget + dy.PublicBudget + dy.ProjectBudget
	executed := dy.PersonnelActual + dy.PublicActual + dy.ProjectActual
	for _, c := range []struct {
		name      string
		got, want fixed.Decimal
	}{
		{"total budget", budget, fixed.MustParse("1836.19")},
		{"total actual", executed, fixed.MustParse("1829.40")},
		{"basic actual", dy.PersonnelActual + dy.PublicActual, fixed.MustParse("962.44")},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if rate, _ := scoring.ExecutionRate(executed.Decimal(), budget.Decimal()); !rate.Equal(dec("99.63")) {
		t.Errorf("execution rate = %s %%, want 99.63", rate)
	}

	var months []scoring.Month
	for _, m := range dy.Edges.Months {
		months = append(months, scoring.Month{Month: m.Month, CumulativeExecuted: m.CumulativeExecuted.Decimal(), TargetPercent: m.TargetPercent.Decimal()})
	}
	if got := scoring.MonthsBehind(budget.Decimal(), months); !slices.Equal(got, []int{3, 6}) {
		t.Errorf("months behind = %v, want [3 6]", got)
	}

	figures := scoring.Figures{
		AdjustedBudget: budget.Decimal(), Executed: executed.Decimal(), CarryoverEnd: dy.CarryoverEnd.Decimal(),
		AssetsInUse: dy.AssetsInUse.Decimal(), AssetsTotal: dy.AssetsTotal.Decimal(),
		PublicBudget: dy.PublicBudget.Decimal(), PublicActual: dy.PublicActual.Decimal(),
		ThreePublicBudget: dy.ThreePublicBudget.Decimal(), ThreePublicActual: dy.ThreePublicActual.Decimal(),
	}
	overall, err := client.Indicator.Query().
		Where(indicator.DepartmentYearID(dy.ID), indicator.ProjectIDIsNil()).
		Order(indicator.ByPosition()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var scores []decimal.Decimal
	var submit scoring.SubmitInput
	var reasons []string
	for i, in := range overall {
		if in.Position != i+1 {
			t.Errorf("indicator %s at position %d, want %d", in.Name, in.Position, i+1)
		}
		si := toScoring(t, in, figures)
		scores = append(scores, scoring.Default().Score(si))
		submit.Indicators = append(submit.Indicators, scoring.SubmitIndicator{Key: in.Name, Name: in.Name, Indicator: si, DeviationReason: in.DeviationReason})
		if in.DeviationReason != "" {
			reasons = append(reasons, in.Name)
		}
	}
	if total := scoring.Total(scores); !total.Equal(dec("99.69")) {
		t.Errorf("overall score = %s, want 99.69", total)
	}
	// Every reason SCORING.md §1 requires is given, and no other.
	if want := []string{"会议参与人数", "信息稿件被省采纳", "预算资金支出率"}; !slices.Equal(reasons, want) {
		t.Errorf("deviation reasons on %v, want %v", reasons, want)
	}
	if problems := scoring.Default().SubmitProblems(submit); len(problems) != 0 {
		t.Errorf("overall evaluation cannot be submitted: %+v", problems)
	}

	projects, err := client.Project.Query().Where(project.HasDepartmentYearWith(seedYear())).WithIndicators().Order(project.ByCode()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range projects {
		rate, ok := scoring.ExecutionRate(p.Executed.Decimal(), p.Budget.Decimal())
		if !ok {
			t.Errorf("project %s: no execution rate", p.Code)
		}
		submit := scoring.SubmitInput{Project: true, ExecutionRate: &rate}
		for _, in := range p.Edges.Indicators {
			si := toScoring(t, in, figures)
			if s := scoring.Default().Score(si); !s.Equal(si.Weight) {
				t.Errorf("project %s, %s: score %s of %s, want full weight", p.Code, in.Name, s, si.Weight)
			}
			submit.Indicators = append(submit.Indicators, scoring.SubmitIndicator{Key: in.Name, Name: in.Name, Indicator: si, DeviationReason: in.DeviationReason})
		}
		if problems := scoring.Default().SubmitProblems(submit); len(problems) != 0 {
			t.Errorf("project %s cannot be submitted: %+v", p.Code, problems)
		}
	}
}

// toScoring converts a stored indicator for the scoring package, deriving a bound actual.
func toScoring(t *testing.T, in *ent.Indicator, f scoring.Figures) scoring.Indicator {
	t.Helper()
	si := scoring.Indicator{Kind: scoring.Kind(in.Kind), Weight: in.Weight.Decimal(), RatedScore: fixed.Ptr(in.RatedScore)}
	if in.Operator != nil {
		si.Operator = scoring.Operator(*in.Operator)
	}
	if in.Target != nil {
		si.Target = in.Target.Decimal()
	}
	if in.Rating != nil {
		si.Rating = scoring.Rating(*in.Rating)
	}
	switch {
	case in.Binding != nil:
		if in.Actual != nil {
			t.Errorf("%s: bound to %s but has a typed actual", in.Name, *in.Binding)
		}
		v, ok := scoring.Derive(scoring.Binding(*in.Binding), f)
		if !ok {
			t.Fatalf("%s: %s undefined", in.Name, *in.Binding)
		}
		si.Actual = &v
	default:
		si.Actual = fixed.Ptr(in.Actual)
	}
	if in.Kind == indicator.KindQUALITATIVE && (in.Operator != nil || in.Target != nil || in.Actual != nil) {
		t.Errorf("%s: qualitative indicator with an operator, target or actual", in.Name)
	}
	return si
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestLoadFormsData: what the forms hold beside the figures (年初预算数, the breakdowns by
// source and by revenue nature, the goal's outcome, 实施单位, 评（扣）分标准) is loaded for
// the seed's year, and every breakdown of the demo, the district's included, adds up to
// its total row, so that no evaluation's submission is refused for it.
func TestLoadFormsData(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo_forms")
	if _, err := demo.Load(ctx, client); err != nil {
		t.Fatal(err)
	}
	dy, err := client.DepartmentYear.Query().
		Where(departmentyear.Year(demo.Year), departmentyear.HasDepartmentWith(department.Code(demo.OfficeCode))).
		WithFundingLines(func(q *ent.FundingLineQuery) { q.Where(fundingline.ProjectIDIsNil()) }).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := assess.TotalInitialBudget(dy); got != fixed.MustParse("1803.60") {
		t.Errorf("the office's 年初预算数 = %s, want 1803.60", got)
	}
	if dy.GoalOutcome == "" || !strings.Contains(dy.GoalOutcome, "99.63%") {
		t.Errorf("the office's goal outcome: %q", dy.GoalOutcome)
	}
	if ls := dy.Edges.FundingLines; len(ls) != 1 || ls[0].Category != fundingline.CategoryGENERAL_PUBLIC_BUDGET ||
		ls[0].Executed != fixed.MustParse("1829.40") || ls[0].AdjustedBudget != fixed.MustParse("1836.19") {
		t.Errorf("the office's revenue lines: %+v", ls)
	}
	inds, err := client.Indicator.Query().Where(indicator.HasDepartmentYearWith(seedYear()), indicator.ScoringCriteria("")).Count(ctx)
	if err != nil || inds != 0 {
		t.Errorf("%d seed indicators without 评（扣）分标准 (%v)", inds, err)
	}

	years, err := client.DepartmentYear.Query().WithDepartment().WithFundingLines(func(q *ent.FundingLineQuery) {
		q.Where(fundingline.ProjectIDIsNil())
	}).WithProjects(func(q *ent.ProjectQuery) { q.WithFundingLines() }).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, y := range years {
		if p := assess.FundingProblems(y, nil, y.Edges.FundingLines); len(p) > 0 {
			t.Errorf("%s %d: %+v", y.Edges.Department.Code, y.Year, p)
		}
		lines += len(y.Edges.FundingLines)
		for _, p := range y.Edges.Projects {
			if pr := assess.FundingProblems(y, p, p.Edges.FundingLines); len(pr) > 0 {
				t.Errorf("%s %d project %s: %+v", y.Edges.Department.Code, y.Year, p.Code, pr)
			}
			if y.Edges.Department.Code != demo.NeighbourCode && len(p.Edges.FundingLines) == 0 {
				t.Errorf("%s %d project %s has no lines by source", y.Edges.Department.Code, y.Year, p.Code)
			}
		}
	}
	if lines < len(years)-1 { // the neighbour's year is the one without
		t.Errorf("%d revenue lines for %d years", lines, len(years))
	}
}

// TestLoadTargets: every district year's targets were filed and approved, each
// version the year's indicator tree; one adjustment waits; the seed's office files
// its own.
func TestLoadTargets(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo")
	if _, err := demo.Load(ctx, client); err != nil {
		t.Fatal(err)
	}
	years, err := client.DepartmentYear.Query().WithTargetVersions().WithIndicators().WithDepartment().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	filed, waiting := 0, 0
	for _, dy := range years {
		vs := dy.Edges.TargetVersions
		if dy.Edges.Department.Code == "440115-001" || dy.Edges.Department.Code == "440115-002" {
			if len(vs) != 0 {
				t.Errorf("the seed's %s %d has %d target versions", dy.Edges.Department.Code, dy.Year, len(vs))
			}
			continue
		}
		if len(vs) == 0 || vs[0].Kind != targetversion.KindFILING || vs[0].Status != targetversion.StatusAPPROVED || len(vs[0].Entries) != len(dy.Edges.Indicators) {
			t.Errorf("%s %d: versions %+v", dy.Edges.Department.Code, dy.Year, vs)
			continue
		}
		filed++
		for _, v := range vs[1:] {
			if v.Kind == targetversion.KindADJUSTMENT && v.Status == targetversion.StatusSUBMITTED {
				waiting++
			}
		}
	}
	if filed < 10 || waiting != 1 {
		t.Errorf("%d years filed, %d adjustments waiting; want many and 1", filed, waiting)
	}
}

// TestLoadReview: two district 2023 evaluations under approval were reviewed: an
// indicator of each re-scored, with rectification items accepted, answered and
// still open (overdue).
func TestLoadReview(t *testing.T) {
	ctx := access.System(t.Context(), "test")
	client := open(t, "demo")
	if _, err := demo.Load(ctx, client); err != nil {
		t.Fatal(err)
	}
	scores, err := client.ReviewScore.Query().WithIndicator().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 2 {
		t.Fatalf("%d re-scores, want 2", len(scores))
	}
	for _, rs := range scores {
		if ind := rs.Edges.Indicator; rs.Score != ind.Score-fixed.MustParse("0.5") || rs.Reason == "" {
			t.Errorf("re-score %s of %s scoring %s (%q)", rs.Score, ind.Name, ind.Score, rs.Reason)
		}
	}
	items, err := client.Rectification.Query().Order(rectification.ByID()).WithTransitions().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range items {
		got = append(got, fmt.Sprintf("%s/%d", x.Status, len(x.Edges.Transitions)))
	}
	if strings.Join(got, " ") != "ACCEPTED/3 OPEN/1 ANSWERED/2" {
		t.Errorf("items (status/steps): %v", got)
	}
}
