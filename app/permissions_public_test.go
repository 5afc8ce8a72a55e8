package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// TestPublicSite is the permission matrix's rows for the public disclosure site
// (/public in the SPA): what a visitor who has not signed in reads through the
// API and the document routes, beside the administrator as the control that the
// rows exist. One department of its own holds an evaluation in every status:
//
//	2023  overall PUBLISHED, project 甲 PUBLISHED, project 乙 APPROVED (not published)
//	2024  overall APPROVED · 2025 overall SUBMITTED · 2026 overall DRAFT
//
// A visitor reads the published reports and downloads their .docx and .pdf;
// every other evaluation, its report, its documents, its year and its indicators
// answer exactly as an id that does not exist (never FORBIDDEN: a refusal would
// tell that it exists); filters and aggregates signed out count published rows
// only, whatever they filter on; users, tokens, the audit trail and webhooks
// refuse a visitor.
func TestPublicSite(t *testing.T) { stores(t, publicSite) }

// The fixture's department, a sibling of the seed's office.
const publicSiteCode = "440115-093"

// publicFixture is the ids of the fixture's rows.
type publicFixture struct {
	years                               map[int]string // by year
	published, publishedProject         string         // 2023's overall and project 甲's evaluations
	approvedProject                     string         // project 乙's evaluation, approved but not published
	approved, submitted, draft          string         // 2024's, 2025's and 2026's overall evaluations
	projectB                            string         // project 乙
	publishedIndicator, hiddenIndicator string         // 2023's overall indicator; 2024's
}

// publicRow is one row: what a visitor must get, and what the administrator gets.
type publicRow struct {
	name        string
	run         func(t *testing.T, c *caller) string
	anon, admin string
}

