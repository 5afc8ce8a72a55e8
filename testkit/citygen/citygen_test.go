package citygen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"jixiao/platform/access"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/enttest"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
)

func small(seed int64) Config {
	return Config{Seed: seed, Departments: 30, Projects: 200, Indicators: 3000, Year: 2023}
}

var dbSeq atomic.Int64

// open returns a client on a fresh, migrated in-memory database.
func open(t *testing.T) *ent.Client {
	t.Helper()
	name := fmt.Sprintf("citygen_%d_%d", os.Getpid(), dbSeq.Add(1))
	client := enttest.Open(t, "sqlite3", "file:"+name+"?mode=memory&cache=shared&_fk=1")
	t.Cleanup(func() { _ = client.Close() })
	return client
}

func generated(t *testing.T, cfg Config) *ent.Client {
	t.Helper()
	client := open(t)
	if err := Generate(testCtx, client, cfg); err != nil {
		t.Fatalf("Generate(%v): %v", cfg, err)
	}
	return client
}

// shared is one generated small data set that the read-only tests share.
var shared struct {
	client *ent.Client
	cfg    Config
	err    error
}

func sharedSet(t *testing.T) (*ent.Client, Config) {
	t.Helper()
	if shared.client == nil && shared.err == nil {
		shared.cfg = small(7)
		shared.client, shared.err = ent.Open("sqlite3", "file:citygen_shared_"+strconv.Itoa(os.Getpid())+"?mode=memory&cache=shared&_fk=1")
		ctx := testCtx
		if shared.err == nil {
			shared.err = shared.client.Schema.Create(ctx)
		}
		if shared.err == nil {
			shared.err = Generate(ctx, shared.client, shared.cfg)
		}
	}
	if shared.err != nil {
		t.Fatalf("Generate(%v): %v", shared.cfg, shared.err)
	}
	return shared.client, shared.cfg
}

// testCtx reads the generated rows on the server's own authority, past the access rules.
var testCtx = access.System(context.Background(), "test")

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.client != nil {
		_ = shared.client.Close()
	}
	os.Exit(code)
}

func TestCounts(t *testing.T) {
	client, cfg := sharedSet(t)
	ctx := testCtx
	count := func(what string, n int, err error, want int) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n != want {
			t.Errorf("%s: %d, want %d", what, n, want)
		}
	}
	n, err := client.Department.Query().Count(ctx)
	count("departments", n, err, cfg.Departments)
	n, err = client.Project.Query().Count(ctx)
	count("projects", n, err, cfg.Projects)
	n, err = client.Indicator.Query().Count(ctx)
	count("indicators", n, err, cfg.Indicators)
	n, err = client.DepartmentYear.Query().Count(ctx)
	count("department-years", n, err, cfg.Departments)
	n, err = client.Evaluation.Query().Count(ctx)
	count("evaluations", n, err, cfg.Departments+cfg.Projects)
	n, err = client.Evaluation.Query().Where(evaluation.ProjectIDIsNil()).Count(ctx)
	count("overall evaluations", n, err, cfg.Departments)
	n, err = client.MonthlyExecution.Query().Count(ctx)
	count("monthly executions", n, err, 12*cfg.Departments)

	depts, err := client.Department.Query().WithYears().Order(ent.Asc("id")).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int]*ent.Department{}
	roots, districts := 0, 0
	for _, d := range depts {
		byID[d.ID] = d
		if len(d.Edges.Years) != 1 || d.Edges.Years[0].Year != cfg.Year {
			t.Errorf("department %s has %d department-years, want one for %d", d.Code, len(d.Edges.Years), cfg.Year)
		}
	}
	for _, d := range depts {
		wantPath, depth := "/", 1
		if d.ParentID == nil {
			roots++
		} else {
			par := byID[*d.ParentID]
			if par == nil {
				t.Fatalf("department %s: parent %d missing", d.Code, *d.ParentID)
			}
			wantPath = par.Path + strconv.Itoa(par.ID) + "/"
			depth = strings.Count(wantPath, "/")
			if par.ParentID == nil {
				districts++
			}
		}
		if d.Path != wantPath {
			t.Errorf("department %s: path %q, want %q", d.Code, d.Path, wantPath)
		}
		if depth > 4 {
			t.Errorf("department %s at depth %d, want at most 4", d.Code, depth)
		}
	}
	if roots != 1 || districts != 11 {
		t.Errorf("%d roots and %d districts, want 1 and 11", roots, districts)
	}
}

