package app

import (
	"encoding/json"
	"testing"
)

// The permission matrix's rows for evidence (佐证材料): an attachment is read, listed
// and downloaded by whoever reads its owner (the public: a published year's
// indicators, never a monitoring entry's or a rectification item's), attached
// and deleted by whoever may change the owner: an indicator's by its
// department's editors while it is not under review, a monitoring entry's by
// them while the report is a draft or returned, a rectification item's by them
// while the item is open; administrators always, but for the owners' own locks.

const (
	attachMatrixQuery = `mutation($id: ID!, $file: Upload!) { attachToIndicator(indicatorID: $id, file: $file) { id } }`
	deleteAttachQuery = `mutation($id: ID!) { deleteAttachment(id: $id) }`
	indicatorEvidence = `query($id: ID!) { node(id: $id) { id ... on Indicator { attachmentCount attachments { id fileName url } } } }`
	attachFileQuery   = `mutation($e: ID, $r: ID, $file: Upload!) { attachFile(monitoringEntryID: $e, rectificationID: $r, file: $file) { id } }`
	entryEvidence     = `query($id: ID!) { node(id: $id) { id ... on MonitoringReport { entries { id attachmentCount attachments { id fileName url } } } } }`
	rectEvidence      = `query($id: ID!) { node(id: $id) { id ... on Rectification { attachmentCount attachments { id fileName url } } } }`
)

// attachOwned is a file attached, as the administrator, to a monitoring entry
// (owner "e") or a rectification item ("r").
func (e *env) attachOwned(owner, id string) string {
	e.t.Helper()
	_, r := upload(e.t, e.admin(), attachFileQuery, map[string]any{owner: id}, sampleDOCX(e.t))
	var out struct{ AttachFile struct{ ID string } }
	if len(r.Errors) > 0 || json.Unmarshal(r.Data, &out) != nil || out.AttachFile.ID == "" {
		e.t.Fatalf("attaching to %s %s as the administrator: %+v", owner, id, r.Errors)
	}
	return out.AttachFile.ID
}

// entryOf is the id of the first stored entry of monitoring report report.
func (e *env) entryOf(report string) string {
	e.t.Helper()
	var out struct {
		Node struct{ Entries []struct{ ID *string } }
	}
	must(e.t, e.admin(), entryEvidence, map[string]any{"id": report}, &out)
	for _, x := range out.Node.Entries {
		if x.ID != nil {
			return *x.ID
		}
	}
	e.t.Fatalf("monitoring report %s has no stored entry", report)
	return ""
}

// entryWithFile is a fresh draft monitoring report of the side (submitted when
// asked, after the file) and a file attached to its entry.
func (e *env) entryWithFile(s side, submitted bool) (report, attached string) {
	report, _ = e.freshMonitoring(s, "")
	attached = e.attachOwned("e", e.entryOf(report))
	if submitted {
		e.mk(submitMonitoringQ, map[string]any{"id": report})
	}
	return report, attached
}

// ownedEvidenceSetUp attaches a file to a monitoring entry and to an open
// rectification item of each side.
func (e *env) ownedEvidenceSetUp() {
	for _, s := range []side{inside, outside} {
		e.entryReport[s], e.entryAttachment[s] = e.entryWithFile(s, false)
		e.rectOwner[s] = e.freshRectification(s, false)
		e.rectAttachment[s] = e.attachOwned("r", e.rectOwner[s])
	}
}

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
	e.ownedEvidenceSetUp()
}

