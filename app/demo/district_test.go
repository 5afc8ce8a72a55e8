package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"jixiao/domain/scoring"
	"slices"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/enttest"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/project"
	_ "jixiao/ent/runtime"
	"jixiao/platform/access"
)

// loadInto loads the demo (with the district or the seed alone) into a fresh in-memory
// database called name.
func loadInto(t *testing.T, name string, withDistrict bool) *ent.Client {
	t.Helper()
	client := enttest.Open(t, "sqlite3", "file:"+name+"?mode=memory&cache=shared&_fk=1")
	ld := LoadSeed
	if withDistrict {
		ld = Load
	}
	if loaded, err := ld(sys(t), client); err != nil || !loaded {
		t.Fatalf("load = %v, %v; want true, nil", loaded, err)
	}
	return client
}

func sys(t *testing.T) context.Context { return access.System(t.Context(), "test") }

var (
	sharedOnce   sync.Once
	sharedClient *ent.Client
)

// loaded is one full load the read-only tests share; it stays open for the package's tests.
func loaded(t *testing.T) *ent.Client {
	t.Helper()
	sharedOnce.Do(func() {
		client := enttest.Open(t, "sqlite3", "file:district_shared?mode=memory&cache=shared&_fk=1")
		if _, err := Load(access.System(context.Background(), "test"), client); err != nil {
			t.Fatal(err)
		}
		sharedClient = client
	})
	if sharedClient == nil {
		t.Fatal("the shared load failed")
	}
	return sharedClient
}

func isDistrict(code string) bool {
	return strings.HasPrefix(code, DistrictCode+"-") && code != OfficeCode && code != NeighbourCode
}

func ptr(d *fixed.Decimal) string {
	if d == nil {
		return "null"
	}
	return d.String()
}

// digest is a SHA-256 of every kept value (and the figures they come from) of the
// departments keep selects, keyed by department code, year, project code and position.
func digest(t *testing.T, c *ent.Client, keep func(code string) bool) (string, int) {
	t.Helper()
	ctx := sys(t)
	h := sha256.New()
	rows := 0
	years, err := c.DepartmentYear.Query().WithDepartment().
		WithProjects(func(q *ent.ProjectQuery) { q.Order(project.ByCode()) }).
		WithIndicators(func(q *ent.IndicatorQuery) { q.WithProject().Order(indicator.ByID()) }).
		WithEvaluations(func(q *ent.EvaluationQuery) { q.WithProject().Order(evaluation.ByID()) }).
		All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(years, func(a, b *ent.DepartmentYear) int {
		return strings.Compare(fmt.Sprint(a.Edges.Department.Code, a.Year), fmt.Sprint(b.Edges.Department.Code, b.Year))
	})
	projectCode := func(p *ent.Project) string {
		if p == nil {
			return "-"
		}
		return p.Code
	}
	for _, y := range years {
		code := y.Edges.Department.Code
		if !keep(code) {
			continue
		}
		fmt.Fprintf(h, "Y %s %d %s %s %s %s %s %s %s\n", code, y.Year, y.BasicBudget, y.BasicActual, y.TotalBudget, y.TotalActual,
			ptr(y.ExecutionRate), ptr(y.CarryoverRate), y.CarryoverEnd)
		for _, p := range y.Edges.Projects {
			fmt.Fprintf(h, "P %s %s %s %s %s\n", p.Code, p.Budget, p.Executed, ptr(p.ExecutionRate), p.ExecutionScore)
		}
		for _, in := range y.Edges.Indicators {
			fmt.Fprintf(h, "I %s %d %s %s %s %s %s %s %s %t\n", code, y.Year, projectCode(in.Edges.Project), in.Name, in.Weight,
				ptr(in.EffectiveActual), ptr(in.CompletionRate), in.Score, in.Attainment, in.DeviationRequired)
		}
		for _, ev := range y.Edges.Evaluations {
			fmt.Fprintf(h, "E %s %d %s %s %s %s %s %s\n", code, y.Year, projectCode(ev.Edges.Project), ev.Status, ev.Score, ev.Grade,
				ptr(ev.ExecutionRate), ptr(ev.ExecutionScore))
		}
		rows += 1 + len(y.Edges.Projects) + len(y.Edges.Indicators) + len(y.Edges.Evaluations)
	}
	return hex.EncodeToString(h.Sum(nil)), rows
}

