package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/audit"
	"jixiao/platform/auth"
	"jixiao/platform/store"
)

// The aggregates fixture: a city R with districts D1 (D1-A with unit D1-A-1, and
// D1-B) and D2 (D2-A); every department has 2022 and 2023 with an overall
// evaluation and five indicators; D1-A has a 2023 project whose evaluation is
// published while its year's is a draft. Overall evaluations of D2's subtree and of
// R are published in 2023; everything else is a draft.
var aggTree = []struct{ code, parent string }{
	{"R", ""}, {"D1", "R"}, {"D2", "R"}, {"D1-A", "D1"}, {"D1-B", "D1"}, {"D1-A-1", "D1-A"}, {"D2-A", "D2"},
}

// aggFact is one row of the fixture as the test knows it.
type aggFact struct {
	dept      string   // code
	chain     []string // codes from the root down
	year      int
	published bool // the row is readable signed out
	yearSeen  bool // its department-year is readable signed out
	keys      map[string]string
	values    map[string]*fixed.Decimal
}

type aggFixture struct {
	evaluations, indicators, years []aggFact
	deptID                         map[string]int
}

const aggEditorPassword = "aggregates editor pw 1"

// buildAggFixture writes the fixture into db before the server starts.
func buildAggFixture(t *testing.T, db string) *aggFixture {
	t.Helper()
	ctx := audit.Off(access.System(context.Background(), "aggregate test"))
	c, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fx := &aggFixture{deptID: map[string]int{}}
	parent := map[string]string{}
	for _, d := range aggTree {
		cr := c.Department.Create().SetCode(d.code).SetName("部门" + d.code)
		if d.parent != "" {
			cr.SetParentID(fx.deptID[d.parent])
			parent[d.code] = d.parent
		}
		fx.deptID[d.code] = cr.SaveX(ctx).ID
	}
	chain := func(code string) []string {
		var out []string
		for c := code; c != ""; c = parent[c] {
			out = append([]string{c}, out...)
		}
		return out
	}
	money := func(n int64) fixed.Decimal { return fixed.Decimal(n*1_000_000 + n*1237%1_000_000) } // millionths in every sum
	for i, d := range aggTree {
		for _, year := range []int{2022, 2023} {
			k := int64(i*10 + year - 2020)
			dy := c.DepartmentYear.Create().SetDepartmentID(fx.deptID[d.code]).SetYear(year).
				SetPersonnelBudget(money(500 + 3*k)).SetPersonnelActual(money(480 + 3*k)).
				SetPublicBudget(money(60 + k)).SetPublicActual(money(55 + k)).
				SetProjectBudget(money(300 + 7*k)).SetProjectActual(money(250 + 5*k)).
				SetCarryoverEnd(money(k)).SetBasicInitialBudget(money(540 + 2*k)).SaveX(ctx)
			published := year == 2023 && (d.code == "R" || strings.HasPrefix(d.code, "D2"))
			var inds []*ent.Indicator
			for j := range 5 {
				cr := c.Indicator.Create().SetDepartmentYearID(dy.ID).SetPosition(j).
					SetLevel1([]string{"产出指标", "效益指标"}[j%2]).SetLevel2([]string{"数量指标", "质量指标", "社会效益指标"}[j%3]).
					SetName(fmt.Sprintf("指标%d", j)).SetWeight(fixed.FromInt(int64(10 + j*5)))
				if j == 4 {
					cr.SetKind(indicator.KindQUALITATIVE).SetRating(indicator.RatingPARTIAL).SetRatedScore(fixed.MustParse("21"))
				} else {
					target := int64(80 + j*10)
					actual := target - int64((i*7+j*3+year)%25) + 5 // some above, some below target
					cr.SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).
						SetTarget(fixed.FromInt(target)).SetActual(fixed.FromInt(actual))
				}
				inds = append(inds, cr.SaveX(ctx))
			}
			status := evaluation.StatusDRAFT
			if published {
				status = evaluation.StatusPUBLISHED
			}
			ev := c.Evaluation.Create().SetDepartmentYearID(dy.ID).SetStatus(status).SaveX(ctx)
			base := aggFact{dept: d.code, chain: chain(d.code), year: year, published: published, yearSeen: published}
			dy = c.DepartmentYear.GetX(ctx, dy.ID)
			yf := base
			yf.values = map[string]*fixed.Decimal{"TOTAL_BUDGET": &dy.TotalBudget, "TOTAL_ACTUAL": &dy.TotalActual,
				"CARRYOVER_END": &dy.CarryoverEnd, "EXECUTION_RATE": dy.ExecutionRate, "BASIC_INITIAL_BUDGET": &dy.BasicInitialBudget}
			fx.years = append(fx.years, yf)
			ev = c.Evaluation.GetX(ctx, ev.ID)
			ef := base
			ef.keys = map[string]string{"GRADE": string(ev.Grade), "STATUS": string(ev.Status), "EVALUATION_KIND": "OVERALL"}
			ef.values = map[string]*fixed.Decimal{"SCORE": &ev.Score, "EXECUTION_RATE": ev.ExecutionRate}
			fx.evaluations = append(fx.evaluations, ef)
			for _, ind := range inds {
				ind = c.Indicator.GetX(ctx, ind.ID)
				f := base
				f.keys = map[string]string{"LEVEL1": ind.Level1, "LEVEL2": ind.Level2, "KIND": string(ind.Kind),
					"DEVIATION_REQUIRED": strconv.FormatBool(ind.DeviationRequired), "EVALUATION_KIND": "OVERALL"}
				w := ind.Weight
				f.values = map[string]*fixed.Decimal{"SCORE": &ind.Score, "ATTAINMENT": &ind.Attainment,
					"COMPLETION_RATE": ind.CompletionRate, "WEIGHT": &w}
				fx.indicators = append(fx.indicators, f)
			}
			if d.code == "D1-A" && year == 2023 {
				pr := c.Project.Create().SetDepartmentYearID(dy.ID).SetCode("P1").SetName("项目一").
					SetBudget(fixed.FromInt(100)).SetExecuted(fixed.MustParse("87.5")).SaveX(ctx)
				ind := c.Indicator.Create().SetDepartmentYearID(dy.ID).SetProjectID(pr.ID).SetPosition(0).
					SetLevel1("产出指标").SetLevel2("数量指标").SetName("项目指标").SetWeight(fixed.FromInt(90)).
					SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).
					SetTarget(fixed.FromInt(10)).SetActual(fixed.FromInt(9)).SaveX(ctx)
				pev := c.Evaluation.Create().SetDepartmentYearID(dy.ID).SetProjectID(pr.ID).SetStatus(evaluation.StatusPUBLISHED).SaveX(ctx)
				pev = c.Evaluation.GetX(ctx, pev.ID)
				pf := aggFact{dept: d.code, chain: chain(d.code), year: year, published: true, yearSeen: false,
					keys:   map[string]string{"GRADE": string(pev.Grade), "STATUS": string(pev.Status), "EVALUATION_KIND": "PROJECT"},
					values: map[string]*fixed.Decimal{"SCORE": &pev.Score, "EXECUTION_RATE": pev.ExecutionRate}}
				fx.evaluations = append(fx.evaluations, pf)
				ind = c.Indicator.GetX(ctx, ind.ID)
				w := ind.Weight
				fx.indicators = append(fx.indicators, aggFact{dept: d.code, chain: chain(d.code), year: year, published: true,
					keys: map[string]string{"LEVEL1": ind.Level1, "LEVEL2": ind.Level2, "KIND": string(ind.Kind),
						"DEVIATION_REQUIRED": strconv.FormatBool(ind.DeviationRequired), "EVALUATION_KIND": "PROJECT"},
					values: map[string]*fixed.Decimal{"SCORE": &ind.Score, "ATTAINMENT": &ind.Attainment,
						"COMPLETION_RATE": ind.CompletionRate, "WEIGHT": &w}})
			}
		}
	}
	d1 := fx.deptID["D1"]
	// The server creates its first administrator only in a database without users.
	if _, err := auth.CreateUser(ctx, c, auth.NewUser{Username: adminName, DisplayName: "管理员", Role: user.RoleADMIN, Password: adminPassword}); err != nil {
		t.Fatal(err)
	}
	if _, err := auth.CreateUser(ctx, c, auth.NewUser{Username: "aggeditor", DisplayName: "D1 填报", Role: user.RoleEDITOR,
		DepartmentID: &d1, Password: aggEditorPassword}); err != nil {
		t.Fatal(err)
	}
	return fx
}