func TestFigures(t *testing.T) {
	client, _ := sharedSet(t)
	ctx := testCtx
	years, err := client.DepartmentYear.Query().WithMonths().WithProjects().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range years {
		pairs := [][2]fixed.Decimal{
			{y.PersonnelBudget, y.PersonnelActual}, {y.PublicBudget, y.PublicActual},
			{y.ProjectBudget, y.ProjectActual}, {y.ThreePublicBudget, y.ThreePublicActual},
			{y.AssetsTotal, y.AssetsInUse},
		}
		for _, pr := range pairs {
			budget, actual := pr[0], pr[1]
			if budget < 0 || actual < 0 || actual*100 > budget*105 || budget%10_000 != 0 || actual%10_000 != 0 {
				t.Errorf("department-year %d: budget %s, actual %s: want 0 ≤ actual ≤ 1.05 × budget, 2 decimals", y.ID, budget, actual)
			}
		}
		var budget, executed fixed.Decimal
		for _, p := range y.Edges.Projects {
			budget += p.Budget
			executed += p.Executed
			if p.Executed < 0 || p.Executed > p.Budget {
				t.Errorf("project %s: executed %s of budget %s", p.Code, p.Executed, p.Budget)
			}
		}
		if budget != y.ProjectBudget || executed != y.ProjectActual {
			t.Errorf("department-year %d: project spending %s / %s, projects sum to %s / %s",
				y.ID, y.ProjectBudget, y.ProjectActual, budget, executed)
		}
		if len(y.Edges.Months) != 12 {
			t.Fatalf("department-year %d: %d months", y.ID, len(y.Edges.Months))
		}
		total := y.PersonnelActual + y.PublicActual + y.ProjectActual
		var prev fixed.Decimal
		for _, m := range y.Edges.Months {
			if m.CumulativeExecuted < prev {
				t.Errorf("department-year %d month %d: cumulative %s below %s", y.ID, m.Month, m.CumulativeExecuted, prev)
			}
			prev = m.CumulativeExecuted
			if m.TargetPercent < fixed.FromInt(5) || m.TargetPercent > fixed.FromInt(95) {
				t.Errorf("department-year %d month %d: target %s %%", y.ID, m.Month, m.TargetPercent)
			}
			if m.Month == 12 && m.CumulativeExecuted != total {
				t.Errorf("department-year %d: December cumulative %s, total actual %s", y.ID, m.CumulativeExecuted, total)
			}
		}
	}
}

func TestWeights(t *testing.T) {
	client, cfg := sharedSet(t)
	ctx := testCtx
	inds, err := client.Indicator.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	overall := map[int]fixed.Decimal{}
	project := map[int]fixed.Decimal{}
	for _, ind := range inds {
		if ind.Weight <= 0 {
			t.Errorf("indicator %d: weight %s", ind.ID, ind.Weight)
		}
		if ind.ProjectID == nil {
			overall[ind.DepartmentYearID] += ind.Weight
		} else {
			project[*ind.ProjectID] += ind.Weight
		}
	}
	years, err := client.DepartmentYear.Query().IDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	projects, err := client.Project.Query().IDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != cfg.Departments || len(projects) != cfg.Projects {
		t.Fatalf("%d department-years and %d projects", len(years), len(projects))
	}
	for _, id := range years {
		if w := overall[id]; w != fixed.FromInt(100) {
			t.Errorf("department-year %d: overall weights sum to %s, want 100", id, w)
		}
	}
	for _, id := range projects {
		if w := project[id]; w != fixed.FromInt(90) {
			t.Errorf("project %d: weights sum to %s, want 90", id, w)
		}
	}
}