// TestDistrictDeterministic loads twice: every figure and kept value is the same.
func TestDistrictDeterministic(t *testing.T) {
	a, n := digest(t, loaded(t), isDistrict)
	b, m := digest(t, loadInto(t, "district_again", true), isDistrict)
	if a != b || n != m {
		t.Errorf("two loads differ: %s (%d rows) and %s (%d rows)", a, n, b, m)
	}
	if n < 5000 {
		t.Errorf("the digest covers %d rows: the district is missing", n)
	}
	t.Logf("district digest %s over %d rows", a, n)
}

// TestDistrictKeepsSeed: the seed's rows are the same with or without the district,
// its figures are the acceptance table's, and the office keeps its place in the tree.
func TestDistrictKeepsSeed(t *testing.T) {
	seed := func(code string) bool { return !isDistrict(code) }
	with, n := digest(t, loaded(t), seed)
	without, m := digest(t, loadInto(t, "district_seed_only", false), seed)
	if with != without || n != m || n == 0 {
		t.Errorf("the seed's rows differ with the district: %s (%d rows) and %s (%d rows)", with, n, without, m)
	}

	ctx := sys(t)
	c := loaded(t)
	dy, err := c.DepartmentYear.Query().
		Where(departmentyear.Year(Year), departmentyear.HasDepartmentWith(department.Code(OfficeCode))).
		WithDepartment(func(q *ent.DepartmentQuery) { q.WithParent().WithChildren() }).
		WithEvaluations(func(q *ent.EvaluationQuery) { q.Where(evaluation.ProjectIDIsNil()) }).
		Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, got, want string }{
		{"total actual", dy.TotalActual.String(), "1829.40"},
		{"execution rate", ptr(dy.ExecutionRate), "99.63"},
		{"carryover rate", ptr(dy.CarryoverRate), "0.25"},
		{"score", dy.Edges.Evaluations[0].Score.String(), "99.69"},
		{"grade", string(dy.Edges.Evaluations[0].Grade), "EXCELLENT"},
	} {
		if f.got != f.want {
			t.Errorf("office %s = %s, want %s", f.name, f.got, f.want)
		}
	}
	if p := dy.Edges.Department.Edges.Parent; p == nil || p.Code != DistrictCode {
		t.Errorf("office's parent = %v, want the district %s", p, DistrictCode)
	}
	// The demo editor's subtree is the office alone.
	if ch := dy.Edges.Department.Edges.Children; len(ch) != 0 {
		t.Errorf("the office has %d sub-departments, want none", len(ch))
	}
	if n, err := c.DepartmentYear.Query().Where(departmentyear.HasDepartmentWith(department.CodeIn(OfficeCode, NeighbourCode))).Count(ctx); err != nil || n != 2 {
		t.Errorf("the seed's departments hold %d years (%v), want 2", n, err)
	}
}