func publicSite(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, anon := srv.admin(t), srv.anonymous()
	f := publicSetUp(t, admin)

	hiddenEvaluations := map[string]string{"approved": f.approved, "submitted": f.submitted, "draft": f.draft,
		"approved project of the published year": f.approvedProject}
	rows := []publicRow{
		{"report of the published evaluation", reportSeen(f.published), "SEEN", "SEEN"},
		{"report of the published project", reportSeen(f.publishedProject), "SEEN", "SEEN"},
		{"report.docx of the published evaluation", fileSeen(f.published, "report.docx"), "SEEN", "SEEN"},
		{"report.pdf of the published evaluation", fileSeen(f.published, "report.pdf"), "SEEN", "SEEN"},
		{"report.pdf of the published project", fileSeen(f.publishedProject, "report.pdf"), "SEEN", "SEEN"},
		{"the published year", nodeSeen(f.years[2023]), "SEEN", "SEEN"},
		{"the published year's indicator", nodeSeen(f.publishedIndicator), "SEEN", "SEEN"},
		{"the approved year", nodeSeen(f.years[2024]), "HIDDEN", "SEEN"},
		{"the approved year's indicator", nodeSeen(f.hiddenIndicator), "HIDDEN", "SEEN"},
	}
	for _, name := range sortedKeys(hiddenEvaluations) {
		id := hiddenEvaluations[name]
		rows = append(rows,
			publicRow{"report of the " + name, reportSeen(id), "HIDDEN", "SEEN"},
			publicRow{"report.docx of the " + name, fileSeen(id, "report.docx"), "HIDDEN", "SEEN"},
			publicRow{"report.pdf of the " + name, fileSeen(id, "report.pdf"), "HIDDEN", "SEEN"},
			publicRow{"form.xlsx of the " + name, fileSeen(id, "form.xlsx"), "HIDDEN", "SEEN"},
		)
	}
	inDept := `hasDepartmentYearWith: [{hasDepartmentWith: [{code: "` + publicSiteCode + `"}]}]`
	rows = append(rows,
		// The SPA's list (pages/public/query.ts): the published years, and in them nothing unpublished.
		publicRow{"the public list", publicList, "2023:" + statuses(f.published, "PUBLISHED", f.publishedProject, "PUBLISHED"),
			"2023:" + statuses(f.published, "PUBLISHED", f.publishedProject, "PUBLISHED", f.approvedProject, "APPROVED")},
		publicRow{"departmentYears, unfiltered", count(`{ departmentYears(where: {hasDepartmentWith: [{code: "` + publicSiteCode + `"}]}) { totalCount } }`), "n=1", "n=4"},
		publicRow{"evaluations, unfiltered", count(`{ evaluations(where: {` + inDept + `}) { totalCount } }`), "n=2", "n=6"},
		publicRow{"evaluations(scoreGT)", count(`{ evaluations(where: {scoreGT: "0", ` + inDept + `}) { totalCount } }`), "n=2", "n=6"},
		publicRow{"evaluations(scoreGTE 100, unpublished statuses)", count(`{ evaluations(where: {scoreGTE: "100", statusIn: [DRAFT, SUBMITTED, APPROVED], ` + inDept + `}) { totalCount } }`), "n=0", "n=4"},
		publicRow{"evaluations(gradeIn) of the unpublished ids", count(`{ evaluations(where: {gradeIn: [EXCELLENT, GOOD, FAIR, POOR], idIn: ["` + f.approved + `", "` + f.submitted + `", "` + f.draft + `", "` + f.approvedProject + `"]}) { totalCount } }`), "n=0", "n=4"},
		publicRow{"departmentYears(hasEvaluationsWith an unpublished one)", count(`{ departmentYears(where: {hasDepartmentWith: [{code: "` + publicSiteCode + `"}], hasEvaluationsWith: [{statusNEQ: PUBLISHED}]}) { totalCount } }`), "n=0", "n=4"},
		publicRow{"departmentYears(hasEvaluationsWith scoreGT, APPROVED)", count(`{ departmentYears(where: {hasDepartmentWith: [{code: "` + publicSiteCode + `"}], hasEvaluationsWith: [{scoreGT: "0", status: APPROVED}]}) { totalCount } }`), "n=0", "n=2"},
		publicRow{"indicators of the department", count(`{ indicators(where: {` + inDept + `}) { totalCount } }`), "n=2", "n=6"},
		publicRow{"indicators of the unpublished years", count(`{ indicators(where: {hasDepartmentYearWith: [{idIn: ["` + f.years[2024] + `", "` + f.years[2025] + `", "` + f.years[2026] + `"]}]}) { totalCount } }`), "n=0", "n=3"},
		publicRow{"indicators of the approved project", count(`{ indicators(where: {hasProjectWith: [{id: "` + f.projectB + `"}]}) { totalCount } }`), "n=0", "n=1"},
		publicRow{"indicators through an unpublished evaluation's year", count(`{ indicators(where: {hasDepartmentYearWith: [{hasEvaluationsWith: [{status: DRAFT}], hasDepartmentWith: [{code: "` + publicSiteCode + `"}]}]}) { totalCount } }`), "n=0", "n=1"},
		publicRow{"evaluationAggregate by status", aggregate(`{ evaluationAggregate(groupBy: [STATUS], measures: [SCORE], where: {`+inDept+`}) { groups { key { status } count stats { sum } } } }`, "evaluationAggregate"),
			"PUBLISHED:2/200.00", "APPROVED:2/200.00 DRAFT:1/100.00 PUBLISHED:2/200.00 SUBMITTED:1/100.00"},
		publicRow{"evaluationAggregate of unpublished statuses", aggregate(`{ evaluationAggregate(groupBy: [], measures: [SCORE], where: {statusIn: [DRAFT, SUBMITTED, APPROVED], `+inDept+`}) { groups { count stats { sum } } } }`, "evaluationAggregate"),
			"", ":4/400.00"},
		publicRow{"departmentYearAggregate by year", aggregate(`{ departmentYearAggregate(groupBy: [YEAR], where: {hasDepartmentWith: [{code: "`+publicSiteCode+`"}]}) { groups { key { year } count } } }`, "departmentYearAggregate"),
			"2023:1", "2023:1 2024:1 2025:1 2026:1"},
		publicRow{"indicatorAggregate by year", aggregate(`{ indicatorAggregate(groupBy: [YEAR], where: {`+inDept+`}) { groups { key { year } count } } }`, "indicatorAggregate"),
			"2023:2", "2023:3 2024:1 2025:1 2026:1"},
		publicRow{"users", outcomeOf(`{ users(first: 10) { edges { node { id username } } } }`), "UNAUTHENTICATED", "ALLOW"},
		publicRow{"apiTokens", outcomeOf(`{ apiTokens(first: 10) { edges { node { id name } } } }`), "UNAUTHENTICATED", "ALLOW"},
		publicRow{"auditRecords", outcomeOf(`{ auditRecords(first: 10) { edges { node { id action } } } }`), "UNAUTHENTICATED", "ALLOW"},
		publicRow{"webhooks", outcomeOf(`{ webhooks(first: 10) { edges { node { id url } } } }`), "UNAUTHENTICATED", "ALLOW"},
		publicRow{"webhookDeliveries", outcomeOf(`{ webhookDeliveries(first: 10) { edges { node { id status } } } }`), "UNAUTHENTICATED", "ALLOW"},
	)

	table := []string{fmt.Sprintf("%-58s %-28s %s", "operation", "anonymous", "admin")}
	for _, r := range rows {
		gotAnon, gotAdmin := r.run(t, anon), r.run(t, admin)
		if gotAnon != r.anon {
			t.Errorf("%s, anonymous: got %q, want %q", r.name, gotAnon, r.anon)
		}
		if gotAdmin != r.admin {
			t.Errorf("%s, admin: got %q, want %q", r.name, gotAdmin, r.admin)
		}
		table = append(table, fmt.Sprintf("%-58s %-28s %s", r.name, markPublic(gotAnon, r.anon), markPublic(gotAdmin, r.admin)))
	}
	t.Logf("the public site's matrix (\"got≠want\" where the answer differs):\n%s", strings.Join(table, "\n"))
}