// aggCaller is who asks, and which fixture rows they may read.
type aggCaller struct {
	name string
	c    *caller
	sees func(f aggFact) bool
	// yearSeen tells whether the row's year and department are known to the caller.
	yearSeen func(f aggFact) bool
	floor    string // the top of their subtree
}

func inD1(f aggFact) bool { return slices.Contains(f.chain, "D1") }

// aggStat is one measure's statistics as strings (or "null").
type aggStat struct {
	Count              int
	Sum, Avg, Min, Max *string
}

type aggGroup struct {
	Key           map[string]any
	Count         int
	Stats         []aggStat
	ExecutionRate *string
}

// oracle groups facts as the API should: keys from groupBy, department at depth.
func oracle(facts []aggFact, who aggCaller, groupBy, measures []string, depth int, places map[string]int32, rates map[string]bool) map[string]aggGroup {
	type acc struct {
		n      int
		count  []int
		sum    []decimal.Decimal
		lo, hi []*fixed.Decimal
		tb, ta decimal.Decimal
	}
	accs := map[string]*acc{}
	for _, f := range facts {
		if !who.sees(f) {
			continue
		}
		var parts []string
		for _, d := range groupBy {
			switch d {
			case "YEAR":
				if who.yearSeen(f) {
					parts = append(parts, strconv.Itoa(f.year))
				} else {
					parts = append(parts, "null")
				}
			case "DEPARTMENT":
				switch {
				case !who.yearSeen(f):
					parts = append(parts, "null")
				case depth == 0:
					parts = append(parts, f.dept)
				default:
					i := min(depth, len(f.chain)) - 1
					if who.floor != "" {
						i = max(i, slices.Index(f.chain, who.floor))
					}
					parts = append(parts, f.chain[i])
				}
			default:
				parts = append(parts, f.keys[d])
			}
		}
		k := strings.Join(parts, "|")
		a := accs[k]
		if a == nil {
			a = &acc{count: make([]int, len(measures)), sum: make([]decimal.Decimal, len(measures)),
				lo: make([]*fixed.Decimal, len(measures)), hi: make([]*fixed.Decimal, len(measures))}
			accs[k] = a
		}
		a.n++
		for i, m := range measures {
			v := f.values[m]
			if v == nil {
				continue
			}
			a.count[i]++
			a.sum[i] = a.sum[i].Add(v.Decimal())
			if a.lo[i] == nil || *v < *a.lo[i] {
				a.lo[i] = v
			}
			if a.hi[i] == nil || *v > *a.hi[i] {
				a.hi[i] = v
			}
		}
		if f.values["TOTAL_BUDGET"] != nil {
			a.tb = a.tb.Add(f.values["TOTAL_BUDGET"].Decimal())
			a.ta = a.ta.Add(f.values["TOTAL_ACTUAL"].Decimal())
		}
	}
	str := func(d *fixed.Decimal) *string {
		if d == nil {
			return nil
		}
		s := d.String()
		return &s
	}
	out := map[string]aggGroup{}
	for k, a := range accs {
		g := aggGroup{Count: a.n, Stats: []aggStat{}}
		for i, m := range measures {
			st := aggStat{Count: a.count[i], Min: str(a.lo[i]), Max: str(a.hi[i])}
			if a.count[i] > 0 {
				if !rates[m] {
					s := fixed.Round(a.sum[i]).String()
					st.Sum = &s
				}
				avg := fixed.Round(a.sum[i].DivRound(decimal.NewFromInt(int64(a.count[i])), places[m])).String()
				st.Avg = &avg
			}
			g.Stats = append(g.Stats, st)
		}
		if r, ok := scoring.ExecutionRate(a.ta, a.tb); ok {
			s := fixed.Round(r).String()
			g.ExecutionRate = &s
		}
		out[k] = g
	}
	return out
}