// TestDistrictShape counts the district: 30 departments under the district node at
// depths 1–3, three years each, 2–5 projects per year, 8–20 indicators per subject with
// weights of 100 (90 for a project), twelve months, key tasks, and one evaluation per subject.
func TestDistrictShape(t *testing.T) {
	ctx := sys(t)
	c := loaded(t)
	root, err := c.Department.Query().Where(department.Code(DistrictCode)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	deps, err := c.Department.Query().
		WithYears(func(q *ent.DepartmentYearQuery) {
			q.WithMonths().WithKeyTasks().WithEvaluations().Order(departmentyear.ByYear()).
				WithProjects(func(q *ent.ProjectQuery) { q.WithIndicators().WithEvaluations() }).
				WithIndicators(func(q *ent.IndicatorQuery) { q.Where(indicator.ProjectIDIsNil()) })
		}).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	under := fmt.Sprintf("%s%d/", root.Path, root.ID)
	depths := map[int]int{}
	districtDeps := 0
	for _, d := range deps {
		if !isDistrict(d.Code) {
			continue
		}
		districtDeps++
		if !strings.HasPrefix(d.Path, under) {
			t.Errorf("%s %s: path %s is not under the district %s", d.Code, d.Name, d.Path, under)
		}
		depths[strings.Count(d.Path, "/")-strings.Count(under, "/")+1]++
		if got := yearsOf(d); !slices.Equal(got, DistrictYears) {
			t.Errorf("%s: years %v, want %v", d.Code, got, DistrictYears)
		}
		for _, y := range d.Edges.Years {
			where := fmt.Sprintf("%s %d", d.Code, y.Year)
			checkSubject(t, where, y.Edges.Indicators, 100)
			if n := len(y.Edges.Months); n != 12 {
				t.Errorf("%s: %d months, want 12", where, n)
			} else if last := y.Edges.Months[11]; last.Month != 12 || last.CumulativeExecuted != y.TotalActual {
				t.Errorf("%s: December's cumulative %s, want the total actual %s", where, last.CumulativeExecuted, y.TotalActual)
			}
			if n := len(y.Edges.KeyTasks); n < 2 {
				t.Errorf("%s: %d key tasks, want at least 2", where, n)
			}
			if n := len(y.Edges.Projects); n < 2 || n > 5 {
				t.Errorf("%s: %d projects, want 2–5", where, n)
			}
			if n := len(y.Edges.Evaluations); n != len(y.Edges.Projects)+1 {
				t.Errorf("%s: %d evaluations, want one overall and one per project (%d)", where, n, len(y.Edges.Projects)+1)
			}
			var budget, executed fixed.Decimal
			for _, p := range y.Edges.Projects {
				budget += p.Budget
				executed += p.Executed
				checkSubject(t, where+" "+p.Code, p.Edges.Indicators, 90)
				if n := len(p.Edges.Evaluations); n != 1 {
					t.Errorf("%s %s: %d evaluations, want 1", where, p.Code, n)
				}
			}
			if budget != y.ProjectBudget || executed != y.ProjectActual {
				t.Errorf("%s: projects' budget %s and executed %s, want the year's project figures %s and %s",
					where, budget, executed, y.ProjectBudget, y.ProjectActual)
			}
		}
	}
	if districtDeps != 30 {
		t.Errorf("%d district departments, want 30", districtDeps)
	}
	if depths[1] < 20 || depths[2] < 5 || depths[3] < 1 {
		t.Errorf("departments by depth below the district %v: want a tree of depth 3", depths)
	}
}

func yearsOf(d *ent.Department) []int {
	var out []int
	for _, y := range d.Edges.Years {
		out = append(out, y.Year)
	}
	return out
}

// checkSubject: 8–20 indicators whose weights add up to want, with 一级 and 二级 names.
func checkSubject(t *testing.T, where string, inds []*ent.Indicator, want int64) {
	t.Helper()
	if n := len(inds); n < 8 || n > 20 {
		t.Errorf("%s: %d indicators, want 8–20", where, n)
	}
	var sum fixed.Decimal
	level1 := map[string]bool{}
	for _, in := range inds {
		sum += in.Weight
		level1[in.Level1] = true
	}
	if sum != fixed.FromInt(want) {
		t.Errorf("%s: weights add up to %s, want %d", where, sum, want)
	}
	for _, l := range []string{"产出指标", "效益指标", "满意度指标"} {
		if !level1[l] {
			t.Errorf("%s: no %s", where, l)
		}
	}
}

// overall returns the district's overall evaluations by year and department code.
func overall(t *testing.T, c *ent.Client) map[int]map[string]*ent.Evaluation {
	t.Helper()
	evs, err := c.Evaluation.Query().Where(evaluation.ProjectIDIsNil()).
		WithDepartmentYear(func(q *ent.DepartmentYearQuery) { q.WithDepartment() }).All(sys(t))
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]map[string]*ent.Evaluation{}
	for _, ev := range evs {
		dy := ev.Edges.DepartmentYear
		if !isDistrict(dy.Edges.Department.Code) {
			continue
		}
		if out[dy.Year] == nil {
			out[dy.Year] = map[string]*ent.Evaluation{}
		}
		out[dy.Year][dy.Edges.Department.Code] = ev
	}
	return out
}

