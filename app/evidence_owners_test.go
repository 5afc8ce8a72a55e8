package app

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
)

// Evidence of monitoring entries and rectification items through the API, on the
// demo's seed: the office's editor attaches files to an entry of its mid-year
// report and to the answer of a rectification item; who reads, downloads,
// attaches and deletes follows the owner (another department's editor none of
// it, the reviewer reads); the owners' own locks (a submitted report, an answered
// item) hold for everybody; files go with their owner; the audit trail records
// each. Once with the bytes in the database, once in a directory.

func TestEvidenceOwners(t *testing.T) {
	stores(t, func(t *testing.T, db string) { evidenceOwners(t, db, "") })
}

func TestEvidenceOwnersInDirectory(t *testing.T) {
	stores(t, func(t *testing.T, db string) { evidenceOwners(t, db, filepath.Join(t.TempDir(), "attachments")) })
}

const (
	attachFileQ = `mutation($i: ID, $e: ID, $r: ID, $file: Upload!) { attachFile(indicatorID: $i, monitoringEntryID: $e, rectificationID: $r, file: $file) {
		id fileName size sha256 storage uploadedByName url indicatorID monitoringEntryID rectificationID } }`
	entryFilesQ = `query($id: ID!) { node(id: $id) { ... on MonitoringReport { status entries { id indicator { id name kind }
		attachmentCount attachments { id fileName url } } } } }`
	itemFilesQ  = `query($id: ID!) { node(id: $id) { ... on Rectification { status attachmentCount attachments { id fileName url } } } }`
	deleteFileQ = `mutation($id: ID!) { deleteAttachment(id: $id) }`
	nodeIDQ     = `query($id: ID!) { node(id: $id) { id } }`
)

type ownedFile struct {
	ID, FileName, Sha256, Storage, UploadedByName, URL string
	Size                                               int64
	IndicatorID, MonitoringEntryID, RectificationID    *string
}

type entryFiles struct {
	ID              *string
	Indicator       struct{ ID, Name, Kind string }
	AttachmentCount int
	Attachments     []struct{ ID, FileName, URL string }
}

// attachTo uploads name to the owner vars name ("e": a monitoring entry, "r": a
// rectification item) as c: the file, or the answer's errors.
func attachTo(t *testing.T, c *caller, vars map[string]any, name string, data []byte) (ownedFile, gqlResponse) {
	t.Helper()
	_, r := uploadNamed(t, c, attachFileQ, vars, name, "application/pdf", data)
	var out struct{ AttachFile ownedFile }
	if len(r.Errors) == 0 {
		if err := json.Unmarshal(r.Data, &out); err != nil {
			t.Fatal(err)
		}
	}
	return out.AttachFile, r
}

func entriesOf(t *testing.T, c *caller, report string) (status string, entries []entryFiles) {
	t.Helper()
	var out struct {
		Node *struct {
			Status  string
			Entries []entryFiles
		}
	}
	if !readNode(t, c, entryFilesQ, report, &out) || out.Node == nil {
		return "", nil
	}
	return out.Node.Status, out.Node.Entries
}

type itemFiles struct {
	Status          string
	AttachmentCount int
	Attachments     []struct{ ID, FileName, URL string }
}

func itemFilesOf(t *testing.T, c *caller, item string) *itemFiles {
	t.Helper()
	var out struct{ Node *itemFiles }
	if !readNode(t, c, itemFilesQ, item, &out) {
		return nil
	}
	return out.Node
}

// exists tells whether the administrator reads node id.
func exists(t *testing.T, admin *caller, id string) bool {
	t.Helper()
	var out struct{ Node *struct{ ID string } }
	return readNode(t, admin, nodeIDQ, id, &out) && out.Node != nil
}