func markPublic(got, want string) string {
	if got == want {
		return got
	}
	return got + "≠" + want
}

// publicSetUp makes the fixture as the administrator.
func publicSetUp(t *testing.T, admin *caller) publicFixture {
	var office struct {
		Departments struct {
			Edges []struct{ Node struct{ ParentID string } }
		}
	}
	must(t, admin, `{ departments(where: {code: "`+officeCode+`"}) { edges { node { parentID } } } }`, nil, &office)
	if len(office.Departments.Edges) != 1 {
		t.Fatalf("the seed's office: %+v", office)
	}
	dept := id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": publicSiteCode, "name": "区公开测试局", "parentID": office.Departments.Edges[0].Node.ParentID}})
	f := publicFixture{years: map[int]string{}}
	steps := map[string][]string{
		"PUBLISHED": {submitQuery, approveQuery, publishQuery},
		"APPROVED":  {submitQuery, approveQuery},
		"SUBMITTED": {submitQuery},
		"DRAFT":     nil,
	}
	walk := func(ev, status string) {
		for _, q := range steps[status] {
			must(t, admin, q, map[string]any{"id": ev}, nil)
		}
	}
	overall := func(year int, status string) (string, string) {
		y := id(t, admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": year, "personnelBudget": "100", "personnelActual": "100"}})
		f.years[year] = y
		ind := id(t, admin, createIndicator, met(y, "", "100"))
		ev := id(t, admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": y}})
		return ev, ind
	}
	project := func(year, name string) (string, string) {
		p := id(t, admin, createProject, map[string]any{"in": map[string]any{"departmentYearID": year, "name": name, "budget": "20", "executed": "20"}})
		must(t, admin, createLineQuery, map[string]any{"in": map[string]any{"departmentYearID": year, "projectID": p,
			"category": "CURRENT_APPROPRIATION", "adjustedBudget": "20", "executed": "20"}}, nil)
		id(t, admin, createIndicator, met(year, p, "90"))
		return p, id(t, admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year, "projectID": p}})
	}

	f.published, f.publishedIndicator = overall(2023, "PUBLISHED")
	_, f.publishedProject = project(f.years[2023], "公开项目甲")
	f.projectB, f.approvedProject = project(f.years[2023], "未公开项目乙")
	f.approved, f.hiddenIndicator = overall(2024, "APPROVED")
	f.submitted, _ = overall(2025, "SUBMITTED")
	f.draft, _ = overall(2026, "DRAFT")
	walk(f.publishedProject, "PUBLISHED")
	walk(f.approvedProject, "APPROVED")
	walk(f.published, "PUBLISHED")
	walk(f.approved, "APPROVED")
	walk(f.submitted, "SUBMITTED")
	return f
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// statuses is "id=STATUS,…" of id, status pairs, sorted.
func statuses(pairs ...string) string {
	var ids []string
	for i := 0; i+1 < len(pairs); i += 2 {
		ids = append(ids, pairs[i]+"="+pairs[i+1])
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// hiddenAs is HIDDEN when r answers exactly what the same request answers for an
// id that does not exist, else what differs.
func hiddenAs(t *testing.T, c *caller, query, id string, r gqlResponse) string {
	missing := missingID(id)
	nothing := post(t, c, query, map[string]any{"id": missing})
	a, b := normalized(r, id), normalized(nothing, missing)
	if a != b {
		return fmt.Sprintf("LEAK(%s vs missing %s)", a, b)
	}
	return "HIDDEN"
}

// nodeSeen reads the object id through node(id:).
func nodeSeen(id string) func(t *testing.T, c *caller) string {
	return func(t *testing.T, c *caller) string {
		r := post(t, c, nodeQuery, map[string]any{"id": id})
		var data struct{ Node *struct{ ID string } }
		_ = json.Unmarshal(r.Data, &data)
		if data.Node != nil && data.Node.ID == id {
			return "SEEN"
		}
		return hiddenAs(t, c, nodeQuery, id, r)
	}
}

// reportSeen reads an evaluation's report as the public report page does.
func reportSeen(id string) func(t *testing.T, c *caller) string {
	const q = `query($id: ID!) { node(id: $id) { ... on Evaluation { id status report { title sections { key paragraphs { text } } } } } }`
	return func(t *testing.T, c *caller) string {
		r := post(t, c, q, map[string]any{"id": id})
		var data struct {
			Node *struct {
				ID     string
				Report struct {
					Title    string
					Sections []struct{ Key string }
				}
			}
		}
		_ = json.Unmarshal(r.Data, &data)
		if data.Node != nil && data.Node.ID == id {
			if data.Node.Report.Title == "" || len(data.Node.Report.Sections) == 0 {
				return "EMPTY_REPORT"
			}
			return "SEEN"
		}
		return hiddenAs(t, c, q, id, r)
	}
}

// fileSeen downloads one of an evaluation's documents: SEEN when it comes with
// the body its format starts with, HIDDEN when it answers as for a missing id.
func fileSeen(id, document string) func(t *testing.T, c *caller) string {
	magic := map[string][]byte{"report.docx": []byte("PK"), "form.xlsx": []byte("PK"), "report.pdf": []byte("%PDF")}[document]
	return func(t *testing.T, c *caller) string {
		resp, body := download(t, c, "/files/evaluations/"+id+"/"+document)
		if resp.StatusCode == http.StatusOK {
			if !bytes.HasPrefix(body, magic) {
				return fmt.Sprintf("BAD_BODY(%q)", body[:min(len(body), 8)])
			}
			return "SEEN"
		}
		missing := missingID(id)
		resp2, body2 := download(t, c, "/files/evaluations/"+missing+"/"+document)
		a := fmt.Sprintf("%d %s", resp.StatusCode, strings.ReplaceAll(string(body), id, "<id>"))
		b := fmt.Sprintf("%d %s", resp2.StatusCode, strings.ReplaceAll(string(body2), missing, "<id>"))
		if a != b || resp.StatusCode != http.StatusNotFound {
			return fmt.Sprintf("LEAK(%s vs missing %s)", a, b)
		}
		return "HIDDEN"
	}
}

// count is a connection's totalCount, without errors.
func count(query string) func(t *testing.T, c *caller) string {
	return func(t *testing.T, c *caller) string {
		r := post(t, c, query, nil)
		if len(r.Errors) > 0 {
			return outcome(r)
		}
		var data map[string]struct{ TotalCount int }
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatal(err)
		}
		for _, conn := range data {
			return fmt.Sprintf("n=%d", conn.TotalCount)
		}
		return "NO_DATA"
	}
}

// aggregate is an aggregate's groups as "key:count[/sum]", sorted.
func aggregate(query, field string) func(t *testing.T, c *caller) string {
	return func(t *testing.T, c *caller) string {
		r := post(t, c, query, nil)
		if len(r.Errors) > 0 {
			return outcome(r)
		}
		var data map[string]struct {
			Groups []struct {
				Key struct {
					Year   *int
					Status *string
				}
				Count int
				Stats []struct{ Sum *string }
			}
		}
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, g := range data[field].Groups {
			if g.Count == 0 {
				continue // an empty group says nothing
			}
			key := ""
			if g.Key.Year != nil {
				key = fmt.Sprint(*g.Key.Year)
			}
			if g.Key.Status != nil {
				key = *g.Key.Status
			}
			s := fmt.Sprintf("%s:%d", key, g.Count)
			if len(g.Stats) > 0 && g.Stats[0].Sum != nil {
				s += "/" + *g.Stats[0].Sum
			}
			out = append(out, s)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
}

// outcomeOf is ALLOW, or the first error's code.
func outcomeOf(query string) func(t *testing.T, c *caller) string {
	return func(t *testing.T, c *caller) string { return outcome(post(t, c, query, nil)) }
}

// publicList runs the SPA's list query (pages/public/query.ts) on the fixture's
// department: "year:evaluation=status,…" per year.
func publicList(t *testing.T, c *caller) string {
	const q = `query PublicReports($where: DepartmentYearWhereInput!, $first: Int!, $after: Cursor) {
		departmentYears(where: $where, first: $first, after: $after, orderBy: [{ field: YEAR, direction: DESC }]) {
			totalCount pageInfo { hasNextPage endCursor }
			edges { node { id year department { id code name } evaluations { id status score grade gradeLabel project { id name } } } }
		}
	}`
	r := post(t, c, q, map[string]any{"first": 20, "where": map[string]any{
		"hasEvaluationsWith": []any{map[string]any{"status": "PUBLISHED"}},
		"hasDepartmentWith":  []any{map[string]any{"or": []any{map[string]any{"nameContainsFold": "公开测试"}, map[string]any{"codeContainsFold": "公开测试"}}}},
	}})
	if len(r.Errors) > 0 {
		return outcome(r)
	}
	var data struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					Year        int
					Evaluations []struct{ ID, Status string }
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	var years []string
	for _, e := range data.DepartmentYears.Edges {
		var evs []string
		for _, ev := range e.Node.Evaluations {
			evs = append(evs, ev.ID+"="+ev.Status)
		}
		sort.Strings(evs)
		years = append(years, fmt.Sprintf("%d:%s", e.Node.Year, strings.Join(evs, ",")))
	}
	return strings.Join(years, " ")
}