// TestDistrictScores: the guaranteed spread. 2023's overall evaluations under the
// district hold every grade; one department is below 60 in 2023 and one in 2024, none in
// 2022; most scores lie in 80–98 and none reaches the office's 99.69; scores move between
// years.
func TestDistrictScores(t *testing.T) {
	byYear := overall(t, loaded(t))
	grades := map[int]map[evaluation.Grade]int{}
	inBand, all := 0, 0
	for year, evs := range byYear {
		grades[year] = map[evaluation.Grade]int{}
		for code, ev := range evs {
			grades[year][ev.Grade]++
			all++
			if ev.Score >= fixed.FromInt(80) && ev.Score <= fixed.FromInt(98) {
				inBand++
			}
			if ev.Score >= fixed.MustParse("99.69") {
				t.Errorf("%s %d scores %s, at or above the office's 99.69", code, year, ev.Score)
			}
		}
	}
	for _, g := range []evaluation.Grade{evaluation.GradeEXCELLENT, evaluation.GradeGOOD, evaluation.GradeFAIR, evaluation.GradePOOR} {
		if grades[2023][g] == 0 {
			t.Errorf("2023 has no %s evaluation: %v", g, grades[2023])
		}
	}
	if grades[2022][evaluation.GradePOOR] != 0 || grades[2023][evaluation.GradePOOR] != 1 || grades[2024][evaluation.GradePOOR] != 1 {
		t.Errorf("poor evaluations by year 2022 %d, 2023 %d, 2024 %d; want 0, 1, 1",
			grades[2022][evaluation.GradePOOR], grades[2023][evaluation.GradePOOR], grades[2024][evaluation.GradePOOR])
	}
	// The README names them.
	for year, code := range map[int]string{2023: DistrictCode + "-008", 2024: DistrictCode + "-020"} {
		if ev := byYear[year][code]; ev == nil || ev.Grade != evaluation.GradePOOR {
			t.Errorf("%s in %d: %v, want a POOR evaluation", code, year, ev)
		}
	}
	if all != 90 || inBand*10 < all*6 {
		t.Errorf("%d of %d overall scores in 80–98, want 90 evaluations and at least 60 %% of them", inBand, all)
	}
	moved := map[[2]int]int{}
	for code := range byYear[2023] {
		for _, ys := range [][2]int{{2022, 2023}, {2023, 2024}} {
			if d := byYear[ys[1]][code].Score - byYear[ys[0]][code].Score; d >= fixed.FromInt(1) || d <= fixed.FromInt(-1) {
				moved[ys]++
			}
		}
	}
	for ys, n := range moved {
		if n < 15 {
			t.Errorf("%d departments moved by a point or more from %d to %d, want at least 15", n, ys[0], ys[1])
		}
	}
	if len(moved) != 2 {
		t.Errorf("years with moves: %v", moved)
	}
	t.Logf("overall grades by year: %v", grades)
}