// attachmentFileOp downloads the attachment f names.
func attachmentFileOp(f func(e *env) string) operation {
	return operation{shape: downloaded, query: "/files/attachments/", vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

// ownerEvidenceOp lists an owner's evidence by node(id:) with query.
func ownerEvidenceOp(query string, f func(e *env) string) operation {
	return operation{query: query, vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
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
		{"node inside monitoring entry attachment", nodeOp(func(e *env) string { return e.entryAttachment[inside] }), in},
		{"node outside monitoring entry attachment", nodeOp(func(e *env) string { return e.entryAttachment[outside] }), out},
		{"attachments of an inside monitoring entry", ownerEvidenceOp(entryEvidence, func(e *env) string { return e.entryReport[inside] }), in},
		{"attachments of an outside monitoring entry", ownerEvidenceOp(entryEvidence, func(e *env) string { return e.entryReport[outside] }), out},
		{"download inside monitoring entry attachment", attachmentFileOp(func(e *env) string { return e.entryAttachment[inside] }), in},
		{"download outside monitoring entry attachment", attachmentFileOp(func(e *env) string { return e.entryAttachment[outside] }), out},
		{"node inside rectification attachment", nodeOp(func(e *env) string { return e.rectAttachment[inside] }), in},
		{"node outside rectification attachment", nodeOp(func(e *env) string { return e.rectAttachment[outside] }), out},
		{"attachments of an inside rectification", ownerEvidenceOp(rectEvidence, func(e *env) string { return e.rectOwner[inside] }), in},
		{"attachments of an outside rectification", ownerEvidenceOp(rectEvidence, func(e *env) string { return e.rectOwner[outside] }), out},
		{"download inside rectification attachment", attachmentFileOp(func(e *env) string { return e.rectAttachment[inside] }), in},
		{"download outside rectification attachment", attachmentFileOp(func(e *env) string { return e.rectAttachment[outside] }), out},
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
	attachFileTo := func(owner string, f func(e *env) string) operation {
		return operation{shape: uploaded, query: attachFileQuery, vars: func(e *env) map[string]any {
			return map[string]any{owner: f(e), "file": sampleDOCX(e.t)}
		}, undo: deleteCreated("deleteAttachment")}
	}
	department := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}
	otherDepartment := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: notFound, analyst: forbidden, token: forbidden, scoped: notFound}
	removeOther := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	submittedEntry := func(e *env, s side) string {
		r, _ := e.freshMonitoring(s, "submitted")
		return e.entryOf(r)
	}
	return []row{
		{"attachFile monitoring entry inside", attachFileTo("e", func(e *env) string { return e.entryOf(e.entryReport[inside]) }), department},
		{"attachFile monitoring entry outside", attachFileTo("e", func(e *env) string { return e.entryOf(e.entryReport[outside]) }), otherDepartment},
		// A submitted report's entries are read-only for everybody, administrators included.
		{"attachFile monitoring entry inside (submitted)", attachFileTo("e", func(e *env) string { return submittedEntry(e, inside) }),
			cells{anon: unauth, admin: locked, reviewer: forbidden, editor: locked, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"attachFile rectification inside", attachFileTo("r", func(e *env) string { return e.rectOwner[inside] }), department},
		{"attachFile rectification outside", attachFileTo("r", func(e *env) string { return e.rectOwner[outside] }), otherDepartment},
		{"deleteAttachment monitoring entry inside", remove(func(e *env) string { _, a := e.entryWithFile(inside, false); return a }), department},
		{"deleteAttachment monitoring entry outside", remove(func(e *env) string { _, a := e.entryWithFile(outside, false); return a }), removeOther},
		{"deleteAttachment monitoring entry inside (submitted)", remove(func(e *env) string { _, a := e.entryWithFile(inside, true); return a }),
			cells{anon: unauth, admin: locked, reviewer: forbidden, editor: locked, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteAttachment rectification inside", remove(func(e *env) string { return e.attachOwned("r", e.rectOwner[inside]) }), department},
		{"deleteAttachment rectification outside", remove(func(e *env) string { return e.attachOwned("r", e.rectOwner[outside]) }), removeOther},
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

// evidenceUniverse sorts every attachment as its owner: an indicator's inside
// with its year, published with a published year's overall indicators and a
// published project's; a monitoring entry's and a rectification item's inside
// with their year, never published.
func (e *env) evidenceUniverse(t *testing.T, yearInside, yearPublished func(string) bool, add func(id string, in, pub bool)) {
	var out struct {
		Attachments struct {
			Edges []struct {
				Node struct {
					ID                                 string
					MonitoringEntryID, RectificationID *string
					Indicator                          *struct {
						DepartmentYear struct{ ID string }
						Project        *struct {
							Evaluation *struct{ Status string }
						}
					}
				}
			}
		}
	}
	must(t, e.admin(), `{ attachments(first: 1000) { edges { node { id monitoringEntryID rectificationID
		indicator { departmentYear { id } project { evaluation { status } } } } } } }`, nil, &out)
	var owners struct {
		Rectifications struct {
			Edges []struct {
				Node struct {
					ID         string
					Evaluation struct{ DepartmentYear struct{ ID string } }
				}
			}
		}
		MonitoringReports struct {
			Edges []struct {
				Node struct {
					DepartmentYear struct{ ID string }
					Entries        []struct{ ID *string }
				}
			}
		}
	}
	must(t, e.admin(), `{ rectifications(first: 1000) { edges { node { id evaluation { departmentYear { id } } } } }
		monitoringReports(first: 1000) { edges { node { departmentYear { id } entries { id } } } } }`, nil, &owners)
	yearOf := map[string]string{} // "r"/"e" + owner id → its year
	for _, edge := range owners.Rectifications.Edges {
		yearOf["r"+edge.Node.ID] = edge.Node.Evaluation.DepartmentYear.ID
	}
	for _, edge := range owners.MonitoringReports.Edges {
		for _, x := range edge.Node.Entries {
			if x.ID != nil {
				yearOf["e"+*x.ID] = edge.Node.DepartmentYear.ID
			}
		}
	}
	for _, edge := range out.Attachments.Edges {
		n := edge.Node
		switch {
		case n.MonitoringEntryID != nil:
			add(n.ID, yearInside(yearOf["e"+*n.MonitoringEntryID]), false)
		case n.RectificationID != nil:
			add(n.ID, yearInside(yearOf["r"+*n.RectificationID]), false)
		case n.Indicator != nil:
			year := n.Indicator.DepartmentYear.ID
			pub := yearPublished(year)
			if p := n.Indicator.Project; p != nil {
				pub = p.Evaluation != nil && p.Evaluation.Status == "PUBLISHED"
			}
			add(n.ID, yearInside(year), pub)
		default:
			t.Fatalf("attachment %s has no owner", n.ID)
		}
	}
}