// apiGroups reads an aggregate answer into the oracle's shape.
func apiGroups(t *testing.T, raw json.RawMessage, groupBy []string) (map[string]aggGroup, []string) {
	t.Helper()
	var ans struct {
		TotalGroups int
		Groups      []aggGroup
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		t.Fatal(err)
	}
	out := map[string]aggGroup{}
	var order []string
	for _, g := range ans.Groups {
		var parts []string
		for _, d := range groupBy {
			field := map[string]string{"YEAR": "year", "DEPARTMENT": "department", "GRADE": "grade", "STATUS": "status",
				"EVALUATION_KIND": "evaluationKind", "LEVEL1": "level1", "LEVEL2": "level2", "KIND": "kind",
				"DEVIATION_REQUIRED": "deviationRequired"}[d]
			switch v := g.Key[field].(type) {
			case nil:
				parts = append(parts, "null")
			case map[string]any:
				parts = append(parts, v["code"].(string))
			case float64:
				parts = append(parts, strconv.Itoa(int(v)))
			default:
				parts = append(parts, fmt.Sprint(v))
			}
		}
		k := strings.Join(parts, "|")
		if _, dup := out[k]; dup {
			t.Errorf("key %s twice", k)
		}
		g.Key = nil
		out[k] = g
		order = append(order, k)
	}
	if ans.TotalGroups != len(ans.Groups) {
		t.Errorf("totalGroups %d, %d groups", ans.TotalGroups, len(ans.Groups))
	}
	return out, order
}