func TestIndicators(t *testing.T) {
	client, _ := sharedSet(t)
	inds, err := client.Indicator.Query().All(testCtx)
	if err != nil {
		t.Fatal(err)
	}
	var qualitative, unmet, over, missing int
	bindings := map[indicator.Binding]int{}
	ops := map[indicator.Operator]int{}
	for _, ind := range inds {
		if ind.Kind == indicator.KindQUALITATIVE {
			qualitative++
			if ind.Rating == nil || ind.RatedScore == nil {
				t.Errorf("qualitative indicator %d: rating %v, score %v", ind.ID, ind.Rating, ind.RatedScore)
				continue
			}
			if ind.Operator != nil || ind.Target != nil || ind.Actual != nil || ind.Binding != nil {
				t.Errorf("qualitative indicator %d has quantitative fields", ind.ID)
			}
			s, w := *ind.RatedScore, ind.Weight
			var ok bool
			switch *ind.Rating {
			case indicator.RatingACHIEVED:
				ok = s*100 >= w*80 && s <= w
			case indicator.RatingPARTIAL:
				ok = s*100 >= w*60 && s*100 < w*80
			case indicator.RatingNOT_ACHIEVED:
				ok = s >= 0 && s*100 < w*60
			}
			if !ok {
				t.Errorf("indicator %d: %s score %s outside its band of weight %s", ind.ID, *ind.Rating, s, w)
			}
			continue
		}
		if ind.Operator == nil || ind.Target == nil || ind.Rating != nil || ind.RatedScore != nil {
			t.Errorf("quantitative indicator %d: operator %v, target %v, rating %v", ind.ID, ind.Operator, ind.Target, ind.Rating)
			continue
		}
		ops[*ind.Operator]++
		if ind.Binding != nil {
			bindings[*ind.Binding]++
			if ind.ProjectID != nil || ind.Actual != nil {
				t.Errorf("bound indicator %d: project %v, actual %v", ind.ID, ind.ProjectID, ind.Actual)
			}
			continue
		}
		if ind.Actual == nil {
			missing++
			continue
		}
		reverse := *ind.Operator == indicator.OperatorAtMost || *ind.Operator == indicator.OperatorBelow
		switch {
		case reverse && *ind.Actual > *ind.Target:
			over++
		case !reverse && *ind.Actual < *ind.Target:
			unmet++
		}
	}
	n := len(inds)
	if qualitative == 0 || unmet < n/50 || over < n/100 || missing < n/100 {
		t.Errorf("of %d indicators: %d qualitative, %d positive below target, %d reverse over target, %d without actual; want some of each",
			n, qualitative, unmet, over, missing)
	}
	for _, b := range []indicator.Binding{
		indicator.BindingEXECUTION_RATE, indicator.BindingCARRYOVER_RATE, indicator.BindingASSET_UTILIZATION,
		indicator.BindingPUBLIC_FUNDS_CONTROL, indicator.BindingTHREE_PUBLIC_CONTROL,
	} {
		if bindings[b] == 0 {
			t.Errorf("no indicator bound to %s", b)
		}
	}
	for _, o := range []indicator.Operator{
		indicator.OperatorAtLeast, indicator.OperatorAbove, indicator.OperatorEqual, indicator.OperatorAtMost, indicator.OperatorBelow,
	} {
		if ops[o] == 0 {
			t.Errorf("no indicator with operator %s", o)
		}
	}
}

func TestStatuses(t *testing.T) {
	client, _ := sharedSet(t)
	evals, err := client.Evaluation.Query().All(testCtx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[evaluation.Status]int{}
	for _, e := range evals {
		seen[e.Status]++
		if (e.Status == evaluation.StatusDRAFT) != (e.SubmittedAt == nil) {
			t.Errorf("evaluation %d: status %s, submitted at %v", e.ID, e.Status, e.SubmittedAt)
		}
	}
	for _, s := range []evaluation.Status{evaluation.StatusDRAFT, evaluation.StatusSUBMITTED, evaluation.StatusAPPROVED, evaluation.StatusPUBLISHED} {
		if seen[s] == 0 {
			t.Errorf("no evaluation in status %s", s)
		}
	}
}

// digest hashes every row of every table, in id order, all fields at full precision.
func digest(t *testing.T, client *ent.Client) string {
	t.Helper()
	ctx := testCtx
	h := sha256.New()
	write := func(rows []any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			h.Write(append(b, '\n'))
		}
	}
	write(strs(client.Department.Query().Order(ent.Asc("id")).All(ctx)))
	write(strs(client.DepartmentYear.Query().Order(ent.Asc("id")).All(ctx)))
	write(strs(client.MonthlyExecution.Query().Order(ent.Asc("id")).All(ctx)))
	write(strs(client.KeyTask.Query().Order(ent.Asc("id")).All(ctx)))
	write(strs(client.Project.Query().Order(ent.Asc("id")).All(ctx)))
	write(strs(client.Evaluation.Query().Order(ent.Asc("id")).All(ctx)))
	inds, err := client.Indicator.Query().Order(ent.Asc("id")).All(ctx)
	if len(inds) == 0 {
		t.Fatal("no indicators")
	}
	write(strs(inds, err))
	return hex.EncodeToString(h.Sum(nil))
}

