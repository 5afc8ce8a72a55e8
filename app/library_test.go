package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The indicator library (指标库) and starting a year from the last, through the API,
// on the demo's seed (the office 440115-001, its editor, and the bureau's common library).

const (
	libraryFields = `id version scope status reviewComment departmentID level1 level2 name kind operator unit scoringCriteria binding
		targetMin targetMax weight tags usageCount viewerCan { edit propose review } transitions { from to comment actorName }`
	createLibrary  = `mutation($in: CreateLibraryIndicatorInput!, $p: Boolean) { createLibraryIndicator(input: $in, propose: $p) { ` + libraryFields + ` } }`
	updateLibrary  = `mutation($id: ID!, $in: UpdateLibraryIndicatorInput!) { updateLibraryIndicator(id: $id, input: $in) { ` + libraryFields + ` } }`
	proposeLibrary = `mutation($id: ID!) { proposeLibraryIndicator(id: $id) { ` + libraryFields + ` } }`
	approveLibrary = `mutation($id: ID!, $c: String) { approveLibraryIndicator(id: $id, comment: $c) { ` + libraryFields + ` } }`
	returnLibrary  = `mutation($id: ID!, $c: String!) { returnLibraryIndicator(id: $id, comment: $c) { ` + libraryFields + ` } }`
	deleteLibrary  = `mutation($id: ID!) { deleteLibraryIndicator(id: $id) }`
	proposeFrom    = `mutation($id: ID!, $tags: [String!]) { proposeIndicatorToLibrary(indicatorID: $id, tags: $tags) { ` + libraryFields + ` } }`
	addFromLibrary = `mutation($y: ID!, $p: ID, $ids: [ID!]!) { addIndicatorsFromLibrary(departmentYearID: $y, projectID: $p, libraryIDs: $ids) {
		id position level1 level2 name kind operator target unit weight binding scoringCriteria actual effectiveActual libraryIndicator { id } } }`
	listLibrary = `query($w: LibraryIndicatorWhereInput) { libraryIndicators(first: 1000, where: $w, orderBy: [{field: NAME}]) { totalCount edges { node { ` + libraryFields + ` } } } }`
)

// entry is a library entry as the API answers it.
type entry struct {
	ID, Scope, Status, ReviewComment, Level1, Level2, Name, Kind, Unit, ScoringCriteria string
	Version                                                                             int
	DepartmentID, Operator, Binding, TargetMin, TargetMax, Weight                       *string
	Tags                                                                                []string
	UsageCount                                                                          int
	ViewerCan                                                                           struct{ Edit, Propose, Review bool }
	Transitions                                                                         []struct{ From, To, Comment, ActorName string }
}

// one decodes the single entry a mutation answered.
func one(t *testing.T, r gqlResponse) entry {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	var out map[string]entry
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	for _, e := range out {
		return e
	}
	t.Fatal("no entry")
	return entry{}
}

func entries(t *testing.T, c *caller, where map[string]any) []entry {
	t.Helper()
	var out struct {
		LibraryIndicators struct {
			TotalCount int
			Edges      []struct{ Node entry }
		}
	}
	must(t, c, listLibrary, map[string]any{"w": where}, &out)
	var es []entry
	for _, e := range out.LibraryIndicators.Edges {
		es = append(es, e.Node)
	}
	return es
}

func names(es []entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}

// refused checks that r failed with code (and, when given, field and reason) and returns the first error.
func refused(t *testing.T, step string, r gqlResponse, code, field, reason string) gqlError {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Errorf("%s: accepted, want %s", step, code)
		return gqlError{}
	}
	e := r.Errors[0]
	got := func(k string) string { s, _ := e.Extensions[k].(string); return s }
	if got("code") != code || (field != "" && got("field") != field) || (reason != "" && got("reason") != reason) {
		t.Errorf("%s: %s (field %q, reason %q) %q; want %s field %q reason %q", step, got("code"), got("field"), got("reason"), e.Message, code, field, reason)
	}
	return e
}

// seedIDs are the ids a library test needs from the demo's seed.
type seedIDs struct {
	office, neighbour, officeYear, neighbourYear string
	projects                                     []string          // the office's 2023 projects, by code
	indicators                                   map[string]string // the office's 2023 overall indicators by name
}