// TestDistrictStatuses: 2022 published; 2023 published or approved but for a few under
// review; 2024 in progress with drafts, submissions and returns. Every evaluation past
// draft was submitted (and has the history of its steps), and every one could be
// submitted as loaded.
func TestDistrictStatuses(t *testing.T) {
	ctx := sys(t)
	c := loaded(t)
	evs, err := c.Evaluation.Query().WithTransitions().
		WithDepartmentYear(func(q *ent.DepartmentYearQuery) { q.WithDepartment() }).
		WithProject().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inds, err := c.Indicator.Query().Order(indicator.ByPosition()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ year, project int }
	bySubject := map[key][]*ent.Indicator{}
	for _, in := range inds {
		p := 0
		if in.ProjectID != nil {
			p = *in.ProjectID
		}
		bySubject[key{in.DepartmentYearID, p}] = append(bySubject[key{in.DepartmentYearID, p}], in)
	}
	steps := map[evaluation.Status]int{evaluation.StatusDRAFT: 0, evaluation.StatusSUBMITTED: 1, evaluation.StatusRETURNED: 2,
		evaluation.StatusAPPROVED: 2, evaluation.StatusPUBLISHED: 3}
	statuses := map[int]map[evaluation.Status]int{}
	for _, ev := range evs {
		dy := ev.Edges.DepartmentYear
		if !isDistrict(dy.Edges.Department.Code) {
			continue
		}
		where := fmt.Sprintf("%s %d evaluation %d", dy.Edges.Department.Code, dy.Year, ev.ID)
		if ev.ProjectID == nil {
			if statuses[dy.Year] == nil {
				statuses[dy.Year] = map[evaluation.Status]int{}
			}
			statuses[dy.Year][ev.Status]++
		}
		if dy.Year == 2022 && ev.Status != evaluation.StatusPUBLISHED {
			t.Errorf("%s: %s, want PUBLISHED", where, ev.Status)
		}
		if (ev.SubmittedAt != nil) != (ev.Status != evaluation.StatusDRAFT) {
			t.Errorf("%s: %s with submittedAt %v", where, ev.Status, ev.SubmittedAt)
		}
		ts := ev.Edges.Transitions
		if len(ts) != steps[ev.Status] || len(ts) > 0 && string(ts[len(ts)-1].To) != string(ev.Status) {
			t.Errorf("%s: %s after %d transitions, want %d ending there", where, ev.Status, len(ts), steps[ev.Status])
		}
		p := 0
		if ev.ProjectID != nil {
			p = *ev.ProjectID
		}
		s := assess.Subject{Year: dy, Project: ev.Edges.Project, Indicators: bySubject[key{dy.ID, p}]}
		if problems := assess.Problems(ev, s, scoring.Default()); len(problems) != 0 {
			t.Errorf("%s (%s) could not be submitted: %+v", where, ev.Status, problems)
		}
	}
	y23 := statuses[2023]
	if y23[evaluation.StatusDRAFT]+y23[evaluation.StatusRETURNED] != 0 ||
		(y23[evaluation.StatusPUBLISHED]+y23[evaluation.StatusAPPROVED])*10 < 30*8 {
		t.Errorf("2023 overall statuses %v: want at least 80 %% published or approved, no drafts or returns", y23)
	}
	for _, s := range []evaluation.Status{evaluation.StatusDRAFT, evaluation.StatusSUBMITTED, evaluation.StatusRETURNED} {
		if statuses[2024][s] == 0 {
			t.Errorf("2024 overall statuses %v: no %s", statuses[2024], s)
		}
	}
	t.Logf("overall statuses by year: %v", statuses)
}

// TestDistrictKept: every kept value equals a recomputation from the stored figures.
func TestDistrictKept(t *testing.T) {
	ctx := sys(t)
	c := loaded(t)
	var diffs []kept.Difference
	sum, err := kept.Check(ctx, c, false, func(d kept.Difference) { diffs = append(diffs, d) })
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 0 {
		t.Errorf("%d kept values differ from a recomputation, the first: %v", len(diffs), diffs[:min(5, len(diffs))])
	}
	n, err := c.Indicator.Query().Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Years != 92 || sum.Indicators != n || sum.Evaluations < 90+2+2*90 {
		t.Errorf("checked %+v, want 92 years, %d indicators and every evaluation", sum, n)
	}
}