func TestAggregates(t *testing.T) { stores(t, aggregates) }

func aggregates(t *testing.T, db string) {
	fx := buildAggFixture(t, db)
	srv := startServer(t, db)
	srv.accounts["aggeditor"] = aggEditorPassword
	admin := srv.admin(t)
	var tok struct{ CreateAPIToken struct{ Token string } }
	must(t, admin, `mutation($d: ID) { createAPIToken(name: "D1 接口", departmentID: $d) { token } }`,
		map[string]any{"d": strconv.Itoa(fx.deptID["D1"])}, &tok)
	all := func(aggFact) bool { return true }
	callers := []aggCaller{
		{"admin", admin, all, all, ""},
		{"editor", srv.as(t, "aggeditor"), inD1, all, "D1"},
		{"scopedToken", srv.withToken(tok.CreateAPIToken.Token), inD1, all, "D1"},
		{"anonymous", srv.anonymous(), func(f aggFact) bool { return f.published }, func(f aggFact) bool { return f.yearSeen }, ""},
	}
	places := map[string]int32{"SCORE": 2, "EXECUTION_RATE": 2, "COMPLETION_RATE": 2, "WEIGHT": 2, "ATTAINMENT": 4,
		"TOTAL_BUDGET": 2, "TOTAL_ACTUAL": 2, "CARRYOVER_END": 2, "BASIC_INITIAL_BUDGET": 2}
	rates := map[string]bool{"EXECUTION_RATE": true, "COMPLETION_RATE": true, "CARRYOVER_RATE": true}
	stats := `count stats { measure count sum avg min max }`
	keys := `key { year department { id code name depth } grade status evaluationKind level1 level2 kind deviationRequired }`
	cases := []struct {
		name     string
		field    string
		args     string
		facts    []aggFact
		groupBy  []string
		measures []string
		depth    int
		only     func(aggFact) bool // the where filter, as the test applies it
		viaYear  bool               // the filter goes through the department-year, which must be visible
	}{
		{"evaluations of 2023 by department and grade", "evaluationAggregate",
			`groupBy: [DEPARTMENT, GRADE], measures: [SCORE, EXECUTION_RATE], where: {hasDepartmentYearWith: {year: 2023}}`,
			fx.evaluations, []string{"DEPARTMENT", "GRADE"}, []string{"SCORE", "EXECUTION_RATE"}, 0,
			func(f aggFact) bool { return f.year == 2023 }, true},
		{"evaluations by year, status and kind", "evaluationAggregate",
			`groupBy: [YEAR, STATUS, EVALUATION_KIND], measures: [SCORE]`,
			fx.evaluations, []string{"YEAR", "STATUS", "EVALUATION_KIND"}, []string{"SCORE"}, 0, nil, false},
		{"grade distribution under D1", "evaluationAggregate",
			fmt.Sprintf(`groupBy: [GRADE], where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {within: %d}}}`, fx.deptID["D1"]),
			fx.evaluations, []string{"GRADE"}, nil, 0,
			func(f aggFact) bool { return f.year == 2023 && inD1(f) && f.keys["EVALUATION_KIND"] == "OVERALL" }, true},
		{"indicators by level1, level2, kind", "indicatorAggregate",
			`groupBy: [LEVEL1, LEVEL2, KIND], measures: [ATTAINMENT, SCORE, WEIGHT, COMPLETION_RATE]`,
			fx.indicators, []string{"LEVEL1", "LEVEL2", "KIND"}, []string{"ATTAINMENT", "SCORE", "WEIGHT", "COMPLETION_RATE"}, 0, nil, false},
		{"indicators by year and evaluation kind", "indicatorAggregate",
			`groupBy: [YEAR, EVALUATION_KIND], measures: [SCORE]`,
			fx.indicators, []string{"YEAR", "EVALUATION_KIND"}, []string{"SCORE"}, 0, nil, false},
		{"deviation reasons needed per department", "indicatorAggregate",
			`groupBy: [DEPARTMENT], where: {deviationRequired: true}`,
			fx.indicators, []string{"DEPARTMENT"}, nil, 0, func(f aggFact) bool { return f.keys["DEVIATION_REQUIRED"] == "true" }, false},
		{"indicators per district", "indicatorAggregate",
			`groupBy: [DEPARTMENT, DEVIATION_REQUIRED], departmentDepth: 2, measures: [ATTAINMENT]`,
			fx.indicators, []string{"DEPARTMENT", "DEVIATION_REQUIRED"}, []string{"ATTAINMENT"}, 2, nil, false},
		{"budget per top-level department", "departmentYearAggregate",
			`groupBy: [DEPARTMENT, YEAR], departmentDepth: 1, measures: [TOTAL_BUDGET, TOTAL_ACTUAL, EXECUTION_RATE]`,
			fx.years, []string{"DEPARTMENT", "YEAR"}, []string{"TOTAL_BUDGET", "TOTAL_ACTUAL", "EXECUTION_RATE"}, 1, nil, false},
		{"budget per district", "departmentYearAggregate",
			`groupBy: [DEPARTMENT], departmentDepth: 2, measures: [TOTAL_ACTUAL, CARRYOVER_END, BASIC_INITIAL_BUDGET]`,
			fx.years, []string{"DEPARTMENT"}, []string{"TOTAL_ACTUAL", "CARRYOVER_END", "BASIC_INITIAL_BUDGET"}, 2, nil, false},
		{"everything in one group", "departmentYearAggregate",
			`groupBy: [], measures: [TOTAL_BUDGET]`, fx.years, nil, []string{"TOTAL_BUDGET"}, 0, nil, false},
	}
	for _, who := range callers {
		for _, tc := range cases {
			t.Run(who.name+"/"+tc.name, func(t *testing.T) {
				var out map[string]json.RawMessage
				extra := ""
				if tc.field == "departmentYearAggregate" {
					extra = " executionRate"
				}
				must(t, who.c, fmt.Sprintf(`{ %s(%s, first: 1000) { totalGroups groups { %s %s%s } } }`, tc.field, tc.args, keys, stats, extra), nil, &out)
				got, _ := apiGroups(t, out[tc.field], tc.groupBy)
				w := who
				if tc.only != nil {
					w.sees = func(f aggFact) bool { return who.sees(f) && tc.only(f) && (!tc.viaYear || who.yearSeen(f)) }
				}
				want := oracle(tc.facts, w, tc.groupBy, tc.measures, tc.depth, places, rates)
				if len(tc.groupBy) == 0 && len(want) == 0 {
					want = map[string]aggGroup{} // no row: no group
				}
				if tc.field != "departmentYearAggregate" {
					for k, g := range want {
						g.ExecutionRate = nil
						want[k] = g
					}
				}
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				if string(gj) != string(wj) {
					t.Errorf("got  %s\nwant %s", gj, wj)
				}
			})
		}
	}

	t.Run("ordered and limited", func(t *testing.T) {
		var out map[string]json.RawMessage
		must(t, admin, `{ indicatorAggregate(groupBy: [LEVEL2], measures: [ATTAINMENT], orderBy: {field: AVG, measure: ATTAINMENT, direction: ASC}, first: 2) {
			totalGroups groups { key { level2 } count stats { avg } } } }`, nil, &out)
		var ans struct {
			TotalGroups int
			Groups      []struct {
				Key   struct{ Level2 string }
				Stats []struct{ Avg string }
			}
		}
		if err := json.Unmarshal(out["indicatorAggregate"], &ans); err != nil {
			t.Fatal(err)
		}
		want := oracle(fx.indicators, callers[0], []string{"LEVEL2"}, []string{"ATTAINMENT"}, 0, places, rates)
		type kv struct {
			k   string
			avg decimal.Decimal
		}
		var sorted []kv
		for k, g := range want {
			sorted = append(sorted, kv{k, decimal.RequireFromString(*g.Stats[0].Avg)})
		}
		slices.SortFunc(sorted, func(a, b kv) int { return cmpOr(a.avg.Cmp(b.avg), strings.Compare(a.k, b.k)) })
		if ans.TotalGroups != len(want) || len(ans.Groups) != 2 {
			t.Fatalf("totalGroups %d, %d groups; want %d and 2", ans.TotalGroups, len(ans.Groups), len(want))
		}
		for i, g := range ans.Groups {
			if g.Key.Level2 != sorted[i].k || !decimal.RequireFromString(g.Stats[0].Avg).Equal(sorted[i].avg) {
				t.Errorf("group %d: %s %s, want %s %s", i, g.Key.Level2, g.Stats[0].Avg, sorted[i].k, sorted[i].avg.StringFixed(4))
			}
		}
	})

	t.Run("year on year", func(t *testing.T) {
		for _, who := range callers {
			var out map[string]json.RawMessage
			must(t, who.c, `{ evaluationYearOnYear(year: 2023, against: 2022, groupBy: [DEPARTMENT], measure: SCORE, orderBy: {field: CHANGE, stat: AVG, direction: DESC}) {
				year against totalGroups groups { key { department { code } } current { count avg } previous { count avg } change { count avg } } } }`, nil, &out)
			var ans struct {
				Groups []struct {
					Key struct {
						Department *struct{ Code string }
					}
					Current, Previous struct {
						Count int
						Avg   *string
					}
					Change struct {
						Count int
						Avg   *string
					}
				}
			}
			if err := json.Unmarshal(out["evaluationYearOnYear"], &ans); err != nil {
				t.Fatal(err)
			}
			cur := oracle(fx.evaluations, aggCaller{sees: func(f aggFact) bool { return who.sees(f) && f.year == 2023 }, yearSeen: who.yearSeen},
				[]string{"DEPARTMENT"}, []string{"SCORE"}, 0, places, rates)
			prev := oracle(fx.evaluations, aggCaller{sees: func(f aggFact) bool { return who.sees(f) && f.year == 2022 && who.yearSeen(f) }, yearSeen: who.yearSeen},
				[]string{"DEPARTMENT"}, []string{"SCORE"}, 0, places, rates)
			delete(cur, "null") // a hidden year is in neither year
			keys := map[string]bool{}
			for k := range cur {
				keys[k] = true
			}
			for k := range prev {
				keys[k] = true
			}
			if len(ans.Groups) != len(keys) {
				t.Fatalf("%s: %d groups, want %d", who.name, len(ans.Groups), len(keys))
			}
			var lastChange *decimal.Decimal
			for _, g := range ans.Groups {
				k := g.Key.Department.Code
				c, p := cur[k], prev[k]
				if g.Current.Count != c.Count || g.Previous.Count != p.Count || g.Change.Count != c.Count-p.Count {
					t.Errorf("%s %s: counts %d %d %d, want %d %d", who.name, k, g.Current.Count, g.Previous.Count, g.Change.Count, c.Count, p.Count)
				}
				if c.Count > 0 && p.Count > 0 {
					ch := decimal.RequireFromString(*c.Stats[0].Avg).Sub(decimal.RequireFromString(*p.Stats[0].Avg))
					if *g.Current.Avg != *c.Stats[0].Avg || *g.Previous.Avg != *p.Stats[0].Avg || g.Change.Avg == nil ||
						!decimal.RequireFromString(*g.Change.Avg).Equal(ch) {
						t.Errorf("%s %s: %v %v %v, want %s %s", who.name, k, *g.Current.Avg, *g.Previous.Avg, g.Change.Avg, *c.Stats[0].Avg, *p.Stats[0].Avg)
					}
					if lastChange != nil && ch.GreaterThan(*lastChange) {
						t.Errorf("%s: not ordered by change, descending", who.name)
					}
					lastChange = &ch
				} else if g.Change.Avg != nil {
					t.Errorf("%s %s: a change with an empty year", who.name, k)
				}
			}
		}
	})

	t.Run("hidden rows answer as missing ones", func(t *testing.T) {
		for _, q := range []struct {
			who   aggCaller
			query string
		}{
			{callers[1], `{ a: evaluationAggregate(groupBy: [], measures: [SCORE], where: {hasDepartmentYearWith: {hasDepartmentWith: {codeIn: ["D2", "D2-A"]}}}) { totalGroups } }`},
			{callers[1], `{ a: evaluationAggregate(groupBy: [DEPARTMENT], departmentDepth: 1, where: {hasDepartmentYearWith: {hasDepartmentWith: {code: "R"}}}) { totalGroups } }`},
			{callers[2], `{ a: indicatorAggregate(groupBy: [DEPARTMENT], where: {hasDepartmentYearWith: {hasDepartmentWith: {hasParentWith: {code: "D2"}}}}) { totalGroups } }`},
			{callers[2], `{ a: departmentYearOnYear(year: 2023, against: 2022, groupBy: [DEPARTMENT], measure: TOTAL_BUDGET, where: {hasDepartmentWith: {codeIn: ["R", "D2", "D2-A"]}}) { totalGroups } }`},
			{callers[3], `{ a: evaluationAggregate(groupBy: [STATUS], where: {statusNEQ: PUBLISHED}) { totalGroups } }`},
			{callers[3], `{ a: departmentYearAggregate(groupBy: [YEAR], where: {year: 2022}) { totalGroups } }`},
			{callers[3], `{ a: indicatorYearOnYear(year: 2023, against: 2022, groupBy: [], measure: SCORE, where: {hasDepartmentYearWith: {year: 2022}}) { totalGroups } }`},
		} {
			var out struct{ A struct{ TotalGroups int } }
			must(t, q.who.c, q.query, nil, &out)
			if out.A.TotalGroups != 0 {
				t.Errorf("%s: %d groups from hidden rows: %s", q.who.name, out.A.TotalGroups, q.query)
			}
		}
	})

	t.Run("bad input", func(t *testing.T) {
		for _, q := range []struct{ query, field string }{
			{`{ evaluationAggregate(groupBy: [DEPARTMENT], departmentDepth: 0) { totalGroups } }`, "departmentDepth"},
			{`{ evaluationAggregate(groupBy: [GRADE], departmentDepth: 2) { totalGroups } }`, "departmentDepth"},
			{`{ evaluationAggregate(groupBy: [GRADE, GRADE]) { totalGroups } }`, "groupBy"},
			{`{ evaluationAggregate(groupBy: [GRADE], measures: [SCORE, SCORE]) { totalGroups } }`, "measures"},
			{`{ evaluationAggregate(groupBy: [GRADE], measures: [EXECUTION_RATE], orderBy: {field: SUM, measure: EXECUTION_RATE}) { totalGroups } }`, "orderBy"},
			{`{ evaluationAggregate(groupBy: [GRADE], orderBy: {field: AVG, measure: SCORE}) { totalGroups } }`, "orderBy.measure"},
			{`{ evaluationAggregate(groupBy: [GRADE], orderBy: {field: AVG}) { totalGroups } }`, "orderBy.measure"},
			{`{ indicatorAggregate(groupBy: [LEVEL1], first: 1001) { totalGroups } }`, "first"},
			{`{ evaluationYearOnYear(year: 2023, against: 2022, groupBy: [YEAR], measure: SCORE) { totalGroups } }`, "groupBy"},
			{`{ evaluationYearOnYear(year: 2023, against: 2023, groupBy: [], measure: SCORE) { totalGroups } }`, "against"},
		} {
			r := post(t, admin, q.query, nil)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != q.field {
				t.Errorf("%s: %+v, want BAD_USER_INPUT on %s", q.query, r.Errors, q.field)
			}
		}
	})
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}
