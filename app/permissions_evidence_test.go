package app

import (
	"encoding/json"
	"testing"
)

// The permission matrix's rows for evidence (佐证材料): an attachment is read, listed
// and downloaded by whoever reads its indicator (the public: a published year's),
// attached and deleted by whoever may change the indicator (its department's
// editors while it is not under review, administrators).

const (
	attachMatrixQuery = `mutation($id: ID!, $file: Upload!) { attachToIndicator(indicatorID: $id, file: $file) { id } }`
	deleteAttachQuery = `mutation($id: ID!) { deleteAttachment(id: $id) }`
	indicatorEvidence = `query($id: ID!) { node(id: $id) { id ... on Indicator { attachmentCount attachments { id fileName url } } } }`
)

// freshAttachment is a file attached, as the administrator, to the indicator ind.
func (e *env) freshAttachment(ind string) string {
	e.t.Helper()
	_, r := upload(e.t, e.admin(), attachMatrixQuery, map[string]any{"id": ind}, sampleDOCX(e.t))
	var out struct{ AttachToIndicator struct{ ID string } }
	if len(r.Errors) > 0 || json.Unmarshal(r.Data, &out) != nil || out.AttachToIndicator.ID == "" {
		e.t.Fatalf("attaching as the administrator: %+v", r.Errors)
	}
	return out.AttachToIndicator.ID
}

// submittedIndicator is an indicator of a fresh project evaluation on the side,
// submitted (so locked to editors), with a file attached before the submission.
func (e *env) submittedIndicator(s side) (indicator, attached string) {
	p := e.freshProject(s)
	indicator = e.mk(createIndicator, met(e.year[s], p, "90"))
	attached = e.freshAttachment(indicator)
	ev := e.mk(createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "projectID": p}})
	must(e.t, e.admin(), submitQuery, map[string]any{"id": ev}, nil)
	return indicator, attached
}

// evidenceSetUp attaches a file to the overall indicator of each side and of the published year.
func (e *env) evidenceSetUp() {
	for _, s := range []side{inside, outside} {
		e.attachment[s] = e.freshAttachment(e.indicator[s])
	}
	e.publicAttachment = e.freshAttachment(e.publicIndicator)
}

// attachmentFileOp downloads the attachment f names.
func attachmentFileOp(f func(e *env) string) operation {
	return operation{shape: downloaded, query: "/files/attachments/", vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

// indicatorEvidenceOp lists an indicator's evidence by node(id:).
func indicatorEvidenceOp(f func(e *env) string) operation {
	return operation{query: indicatorEvidence, vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

func evidenceReads() []row {
	in := cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}
	out := cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}
	pub := cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}
	attached := func(s side) func(e *env) string { return func(e *env) string { return e.attachment[s] } }
	indicatorOf := func(s side) func(e *env) string { return func(e *env) string { return e.indicator[s] } }
	public := func(e *env) string { return e.publicAttachment }
	return []row{
		{"attachments", listOp("attachments", "attachments"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node inside attachment", nodeOp(attached(inside)), in},
		{"node outside attachment", nodeOp(attached(outside)), out},
		{"node published attachment", nodeOp(public), pub},
		{"attachments of an inside indicator", indicatorEvidenceOp(indicatorOf(inside)), in},
		{"attachments of an outside indicator", indicatorEvidenceOp(indicatorOf(outside)), out},
		{"attachments of a published indicator", indicatorEvidenceOp(func(e *env) string { return e.publicIndicator }), pub},
		{"download inside attachment", attachmentFileOp(attached(inside)), in},
		{"download outside attachment", attachmentFileOp(attached(outside)), out},
		{"download published attachment", attachmentFileOp(public), pub},
		{"attachmentLimits", plainOp(`{ attachmentLimits { maxBytes extensions } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
	}
}

func evidenceMutations() []row {
	attachTo := func(f func(e *env) string) operation {
		return operation{shape: uploaded, query: attachMatrixQuery, vars: func(e *env) map[string]any {
			return map[string]any{"id": f(e), "file": sampleDOCX(e.t)} // sent as 自评表.xlsx: an Office package
		}, undo: deleteCreated("deleteAttachment")}
	}
	remove := func(f func(e *env) string) operation {
		return operation{query: deleteAttachQuery, vars: idVars(f)}
	}
	return []row{
		{"attachToIndicator inside", attachTo(func(e *env) string { return e.indicator[inside] }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"attachToIndicator outside", attachTo(func(e *env) string { return e.indicator[outside] }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: notFound, analyst: forbidden, token: forbidden, scoped: notFound}},
		{"attachToIndicator published", attachTo(func(e *env) string { return e.publicIndicator }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: notFound, analyst: forbidden, token: forbidden, scoped: notFound}},
		{"attachToIndicator inside (submitted)", attachTo(func(e *env) string { ind, _ := e.submittedIndicator(inside); return ind }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: locked, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteAttachment inside", remove(func(e *env) string { return e.freshAttachment(e.indicator[inside]) }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteAttachment outside", remove(func(e *env) string { return e.freshAttachment(e.indicator[outside]) }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteAttachment inside (submitted)", remove(func(e *env) string { _, a := e.submittedIndicator(inside); return a }),
			cells{anon: unauth, admin: allow, reviewer: forbidden, editor: locked, analyst: forbidden, token: forbidden, scoped: forbidden}},
	}
}

// evidenceUniverse sorts every attachment as its indicator: inside with its year,
// published with a published year's overall indicators and a published project's.
func (e *env) evidenceUniverse(t *testing.T, yearInside, yearPublished func(string) bool, add func(id string, in, pub bool)) {
	var out struct {
		Attachments struct {
			Edges []struct {
				Node struct {
					ID        string
					Indicator struct {
						DepartmentYear struct{ ID string }
						Project        *struct {
							Evaluation *struct{ Status string }
						}
					}
				}
			}
		}
	}
	must(t, e.admin(), `{ attachments(first: 1000) { edges { node { id indicator { departmentYear { id } project { evaluation { status } } } } } } }`, nil, &out)
	for _, edge := range out.Attachments.Edges {
		n := edge.Node
		year := n.Indicator.DepartmentYear.ID
		pub := yearPublished(year)
		if p := n.Indicator.Project; p != nil {
			pub = p.Evaluation != nil && p.Evaluation.Status == "PUBLISHED"
		}
		add(n.ID, yearInside(year), pub)
	}
}