func strs[T any](rows []T, err error) ([]any, error) {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = r
	}
	return out, err
}

func TestDeterminism(t *testing.T) {
	a := digest(t, generated(t, small(42)))
	b := digest(t, generated(t, small(42)))
	if a != b {
		t.Errorf("two generations from seed 42 differ: %s vs %s", a, b)
	}
	c := digest(t, generated(t, small(43)))
	if a == c {
		t.Errorf("seeds 42 and 43 give the same rows (%s)", a)
	}
}

func TestGenerateRefusesNonEmpty(t *testing.T) {
	client := generated(t, Config{Seed: 1, Departments: 3, Projects: 2, Indicators: 80, Year: 2023})
	if err := Generate(testCtx, client, small(1)); err == nil {
		t.Error("Generate into a non-empty database succeeded")
	}
}

func TestConfigErrors(t *testing.T) {
	ctx := testCtx
	for _, cfg := range []Config{
		{Seed: 1, Departments: 0, Projects: 0, Indicators: 0, Year: 2023},
		{Seed: 1, Departments: 30, Projects: 200, Indicators: 100, Year: 2023},  // too few for the projects
		{Seed: 1, Departments: 30, Projects: 2, Indicators: 100000, Year: 2023}, // too many per project
		{Seed: 1, Departments: 30, Projects: 200, Indicators: 3000, Year: 1999}, // bad year
	} {
		if err := Generate(ctx, open(t), cfg); err == nil {
			t.Errorf("Generate(%v) succeeded", cfg)
		}
	}
	// Small shapes still work: a lone root, a root with one district, no projects.
	for _, cfg := range []Config{
		{Seed: 1, Departments: 1, Projects: 0, Indicators: 18, Year: 2023},
		{Seed: 2, Departments: 2, Projects: 1, Indicators: 45, Year: 2023},
		{Seed: 3, Departments: 20, Projects: 0, Indicators: 400, Year: 2023},
	} {
		client := open(t)
		if err := Generate(ctx, client, cfg); err != nil {
			t.Errorf("Generate(%v): %v", cfg, err)
			continue
		}
		if n := client.Indicator.Query().CountX(ctx); n != cfg.Indicators {
			t.Errorf("Generate(%v): %d indicators", cfg, n)
		}
	}
}

func TestCached(t *testing.T) {
	ctx := testCtx
	dir := t.TempDir()
	cfg := Config{Seed: 5, Departments: 15, Projects: 40, Indicators: 800, Year: 2023}
	dsn, err := Cached(ctx, dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName(cfg))
	if dsn != DSN(path) {
		t.Errorf("Cached returned %q, want %q", dsn, DSN(path))
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Cached(ctx, dir, cfg)
	if err != nil || again != dsn {
		t.Fatalf("second Cached: %q, %v", again, err)
	}
	if fi2, err := os.Stat(path); err != nil || !fi2.ModTime().Equal(fi.ModTime()) {
		t.Errorf("second Cached rewrote the file")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("dir holds %v, want only %s", names, FileName(cfg))
	}
	client, err := ent.Open("sqlite3", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if n := client.Indicator.Query().CountX(ctx); n != cfg.Indicators {
		t.Errorf("cached file holds %d indicators, want %d", n, cfg.Indicators)
	}
	other := cfg
	other.Seed++
	if FileName(other) == FileName(cfg) {
		t.Error("FileName ignores the seed")
	}
}