// readNode reads node(id:) with query as c into v: false when the node is
// missing or hidden (NOT_FOUND, as a missing one).
func readNode(t *testing.T, c *caller, query, id string, v any) bool {
	t.Helper()
	r := post(t, c, query, map[string]any{"id": id})
	if len(r.Errors) > 0 {
		if code, _ := r.Errors[0].Extensions["code"].(string); code == "NOT_FOUND" {
			return false
		}
		t.Fatalf("reading %s: %+v", id, r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatal(err)
	}
	return true
}

func evidenceOwners(t *testing.T, db, dir string) {
	args := []string{"--demo=seed"}
	storage := "DATABASE"
	if dir != "" {
		args = append(args, "--attachments-dir", dir)
		storage = "DIRECTORY"
	}
	srv := startServer(t, db, args...)
	admin, editor, reviewer := srv.admin(t), srv.as(t, "editor"), srv.as(t, "reviewer")
	s := seed(t, admin)
	createUser(t, admin, "othereditor", "EDITOR", s.neighbour)
	srv.accounts["othereditor"] = "othereditor-password-1"
	other := srv.as(t, "othereditor")
	tr := &trail{t: t, admin: admin}
	tr.since()
	training := s.indicators["业务岗位培训人数"]

	// One owner, exactly.
	_, r := attachTo(t, editor, map[string]any{}, "签到表.pdf", samplePDF)
	refused(t, "no owner", r, "BAD_USER_INPUT", "indicatorID", "ONE_OWNER")
	_, r = attachTo(t, editor, map[string]any{"i": training, "r": training}, "签到表.pdf", samplePDF)
	refused(t, "two owners", r, "BAD_USER_INPUT", "rectificationID", "ONE_OWNER")
	// attachFile with an indicator is attachToIndicator.
	onIndicator, r := attachTo(t, editor, map[string]any{"i": training}, "签到表.pdf", samplePDF)
	if len(r.Errors) > 0 || onIndicator.IndicatorID == nil || *onIndicator.IndicatorID != training || onIndicator.MonitoringEntryID != nil {
		t.Errorf("attachFile to an indicator: %+v %+v", onIndicator, r.Errors)
	}

	// A monitoring entry: files attach to a stored entry (id null until something is said).
	rep := monitoringOf(t, post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "2023-06-30"}))
	if _, entries := entriesOf(t, editor, rep.ID); len(entries) == 0 || entries[0].ID != nil || entries[0].AttachmentCount != 0 {
		t.Fatalf("a new report's entries: %+v", entries)
	}
	must(t, editor, setMonEntry, map[string]any{"r": rep.ID, "i": training, "in": map[string]any{
		"valueToDate": "30", "causeCategory": "STAFF", "cause": "上半年业务骨干借调", "measure": "下半年集中组织两期培训"}}, nil)
	var entry string
	for _, e := range must2(entriesOf(t, editor, rep.ID)) {
		if e.Indicator.ID == training && e.ID != nil {
			entry = *e.ID
		}
	}
	if entry == "" {
		t.Fatal("the entry has no id once it is stored")
	}
	sheet, r := attachTo(t, editor, map[string]any{"e": entry}, "6月培训签到表.pdf", samplePDF)
	if len(r.Errors) > 0 || sheet.MonitoringEntryID == nil || *sheet.MonitoringEntryID != entry || sheet.IndicatorID != nil ||
		sheet.Storage != storage || sheet.Sha256 != hexSHA(samplePDF) || sheet.URL != "/files/attachments/"+sheet.ID {
		t.Fatalf("attaching to the entry: %+v %+v", sheet, r.Errors)
	}
	for who, c := range map[string]*caller{"the editor": editor, "the reviewer": reviewer, "the administrator": admin} {
		var listed []string
		for _, e := range must2(entriesOf(t, c, rep.ID)) {
			for _, a := range e.Attachments {
				listed = append(listed, a.ID)
			}
			if e.ID != nil && *e.ID == entry && e.AttachmentCount != 1 {
				t.Errorf("%s counts %d files of the entry", who, e.AttachmentCount)
			}
		}
		if !slices.Equal(listed, []string{sheet.ID}) {
			t.Errorf("%s lists %v", who, listed)
		}
		if resp, body := downloadAttachment(t, c, sheet.ID); resp.StatusCode != http.StatusOK || !bytes.Equal(body, samplePDF) {
			t.Errorf("%s downloads the entry's file: %d", who, resp.StatusCode)
		}
	}
	// Another department's editor: the report is as missing, so is its file.
	if status, _ := entriesOf(t, other, rep.ID); status != "" {
		t.Errorf("another department's editor reads the report (%s)", status)
	}
	if resp, _ := downloadAttachment(t, other, sheet.ID); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another department's editor downloads the entry's file: %d", resp.StatusCode)
	}
	_, r = attachTo(t, other, map[string]any{"e": entry}, "他们的.pdf", samplePDF)
	refused(t, "another department attaches to the entry", r, "NOT_FOUND", "monitoringEntryID", "")
	refused(t, "another department deletes the entry's file", post(t, other, deleteFileQ, map[string]any{"id": sheet.ID}), "FORBIDDEN", "", "")
	_, r = attachTo(t, reviewer, map[string]any{"e": entry}, "复核.pdf", samplePDF)
	refused(t, "the reviewer attaches to the entry", r, "FORBIDDEN", "", "")

	// Submitted, the report's files are read-only for everybody; returned, they change again.
	second, _ := attachTo(t, editor, map[string]any{"e": entry}, "培训通知.pdf", samplePDF)
	submitFilled(t, editor, rep.ID)
	_, r = attachTo(t, editor, map[string]any{"e": entry}, "迟到的.pdf", samplePDF)
	refused(t, "the editor attaches to a submitted report", r, "LOCKED", "", "MONITORING_LOCKED")
	_, r = attachTo(t, admin, map[string]any{"e": entry}, "迟到的.pdf", samplePDF)
	refused(t, "the administrator attaches to a submitted report", r, "LOCKED", "", "MONITORING_LOCKED")
	refused(t, "the editor deletes from a submitted report", post(t, editor, deleteFileQ, map[string]any{"id": second.ID}), "LOCKED", "", "MONITORING_LOCKED")
	must(t, reviewer, returnMon, map[string]any{"id": rep.ID, "c": "请补充签到表"}, nil)
	must(t, editor, deleteFileQ, map[string]any{"id": second.ID}, nil)
	if exists(t, admin, second.ID) {
		t.Error("the deleted file is still there")
	}

	// A draft report goes with its entries and their files.
	draft := monitoringOf(t, post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "2023-09-30"}))
	must(t, editor, setMonEntry, map[string]any{"r": draft.ID, "i": training, "in": map[string]any{"valueToDate": "50"}}, nil)
	var draftEntry string
	for _, e := range must2(entriesOf(t, editor, draft.ID)) {
		if e.ID != nil {
			draftEntry = *e.ID
		}
	}
	goes, r := attachTo(t, editor, map[string]any{"e": draftEntry}, "9月签到表.pdf", samplePDF)
	if len(r.Errors) > 0 {
		t.Fatalf("attaching to the draft's entry: %+v", r.Errors)
	}
	must(t, editor, `mutation($id: ID!) { deleteMonitoringReport(id: $id) }`, map[string]any{"id": draft.ID}, nil)
	if exists(t, admin, goes.ID) {
		t.Error("a deleted report's entry kept its file")
	}

	// A rectification item: the department attaches its answer's evidence while it
	// is OPEN; the reviewer reads and downloads it.
	ev, _ := officeEvaluation(t, editor)
	must(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	var raised struct{ RaiseRectification struct{ ID string } }
	must(t, reviewer, raise, map[string]any{"in": map[string]any{"evaluationID": ev, "indicatorID": training,
		"issue": "培训台账不完整", "requirement": "补齐2023年培训签到表", "dueDate": "2024-06-30"}}, &raised)
	item := raised.RaiseRectification.ID
	minutes, r := attachTo(t, editor, map[string]any{"r": item}, "整改会议纪要.pdf", samplePDF)
	if len(r.Errors) > 0 || minutes.RectificationID == nil || *minutes.RectificationID != item || minutes.Storage != storage {
		t.Fatalf("attaching to the item: %+v %+v", minutes, r.Errors)
	}
	for who, c := range map[string]*caller{"the editor": editor, "the reviewer": reviewer} {
		got := itemFilesOf(t, c, item)
		if got == nil || got.AttachmentCount != 1 || len(got.Attachments) != 1 || got.Attachments[0].ID != minutes.ID {
			t.Errorf("%s reads the item's files: %+v", who, got)
		}
		if resp, body := downloadAttachment(t, c, minutes.ID); resp.StatusCode != http.StatusOK || !bytes.Equal(body, samplePDF) {
			t.Errorf("%s downloads the item's file: %d", who, resp.StatusCode)
		}
	}
	if got := itemFilesOf(t, other, item); got != nil {
		t.Errorf("another department's editor reads the item: %+v", got)
	}
	if resp, _ := downloadAttachment(t, other, minutes.ID); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another department's editor downloads the item's file: %d", resp.StatusCode)
	}
	_, r = attachTo(t, other, map[string]any{"r": item}, "他们的.pdf", samplePDF)
	refused(t, "another department attaches to the item", r, "NOT_FOUND", "rectificationID", "")
	refused(t, "another department deletes the item's file", post(t, other, deleteFileQ, map[string]any{"id": minutes.ID}), "FORBIDDEN", "", "")
	_, r = attachTo(t, reviewer, map[string]any{"r": item}, "复核.pdf", samplePDF)
	refused(t, "the reviewer attaches to the item", r, "FORBIDDEN", "", "")

	// Answered, the answer's files stay as they are until the reviewer sends it back.
	extra, _ := attachTo(t, editor, map[string]any{"r": item}, "补充签到表.pdf", samplePDF)
	must(t, editor, answerItem, map[string]any{"id": item, "m": "已补齐签到表", "o": "台账完整"}, nil)
	_, r = attachTo(t, editor, map[string]any{"r": item}, "迟到的.pdf", samplePDF)
	refused(t, "the editor attaches to an answered item", r, "BAD_USER_INPUT", "rectificationID", "RECTIFICATION_STATUS")
	_, r = attachTo(t, admin, map[string]any{"r": item}, "迟到的.pdf", samplePDF)
	refused(t, "the administrator attaches to an answered item", r, "BAD_USER_INPUT", "rectificationID", "RECTIFICATION_STATUS")
	refused(t, "the editor deletes from an answered item", post(t, editor, deleteFileQ, map[string]any{"id": extra.ID}), "BAD_USER_INPUT", "id", "RECTIFICATION_STATUS")
	must(t, reviewer, reject, map[string]any{"id": item, "c": "签到表缺少签字"}, nil)
	must(t, editor, deleteFileQ, map[string]any{"id": extra.ID}, nil)
	if got := itemFilesOf(t, reviewer, item); got == nil || got.AttachmentCount != 1 {
		t.Errorf("after the delete the item has %+v", got)
	}

	// The trail: each upload and delete, with its owner.
	owners := map[string]string{}
	for _, rec := range tr.since() {
		if rec.EntityType != "Attachment" {
			continue
		}
		for _, c := range rec.Changes {
			v := c.After
			if rec.Action == "DELETE" {
				v = c.Before
			}
			if s, ok := v.(string); ok && (c.Field == "monitoringEntryID" || c.Field == "rectificationID") {
				owners[rec.Action+" "+c.Field+" "+s] = rec.ActorName
			}
		}
	}
	for _, want := range []string{"CREATE monitoringEntryID " + entry, "DELETE monitoringEntryID " + entry,
		"CREATE monitoringEntryID " + draftEntry, "DELETE monitoringEntryID " + draftEntry,
		"CREATE rectificationID " + item, "DELETE rectificationID " + item} {
		if _, ok := owners[want]; !ok {
			t.Errorf("no audit record %s in %v", want, owners)
		}
	}
	if dir != "" {
		want := []string{onIndicator.ID + "-" + onIndicator.Sha256, sheet.ID + "-" + sheet.Sha256, minutes.ID + "-" + minutes.Sha256}
		slices.Sort(want)
		if got := dirFiles(t, dir); !slices.Equal(got, want) {
			t.Errorf("the directory holds %v, want %v", got, want)
		}
	}
}

// must2 is the second of two results.
func must2[A, B any](_ A, b B) B { return b }

// submitFilled fills every entry of the report and its budget part with what
// submission needs, then submits it.
func submitFilled(t *testing.T, editor *caller, report string) {
	t.Helper()
	for _, e := range must2(entriesOf(t, editor, report)) {
		in := map[string]any{"causeCategory": "OTHER", "cause": "原因", "measure": "措施", "overrideReason": "说明"}
		if e.Indicator.Kind == "QUALITATIVE" {
			in["likelihoodOverride"] = "LIKELY"
		} else {
			in["valueToDate"] = "30"
		}
		must(t, editor, setMonEntry, map[string]any{"r": report, "i": e.Indicator.ID, "in": in}, nil)
	}
	must(t, editor, setMonBudget, map[string]any{"r": report, "in": map[string]any{"cause": "原因", "measure": "措施"}}, nil)
	rep := monitoringOf(t, post(t, editor, submitMon, map[string]any{"id": report}))
	if rep.Status != "SUBMITTED" {
		t.Fatalf("submitting: %+v", rep.SubmitProblems)
	}
}