func seed(t *testing.T, admin *caller) seedIDs {
	t.Helper()
	var out struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					ID         string
					Department struct{ ID, Code string }
					Projects   struct {
						Edges []struct{ Node struct{ ID, Code string } }
					}
					Indicators struct {
						Edges []struct{ Node struct{ ID, Name string } }
					}
				}
			}
		}
	}
	must(t, admin, `{ departmentYears(where: {year: 2023, hasDepartmentWith: {codeIn: ["440115-001", "440115-002"]}}) { edges { node {
		id department { id code } projects(orderBy: [{field: CODE}]) { edges { node { id code } } }
		indicators(first: 100, where: {hasProject: false}) { edges { node { id name } } } } } } }`, nil, &out)
	s := seedIDs{indicators: map[string]string{}}
	for _, e := range out.DepartmentYears.Edges {
		n := e.Node
		if n.Department.Code == officeCode {
			s.office, s.officeYear = n.Department.ID, n.ID
			for _, p := range n.Projects.Edges {
				s.projects = append(s.projects, p.Node.ID)
			}
			for _, i := range n.Indicators.Edges {
				s.indicators[i.Node.Name] = i.Node.ID
			}
		} else {
			s.neighbour, s.neighbourYear = n.Department.ID, n.ID
		}
	}
	if s.office == "" || s.neighbour == "" || len(s.projects) != 3 || len(s.indicators) != 18 {
		t.Fatalf("the seed: %+v", s)
	}
	return s
}

// TestLibrary: who reads and keeps the library, its search in Chinese on both
// stores, a department's proposal through return and approval with every step
// recorded, proposing an indicator, and what a delete leaves.
func TestLibrary(t *testing.T) { stores(t, libraryAPI) }

func libraryAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor, analyst, anon := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor"), srv.as(t, "analyst"), srv.anonymous()
	s := seed(t, admin)

	common := entries(t, editor, nil)
	if len(common) != 36 {
		t.Fatalf("the editor reads %d entries, want the 36 common ones", len(common))
	}
	refused(t, "anonymous reads the library", post(t, anon, listLibrary, nil), "UNAUTHENTICATED", "", "")

	t.Run("search", func(t *testing.T) {
		// Each filter's answer is what the same test over every entry gives.
		contains := func(e entry, w string) bool {
			w = strings.ToLower(w)
			if strings.Contains(strings.ToLower(e.Name+"\x00"+e.Level1+"\x00"+e.Level2+"\x00"+e.ScoringCriteria), w) {
				return true
			}
			return slices.ContainsFunc(e.Tags, func(tag string) bool { return strings.Contains(strings.ToLower(tag), w) })
		}
		for _, tt := range []struct {
			name  string
			where map[string]any
			want  func(entry) bool
			n     int // the count, as a check of the oracle itself
		}{
			{"a name's word", map[string]any{"search": "满意度"}, func(e entry) bool { return contains(e, "满意度") }, 2},
			{"two words, both", map[string]any{"search": "预算  执行"}, func(e entry) bool { return contains(e, "预算") && contains(e, "执行") }, 3},
			{"a tag's part", map[string]any{"search": "卫生"}, func(e entry) bool { return contains(e, "卫生") }, 1},
			{"a literal %, not a wildcard", map[string]any{"search": "%"}, func(e entry) bool { return contains(e, "%") }, 13},
			{"a literal _", map[string]any{"search": "_"}, func(e entry) bool { return false }, 0},
			{"every tag", map[string]any{"tagsAll": []string{"项目", "时效"}}, func(e entry) bool {
				return slices.Contains(e.Tags, "项目") && slices.Contains(e.Tags, "时效")
			}, 3},
			{"a tag and a word", map[string]any{"tagsAll": []string{"教育"}, "search": "学位"}, func(e entry) bool {
				return slices.Contains(e.Tags, "教育") && contains(e, "学位")
			}, 1},
			{"generated: nameContainsFold", map[string]any{"nameContainsFold": "性", "kind": "QUALITATIVE"}, func(e entry) bool {
				return strings.Contains(e.Name, "性") && e.Kind == "QUALITATIVE"
			}, 5},
			{"generated: level1 and a binding", map[string]any{"level1": "管理效率", "bindingNotNil": true}, func(e entry) bool {
				return e.Level1 == "管理效率" && e.Binding != nil
			}, 5},
		} {
			var want []entry
			for _, e := range common {
				if tt.want(e) {
					want = append(want, e)
				}
			}
			got := entries(t, editor, tt.where)
			if !slices.Equal(names(got), names(want)) || len(want) != tt.n {
				t.Errorf("%s: %v, want %v (%d)", tt.name, names(got), names(want), tt.n)
			}
		}
		var tags struct{ LibraryTags []string }
		must(t, editor, `{ libraryTags }`, nil, &tags)
		if len(tags.LibraryTags) < 10 || tags.LibraryTags[0] != "项目" || !slices.Contains(tags.LibraryTags, "教育") {
			t.Errorf("libraryTags: %v, want 项目 (the most used) first", tags.LibraryTags)
		}
	})

	quantitative := func(name, dept string) map[string]any {
		return map[string]any{"scope": "DEPARTMENT", "departmentID": dept, "level1": " 履职效能 ", "level2": "产出", "name": name,
			"kind": "QUANTITATIVE", "operator": "GE", "unit": "次", "targetMin": "20", "targetMax": "30",
			"scoringCriteria": "完成值达到指标值的得满分。", "tags": []string{" 办公室 ", "办公室", "", "督查"}}
	}

	t.Run("who keeps it", func(t *testing.T) {
		draft := one(t, post(t, editor, createLibrary, map[string]any{"in": quantitative("督查通报次数", s.office)}))
		if draft.Scope != "DEPARTMENT" || draft.Status != "DRAFT" || draft.Level1 != "履职效能" || !slices.Equal(draft.Tags, []string{"办公室", "督查"}) ||
			!draft.ViewerCan.Edit || !draft.ViewerCan.Propose || draft.ViewerCan.Review || len(draft.Transitions) != 0 {
			t.Errorf("the editor's draft: %+v", draft)
		}
		for _, tt := range []struct {
			name  string
			as    *caller
			in    map[string]any
			code  string
			field string
		}{
			{"an editor, for another department", editor, quantitative("x", s.neighbour), "FORBIDDEN", ""},
			{"an editor, to the common library", editor, with(quantitative("x", s.office), map[string]any{"scope": "COMMON"}), "FORBIDDEN", ""},
			{"an analyst", analyst, quantitative("x", s.office), "FORBIDDEN", ""},
			{"without a typical target", editor, with(quantitative("x", s.office), map[string]any{"targetMin": nil, "targetMax": nil}), "BAD_USER_INPUT", "targetMin"},
			{"a range upside down", editor, with(quantitative("x", s.office), map[string]any{"targetMin": "40"}), "BAD_USER_INPUT", "targetMax"},
			{"a qualitative one with an operator", editor, with(quantitative("x", s.office), map[string]any{"kind": "QUALITATIVE", "targetMin": nil, "targetMax": nil}), "BAD_USER_INPUT", "operator"},
			{"a department's without its department", admin, with(quantitative("x", s.office), map[string]any{"departmentID": nil}), "BAD_USER_INPUT", "departmentID"},
			{"a tag too long", editor, with(quantitative("x", s.office), map[string]any{"tags": []string{strings.Repeat("长", 21)}}), "BAD_USER_INPUT", "tags"},
			{"a common entry twice", admin, with(quantitative("业务岗位培训人数", s.office), map[string]any{"scope": "COMMON", "unit": "人次"}), "CONFLICT", "name"},
		} {
			refused(t, tt.name, post(t, tt.as, createLibrary, map[string]any{"in": tt.in}), tt.code, tt.field, "")
		}
		// The bureau's own common entry is in the library at once; the neighbour's entry is hidden from the office.
		made := one(t, post(t, reviewer, createLibrary, map[string]any{"in": with(quantitative("督查督办满意度", s.office),
			map[string]any{"scope": "COMMON", "departmentID": nil, "unit": "%", "targetMin": "90", "targetMax": "95"})}))
		if made.Scope != "COMMON" || made.Status != "APPROVED" {
			t.Errorf("the reviewer's common entry: %+v", made)
		}
		theirs := one(t, post(t, admin, createLibrary, map[string]any{"in": quantitative("预算评审质量", s.neighbour)}))
		if got := entries(t, editor, map[string]any{"idIn": []string{theirs.ID, made.ID, draft.ID}}); !slices.Equal(names(got), []string{"督查督办满意度", "督查通报次数"}) {
			t.Errorf("the editor reads %v of the three new entries", names(got))
		}
		if got := entries(t, analyst, map[string]any{"idIn": []string{theirs.ID, made.ID, draft.ID}}); len(got) != 3 {
			t.Errorf("the analyst reads %v of the three new entries", names(got))
		}
		missing := fmt.Sprint(atoi(t, theirs.ID) + 100000)
		a, b := post(t, editor, updateLibrary, map[string]any{"id": theirs.ID, "in": map[string]any{"unit": "项"}}),
			post(t, editor, updateLibrary, map[string]any{"id": missing, "in": map[string]any{"unit": "项"}})
		if normalized(a, theirs.ID) != normalized(b, missing) || outcome(a) != "FORBIDDEN" {
			t.Errorf("another department's entry and a missing one answer differently: %s / %s", normalized(a, theirs.ID), normalized(b, missing))
		}
	})

	t.Run("a proposal, returned and approved", func(t *testing.T) {
		e := one(t, post(t, editor, createLibrary, map[string]any{"in": quantitative("督查件按期办结率", s.office), "p": true}))
		if e.Status != "PROPOSED" || e.ViewerCan.Edit || e.ViewerCan.Propose || len(e.Transitions) != 1 {
			t.Fatalf("the new proposal: %+v", e)
		}
		refused(t, "the editor changes a proposal", post(t, editor, updateLibrary, map[string]any{"id": e.ID, "in": map[string]any{"unit": "%"}}), "FORBIDDEN", "", "")
		refused(t, "the editor approves", post(t, editor, approveLibrary, map[string]any{"id": e.ID}), "FORBIDDEN", "", "")
		refused(t, "the analyst returns", post(t, analyst, returnLibrary, map[string]any{"id": e.ID, "c": "否"}), "FORBIDDEN", "", "")
		refused(t, "a return without a comment", post(t, reviewer, returnLibrary, map[string]any{"id": e.ID, "c": " "}), "BAD_USER_INPUT", "comment", "")
		var can struct {
			Node struct {
				ViewerCan struct{ Edit, Propose, Review bool }
			}
		}
		must(t, reviewer, `query($id: ID!) { node(id: $id) { ... on LibraryIndicator { viewerCan { edit propose review } } } }`, map[string]any{"id": e.ID}, &can)
		if !can.Node.ViewerCan.Review {
			t.Errorf("the reviewer may not review the proposal: %+v", can)
		}
		e = one(t, post(t, reviewer, returnLibrary, map[string]any{"id": e.ID, "c": "请将单位改为百分比"}))
		if e.Status != "RETURNED" || e.ReviewComment != "请将单位改为百分比" || e.Scope != "DEPARTMENT" {
			t.Errorf("returned: %+v", e)
		}
		refused(t, "approving a returned entry", post(t, admin, approveLibrary, map[string]any{"id": e.ID}), "BAD_USER_INPUT", "id", "")
		e = one(t, post(t, editor, updateLibrary, map[string]any{"id": e.ID, "in": map[string]any{"unit": "%", "targetMin": "95", "targetMax": "100",
			"appendTags": []string{"督查", " 时效 "}}}))
		if !slices.Equal(e.Tags, []string{"办公室", "督查", "时效"}) {
			t.Errorf("tags appended: %v", e.Tags)
		}
		refused(t, "appending too many tags", post(t, editor, updateLibrary, map[string]any{"id": e.ID,
			"in": map[string]any{"appendTags": []string{"一", "二", "三", "四", "五", "六", "七", "八"}}}), "BAD_USER_INPUT", "tags", "TOO_LARGE")
		e = one(t, post(t, editor, proposeLibrary, map[string]any{"id": e.ID}))
		e = one(t, post(t, admin, approveLibrary, map[string]any{"id": e.ID, "c": "同意"}))
		if e.Status != "APPROVED" || e.Scope != "COMMON" || e.DepartmentID == nil || *e.DepartmentID != s.office || e.Unit != "%" {
			t.Errorf("approved: %+v", e)
		}
		type step struct{ From, To, Comment, ActorName string }
		var steps []step
		for _, tr := range e.Transitions {
			steps = append(steps, step(tr))
		}
		want := []step{{"DRAFT", "PROPOSED", "", "editor"}, {"PROPOSED", "RETURNED", "请将单位改为百分比", "reviewer"},
			{"RETURNED", "PROPOSED", "", "editor"}, {"PROPOSED", "APPROVED", "同意", adminName}}
		if !slices.Equal(steps, want) {
			t.Errorf("transitions: %+v\nwant %+v", steps, want)
		}
		refused(t, "the editor changes an approved entry", post(t, editor, updateLibrary, map[string]any{"id": e.ID, "in": map[string]any{"unit": "次"}}), "FORBIDDEN", "", "")
		if got := entries(t, srv.as(t, "editor"), map[string]any{"scope": "COMMON", "search": "督查件"}); len(got) != 1 {
			t.Errorf("the approved entry is not in the common library: %v", names(got))
		}
	})

	t.Run("proposing an indicator", func(t *testing.T) {
		e := one(t, post(t, editor, proposeFrom, map[string]any{"id": s.indicators["会议参与人数"], "tags": []string{"会务"}}))
		if e.Status != "PROPOSED" || e.Scope != "DEPARTMENT" || *e.DepartmentID != s.office || e.Name != "会议参与人数" ||
			*e.TargetMin != "900.00" || *e.TargetMax != "900.00" || *e.Weight != "6.00" || e.Unit != "人次" ||
			!strings.Contains(e.ScoringCriteria, "完成值达到指标值的得满分") || !slices.Equal(e.Tags, []string{"会务"}) {
			t.Errorf("the proposal: %+v", e)
		}
		refused(t, "proposing it again", post(t, editor, proposeFrom, map[string]any{"id": s.indicators["会议参与人数"]}), "CONFLICT", "indicatorID", "")
		refused(t, "proposing what the library has", post(t, editor, proposeFrom, map[string]any{"id": s.indicators["业务岗位培训人数"]}), "CONFLICT", "indicatorID", "")
		refused(t, "a qualitative one, from the analyst", post(t, analyst, proposeFrom, map[string]any{"id": s.indicators["预算编制规范性"]}), "FORBIDDEN", "", "")
	})

	t.Run("delete", func(t *testing.T) {
		used := common[slices.IndexFunc(common, func(e entry) bool { return e.Name == "预算资金支出率" })]
		r := refused(t, "an entry indicators were made from", post(t, admin, deleteLibrary, map[string]any{"id": used.ID}), "BAD_USER_INPUT", "id", "")
		if refs, _ := r.Extensions["references"].([]any); len(refs) != 1 || !strings.Contains(r.Message, "2 indicators") {
			t.Errorf("the refusal: %s %v", r.Message, r.Extensions["references"])
		}
		e := one(t, post(t, editor, createLibrary, map[string]any{"in": quantitative("临时指标", s.office), "p": true}))
		e = one(t, post(t, reviewer, returnLibrary, map[string]any{"id": e.ID, "c": "重复"}))
		must(t, editor, deleteLibrary, map[string]any{"id": e.ID}, nil)
		refused(t, "the deleted entry", post(t, admin, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": e.ID}), "NOT_FOUND", "", "")
	})
}

// added is an indicator as addIndicatorsFromLibrary answers it.
type added struct {
	ID, Level1, Level2, Name, Kind, Unit, Weight, ScoringCriteria string
	Position                                                      int
	Operator, Target, Binding, Actual, EffectiveActual            *string
	LibraryIndicator                                              *struct{ ID string }
}

// TestAddIndicatorsFromLibrary: an editor adds library entries to the office's year
// and to a project in one step: each at the end of its level-2 group, with the
// entry's words and typical target; all or nothing; the caller's rules and locks;
// where the entries are used, as each caller may see it.
func TestAddIndicatorsFromLibrary(t *testing.T) { stores(t, addFromLibraryAPI) }

func addFromLibraryAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, editor := srv.admin(t), srv.as(t, "editor")
	s := seed(t, admin)
	lib := map[string]entry{}
	for _, e := range entries(t, editor, nil) {
		lib[e.Name] = e
	}
	ids := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, lib[n].ID)
		}
		return out
	}
	add := func(c *caller, year, project string, names ...string) gqlResponse {
		vars := map[string]any{"y": year, "ids": ids(names...)}
		if project != "" {
			vars["p"] = project
		}
		return post(t, c, addFromLibrary, vars)
	}
	overall := func() []added {
		var out struct {
			Node struct {
				Indicators struct{ Edges []struct{ Node added } }
			}
		}
		must(t, admin, `query($id: ID!) { node(id: $id) { ... on DepartmentYear { indicators(first: 100, where: {hasProject: false}, orderBy: [{field: POSITION}]) {
			edges { node { id position level1 level2 name } } } } } }`, map[string]any{"id": s.officeYear}, &out)
		var rows []added
		for _, e := range out.Node.Indicators.Edges {
			rows = append(rows, e.Node)
		}
		return rows
	}

	r := add(editor, s.officeYear, "", "业务岗位培训人数", "服务对象满意度", "群众满意度", "结转结余率")
	var out struct{ AddIndicatorsFromLibrary []added }
	if len(r.Errors) > 0 {
		t.Fatalf("adding: %+v", r.Errors)
	}
	_ = json.Unmarshal(r.Data, &out)
	got := out.AddIndicatorsFromLibrary
	if len(got) != 4 {
		t.Fatalf("added %d indicators, want 4", len(got))
	}
	for i, tt := range []struct {
		name                     string
		position                 int
		target, weight, operator string
		binding                  string
	}{
		{"业务岗位培训人数", 4, "50.00", "1.00", "GE", ""},             // the end of 履职效能/产出 (positions 1–4); no weight suggested
		{"服务对象满意度", 19, "85.00", "10.00", "GE", ""},            // a new group after the 18 there are: the range's low end for ≥
		{"群众满意度", 19, "85.00", "10.00", "GE", ""},              // the same new group
		{"结转结余率", 12, "10.00", "5.00", "LE", "CARRYOVER_RATE"}, // 管理效率/预算执行 ends at 12: the high end for ≤
	} {
		g, e := got[i], lib[tt.name]
		if g.Name != tt.name || g.Position != tt.position || g.Level1 != e.Level1 || g.Level2 != e.Level2 || g.Kind != e.Kind || g.Unit != e.Unit ||
			g.ScoringCriteria != e.ScoringCriteria || deref(g.Target) != tt.target || g.Weight != tt.weight || deref(g.Operator) != tt.operator ||
			deref(g.Binding) != tt.binding || g.Actual != nil || g.LibraryIndicator == nil || g.LibraryIndicator.ID != e.ID {
			t.Errorf("%s: %+v", tt.name, g)
		}
	}
	if got[3].EffectiveActual == nil || *got[3].EffectiveActual != "0.250355" { // 4.58 / 1829.40
		t.Errorf("the bound indicator's actual is the year's carry-over rate: %v", got[3].EffectiveActual)
	}
	// In position order (ties by id), each new row follows its group's last one.
	var order []string
	for _, in := range overall() {
		order = append(order, in.ID)
	}
	for _, pair := range [][2]string{
		{s.indicators["后勤保障服务完成及时性"], got[0].ID}, {got[0].ID, s.indicators["成果被采纳应用率"]},
		{s.indicators["财务管理合规性"], got[3].ID}, {got[3].ID, s.indicators["预决算及绩效信息公开"]},
		{s.indicators["三公经费控制率"], got[1].ID}, {got[1].ID, got[2].ID},
	} {
		if a := slices.Index(order, pair[0]); a < 0 || slices.Index(order, pair[1]) != a+1 {
			t.Errorf("indicator %s should follow %s: %v", pair[1], pair[0], order)
		}
	}

	// All or nothing; the rules of createIndicator; an entry the editor may not read is missing.
	theirs := one(t, post(t, admin, createLibrary, map[string]any{"in": map[string]any{"scope": "DEPARTMENT", "departmentID": s.neighbour,
		"level1": "产出指标", "level2": "数量指标", "name": "预算评审项目数", "kind": "QUANTITATIVE", "operator": "GE", "targetMin": "40"}}))
	before := len(overall())
	for _, tt := range []struct {
		name                string
		as                  *caller
		vars                map[string]any
		code, field, reason string
	}{
		{"a bound entry on a project", editor, map[string]any{"y": s.officeYear, "p": s.projects[0], "ids": ids("服务对象满意度", "预算资金支出率")}, "BAD_USER_INPUT", "libraryIDs[1]", ""},
		{"an entry twice", editor, map[string]any{"y": s.officeYear, "ids": ids("群众满意度", "群众满意度")}, "BAD_USER_INPUT", "libraryIDs[1]", ""},
		{"none", editor, map[string]any{"y": s.officeYear, "ids": []string{}}, "BAD_USER_INPUT", "libraryIDs", ""},
		{"another department's entry", editor, map[string]any{"y": s.officeYear, "ids": []string{lib["群众满意度"].ID, theirs.ID}}, "NOT_FOUND", "libraryIDs[1]", ""},
		{"another department's year", editor, map[string]any{"y": s.neighbourYear, "ids": ids("群众满意度")}, "FORBIDDEN", "", ""},
		{"a project of another year", admin, map[string]any{"y": s.neighbourYear, "p": s.projects[0], "ids": ids("群众满意度")}, "BAD_USER_INPUT", "projectID", ""},
	} {
		r := refused(t, tt.name, post(t, tt.as, addFromLibrary, tt.vars), tt.code, tt.field, tt.reason)
		if tt.name == "another department's entry" {
			missing := post(t, tt.as, addFromLibrary, map[string]any{"y": s.officeYear, "ids": []string{lib["群众满意度"].ID, fmt.Sprint(atoi(t, theirs.ID) + 100000)}})
			if strings.ReplaceAll(r.Message, theirs.ID, "<id>") != strings.ReplaceAll(missing.Errors[0].Message, fmt.Sprint(atoi(t, theirs.ID)+100000), "<id>") {
				t.Errorf("a hidden entry and a missing one answer differently: %q, %q", r.Message, missing.Errors[0].Message)
			}
		}
	}
	if n := len(overall()); n != before {
		t.Errorf("refused additions left %d indicators, want %d", n, before)
	}
	// A project under review is locked to the editor.
	var ev struct {
		Node struct{ Evaluation struct{ ID string } }
	}
	must(t, admin, `query($id: ID!) { node(id: $id) { ... on Project { evaluation { id } } } }`, map[string]any{"id": s.projects[1]}, &ev)
	must(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { id } }`, map[string]any{"id": ev.Node.Evaluation.ID}, nil)
	refused(t, "a project under review", add(editor, s.officeYear, s.projects[1], "工作任务完成合格率"), "LOCKED", "", "")
	if r := add(editor, s.officeYear, s.projects[2], "工作任务完成合格率", "长效管理机制健全性"); len(r.Errors) > 0 {
		t.Errorf("adding to a draft project: %+v", r.Errors)
	}

	// Where the entries are used: each caller counts what they may read.
	usage := func(c *caller, name string) (int, []string) {
		var out struct {
			Node struct {
				UsageCount int
				UsedIn     []struct {
					Year       int
					Department struct{ Code string }
				}
			}
		}
		must(t, c, `query($id: ID!) { node(id: $id) { ... on LibraryIndicator { usageCount usedIn { year department { code } } } } }`,
			map[string]any{"id": lib[name].ID}, &out)
		var years []string
		for _, y := range out.Node.UsedIn {
			years = append(years, fmt.Sprintf("%s/%d", y.Department.Code, y.Year))
		}
		return out.Node.UsageCount, years
	}
	for _, tt := range []struct {
		name  string
		as    *caller
		entry string
		count int
		years []string
	}{
		{"a new entry, as the editor", editor, "服务对象满意度", 1, []string{officeCode + "/2023"}},
		{"an entry of two departments, as the administrator", admin, "预算资金支出率", 2, []string{officeCode + "/2023", "440115-002/2023"}},
		{"the same, as the editor: the neighbour's is hidden", editor, "预算资金支出率", 1, []string{officeCode + "/2023"}},
		{"a project's, as the editor", editor, "长效管理机制健全性", 1, []string{officeCode + "/2023"}},
		{"an unused entry", editor, "公交准点率", 0, nil},
	} {
		n, years := usage(tt.as, tt.entry)
		sort.Strings(years)
		if n != tt.count || !slices.Equal(years, tt.years) {
			t.Errorf("%s: used %d times in %v, want %d in %v", tt.name, n, years, tt.count, tt.years)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

const startYear = `mutation($d: ID!, $y: Int!) { startYearFromLast(departmentID: $d, year: $y) {
	departmentYear { id year goal goalOutcome totalBudget personnelBudget months { month } fundingLines { id } overallEvaluation { id status } }
	previous { id year } createdYear goalCopied
	keyTasks { title content outcome position }
	indicators { position level1 level2 name kind operator target unit weight binding scoringCriteria actual rating ratedScore deviationReason libraryIndicator { id } }
	projects { code name goal goalOutcome budget executed continuesNextYear evaluation { status } indicators(first: 100) { totalCount } }
	projectIndicatorCount
	evaluations { status project { code } }
	skippedProjects { code }
} }`

// yearStart is startYearFromLast's answer.
type yearStart struct {
	DepartmentYear struct {
		ID, Goal, GoalOutcome, TotalBudget, PersonnelBudget string
		Year                                                int
		Months, FundingLines                                []struct{}
		OverallEvaluation                                   *struct{ ID, Status string }
	}
	Previous    struct{ ID string }
	CreatedYear bool
	GoalCopied  bool
	KeyTasks    []struct{ Title, Content, Outcome string }
	Indicators  []json.RawMessage
	Projects    []struct {
		Code, Name, Goal, GoalOutcome, Budget, Executed string
		ContinuesNextYear                               bool
		Evaluation                                      *struct{ Status string }
		Indicators                                      struct{ TotalCount int }
	}
	ProjectIndicatorCount int
	Evaluations           []struct {
		Status  string
		Project *struct{ Code string }
	}
	SkippedProjects []struct{ Code string }
}

// TestStartYearFromLast: the office's 2024 made from its 2023 by its editor: what is
// copied and what is cleared, every row through its own create (and so audited), a
// year that holds data refused with what it holds, an empty year filled, a year
// without a year before, and who may.
func TestStartYearFromLast(t *testing.T) { stores(t, startYearAPI) }

func startYearAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, editor, reviewer := srv.admin(t), srv.as(t, "editor"), srv.as(t, "reviewer")
	s := seed(t, admin)
	var last struct {
		Node struct {
			Goal       string
			KeyTasks   []struct{ Title, Content string }
			Indicators struct {
				Edges []struct{ Node json.RawMessage }
			}
		}
	}
	const fields = `position level1 level2 name kind operator target unit weight binding scoringCriteria actual rating ratedScore deviationReason libraryIndicator { id }`
	must(t, admin, `query($id: ID!) { node(id: $id) { ... on DepartmentYear { goal keyTasks { title content }
		indicators(first: 100, where: {hasProject: false}, orderBy: [{field: POSITION}]) { edges { node { `+fields+` } } } } } }`,
		map[string]any{"id": s.officeYear}, &last)

	// The third project ends with 2023; the others go on.
	must(t, editor, `mutation($id: ID!) { updateProject(id: $id, input: {continuesNextYear: false}) { id } }`, map[string]any{"id": s.projects[2]}, nil)
	tr := &trail{t: t, admin: admin}
	tr.since()

	for _, tt := range []struct {
		name        string
		as          *caller
		dept        string
		code, field string
	}{
		{"the reviewer", reviewer, s.office, "FORBIDDEN", ""},
		{"the editor, for another department", editor, s.neighbour, "FORBIDDEN", ""},
		{"the anonymous", srv.anonymous(), s.office, "UNAUTHENTICATED", ""},
	} {
		refused(t, tt.name, post(t, tt.as, startYear, map[string]any{"d": tt.dept, "y": 2024}), tt.code, tt.field, "")
	}
	if got := tr.since(); len(got) != 0 {
		t.Errorf("refused starts left %d audit records", len(got))
	}

	var out struct{ StartYearFromLast yearStart }
	must(t, editor, startYear, map[string]any{"d": s.office, "y": 2024}, &out)
	ys := out.StartYearFromLast
	y := ys.DepartmentYear
	if !ys.CreatedYear || !ys.GoalCopied || y.Year != 2024 || ys.Previous.ID != s.officeYear || y.Goal != last.Node.Goal || y.Goal == "" ||
		y.GoalOutcome != "" || y.TotalBudget != "0.00" || y.PersonnelBudget != "0.00" || len(y.Months) != 0 || len(y.FundingLines) != 0 ||
		y.OverallEvaluation == nil || y.OverallEvaluation.Status != "DRAFT" {
		t.Errorf("the new year: %+v", ys)
	}
	if len(ys.KeyTasks) != len(last.Node.KeyTasks) || len(ys.KeyTasks) != 2 {
		t.Errorf("key tasks: %+v", ys.KeyTasks)
	}
	for i, k := range ys.KeyTasks {
		if k.Title != last.Node.KeyTasks[i].Title || k.Content != last.Node.KeyTasks[i].Content || k.Outcome != "" {
			t.Errorf("key task %d: %+v", i, k)
		}
	}
	// Each overall indicator as it was, its actual value, rating, rated score and reason cleared.
	if len(ys.Indicators) != 18 {
		t.Fatalf("%d overall indicators copied, want 18", len(ys.Indicators))
	}
	var libraryMarked int
	for i, raw := range ys.Indicators {
		var was, is map[string]any
		_ = json.Unmarshal(last.Node.Indicators.Edges[i].Node, &was)
		_ = json.Unmarshal(raw, &is)
		for _, f := range []string{"actual", "rating", "ratedScore"} {
			if is[f] != nil {
				t.Errorf("%s: %s copied: %v", is["name"], f, is[f])
			}
			was[f] = nil
		}
		if is["deviationReason"] != "" {
			t.Errorf("%s: a deviation reason copied", is["name"])
		}
		was["deviationReason"] = ""
		if jsonText(was) != jsonText(is) {
			t.Errorf("indicator %d:\n%s\nwas\n%s", i, jsonText(is), jsonText(was))
		}
		if is["libraryIndicator"] != nil {
			libraryMarked++
		}
	}
	if libraryMarked != 15 {
		t.Errorf("%d copied indicators keep their library origin, want 15", libraryMarked)
	}
	if len(ys.Projects) != 2 || ys.ProjectIndicatorCount != 8 || len(ys.SkippedProjects) != 1 || ys.SkippedProjects[0].Code != "NS-2023-03" ||
		len(ys.Evaluations) != 3 {
		t.Errorf("projects: %+v, %d indicators, skipped %+v, evaluations %+v", ys.Projects, ys.ProjectIndicatorCount, ys.SkippedProjects, ys.Evaluations)
	}
	for _, p := range ys.Projects {
		if p.Goal == "" || p.GoalOutcome != "" || p.Budget != "0.00" || p.Executed != "0.00" || !p.ContinuesNextYear ||
			p.Evaluation == nil || p.Evaluation.Status != "DRAFT" || p.Indicators.TotalCount != 4 {
			t.Errorf("project %s: %+v", p.Code, p)
		}
	}
	// Every row it made is recorded as its own create, by the editor.
	made := map[string]int{}
	for _, r := range tr.since() {
		if r.Action != "CREATE" || r.ActorName != "editor" {
			t.Errorf("record %s %s %d by %s", r.Action, r.EntityType, r.EntityID, r.ActorName)
		}
		made[r.EntityType]++
	}
	if want := map[string]int{"DepartmentYear": 1, "KeyTask": 2, "Indicator": 18 + 8, "Project": 2, "Evaluation": 3}; !maps.Equal(made, want) {
		t.Errorf("audit records: %v, want %v", made, want)
	}

	// Again: the year holds data now; nothing changes.
	r := refused(t, "2024 again", post(t, editor, startYear, map[string]any{"d": s.office, "y": 2024}), "CONFLICT", "year", "YEAR_HAS_DATA")
	params, _ := r.Extensions["params"].(map[string]any)
	if r.Extensions["existingID"] != y.ID || params["indicators"] != "26" || params["projects"] != "2" || params["key tasks"] != "2" ||
		params["evaluations"] != "2" || params["year"] != "2024" || params["goal texts"] != "1" {
		t.Errorf("the refusal names %v %v", r.Extensions["existingID"], params)
	}
	if got := tr.since(); len(got) != 0 {
		t.Errorf("the refused start left %d audit records", len(got))
	}
	refused(t, "no year before", post(t, editor, startYear, map[string]any{"d": s.office, "y": 2030}), "BAD_USER_INPUT", "year", "NO_PREVIOUS_YEAR")

	// A year made empty (as 新建年度 makes it, with its draft evaluation) is filled.
	empty := id(t, editor, createYear, map[string]any{"in": map[string]any{"departmentID": s.office, "year": 2025}})
	ev := id(t, editor, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": empty}})
	out = struct{ StartYearFromLast yearStart }{}
	must(t, editor, startYear, map[string]any{"d": s.office, "y": 2025}, &out)
	ys = out.StartYearFromLast
	if ys.CreatedYear || ys.DepartmentYear.ID != empty || ys.DepartmentYear.OverallEvaluation.ID != ev || len(ys.Indicators) != 18 ||
		len(ys.Projects) != 2 || len(ys.Evaluations) != 2 {
		t.Errorf("filling the empty 2025: created %v, year %s, evaluation %v, %d indicators, %d projects, %d evaluations",
			ys.CreatedYear, ys.DepartmentYear.ID, ys.DepartmentYear.OverallEvaluation, len(ys.Indicators), len(ys.Projects), len(ys.Evaluations))
	}
}
