package app

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Evidence (佐证材料) through the API, on the demo's seed: an editor attaches files
// to the office's indicators and downloads them as attachments; the limits refuse
// files too large, disguised or of other types, naming them; the access rules are
// the indicator's (another department's editor neither reads nor attaches, the
// public reads a published year's); an attachment goes with its indicator, its
// file once the deletion has committed; every change is in the audit trail,
// never the bytes. Once with the bytes in the database, once in a directory.

func TestEvidence(t *testing.T) {
	stores(t, func(t *testing.T, db string) { evidence(t, db, "") })
}

func TestEvidenceInDirectory(t *testing.T) {
	stores(t, func(t *testing.T, db string) { evidence(t, db, filepath.Join(t.TempDir(), "attachments")) })
}

const attachQuery = `mutation($id: ID!, $file: Upload!) { attachToIndicator(indicatorID: $id, file: $file) {
	id fileName contentType size sha256 storage uploadedByID uploadedByName url indicator { id } } }`

const attachmentsOf = `query($id: ID!) { node(id: $id) { ... on Indicator { attachmentCount
	attachments { id fileName contentType size sha256 uploadedByID uploadedByName url } } } }`

type attachmentAnswer struct {
	ID, FileName, ContentType, Sha256, Storage, UploadedByName, URL string
	Size                                                            int64
	UploadedByID                                                    *string
	Indicator                                                       struct{ ID string }
}

// uploadNamed sends query as c with data as the variable "file", named name and
// declared as contentType by the client, as a GraphQL multipart request.
func uploadNamed(t testing.TB, c *caller, query string, vars map[string]any, name, contentType string, data []byte) (int, gqlResponse) {
	t.Helper()
	vars["file"] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.file"]}`)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="0"; filename="%s"`, name))
	h.Set("Content-Type", contentType)
	part, _ := mw.CreatePart(h)
	_, _ = part.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.url+"/query", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, raw := c.send(t, req)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("decoding the answer (status %d): %v: %s", resp.StatusCode, err, raw)
	}
	return resp.StatusCode, out
}

// attach uploads a file that must be accepted.
func attach(t *testing.T, c *caller, indicator, name string, data []byte) attachmentAnswer {
	t.Helper()
	status, r := uploadNamed(t, c, attachQuery, map[string]any{"id": indicator}, name, "application/octet-stream", data)
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("attaching %s: status %d, %+v", name, status, r.Errors)
	}
	var out struct{ AttachToIndicator attachmentAnswer }
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	return out.AttachToIndicator
}

// listAttachments is an indicator's attachments as c reads them, and their count.
func listAttachments(t *testing.T, c *caller, indicator string) ([]attachmentAnswer, int) {
	t.Helper()
	var out struct {
		Node *struct {
			AttachmentCount int
			Attachments     []attachmentAnswer
		}
	}
	must(t, c, attachmentsOf, map[string]any{"id": indicator}, &out)
	if out.Node == nil {
		return nil, -1
	}
	return out.Node.Attachments, out.Node.AttachmentCount
}

// Sample files.
var (
	samplePDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	samplePNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	sampleEXE = append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00"), bytes.Repeat([]byte{0}, 100)...)
)

func sampleDOCX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := zw.Create(n)
		_, _ = w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func hexSHA(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// downloadAttachment GETs an attachment as c.
func downloadAttachment(t *testing.T, c *caller, id string) (*http.Response, []byte) {
	t.Helper()
	return download(t, c, "/files/attachments/"+id)
}

// dirFiles lists the files of the attachments directory.
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func reasonOf(r gqlResponse) (code, field, reason string, params map[string]any) {
	if len(r.Errors) == 0 {
		return "", "", "", nil
	}
	x := r.Errors[0].Extensions
	code, _ = x["code"].(string)
	field, _ = x["field"].(string)
	reason, _ = x["reason"].(string)
	params, _ = x["params"].(map[string]any)
	return code, field, reason, params
}

func evidence(t *testing.T, db, dir string) {
	args := []string{"--demo=seed", "--attachments-max-size", "1MiB"}
	storage := "DATABASE"
	if dir != "" {
		args = append(args, "--attachments-dir", dir)
		storage = "DIRECTORY"
	}
	srv := startServer(t, db, args...)
	admin, editor := srv.admin(t), srv.as(t, "editor")
	tr := &trail{t: t, admin: admin}
	tr.since()
	evs := seedEvaluations(t, admin, "440115-001")
	overall := evs[0]
	indicatorOf := func(name string) string {
		for _, ind := range overall.Indicators {
			if ind.Name == name {
				return ind.ID
			}
		}
		t.Fatalf("no indicator %s", name)
		return ""
	}
	training := indicatorOf("业务岗位培训人数")
	ed := whoAmI(t, editor)

	// An upload and its download, byte for byte, as an attachment.
	pdf := attach(t, editor, training, "2023年培训签到表.pdf", samplePDF)
	if pdf.FileName != "2023年培训签到表.pdf" || pdf.ContentType != "application/pdf" || pdf.Size != int64(len(samplePDF)) ||
		pdf.Sha256 != hexSHA(samplePDF) || pdf.Storage != storage || pdf.UploadedByName != ed.name ||
		pdf.UploadedByID == nil || *pdf.UploadedByID != ed.id || pdf.URL != "/files/attachments/"+pdf.ID || pdf.Indicator.ID != training {
		t.Errorf("the attachment: %+v", pdf)
	}
	resp, body := downloadAttachment(t, editor, pdf.ID)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, samplePDF) {
		t.Fatalf("download: %d, %d bytes", resp.StatusCode, len(body))
	}
	for header, want := range map[string]string{
		"Content-Type":            "application/pdf",
		"Content-Disposition":     `attachment; filename="2023______.pdf"; filename*=UTF-8''2023%E5%B9%B4%E5%9F%B9%E8%AE%AD%E7%AD%BE%E5%88%B0%E8%A1%A8.pdf`,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
		"Cache-Control":           "private, no-store",
		"Content-Length":          fmt.Sprint(len(samplePDF)),
	} {
		if got := resp.Header.Get(header); got != want {
			t.Errorf("download %s: %q, want %q", header, got, want)
		}
	}
	// A resumed download: a range of it.
	req, _ := http.NewRequest(http.MethodGet, editor.url+pdf.URL, nil)
	req.Header.Set("Range", "bytes=0-4")
	if resp, body := editor.send(t, req); resp.StatusCode != http.StatusPartialContent || string(body) != "%PDF-" {
		t.Errorf("a range: %d %q", resp.StatusCode, body)
	}
	docx := attach(t, editor, training, `C:\Users\li\Desktop\培训通知<终稿>.docx`, sampleDOCX(t))
	if docx.FileName != "培训通知_终稿_.docx" || docx.ContentType != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("the docx: %+v", docx)
	}
	if list, n := listAttachments(t, editor, training); n != 2 || len(list) != 2 || list[0].ID != pdf.ID || list[1].ID != docx.ID {
		t.Errorf("the indicator's attachments: %d %+v", n, list)
	}
	if dir != "" {
		want := []string{pdf.ID + "-" + pdf.Sha256, docx.ID + "-" + docx.Sha256}
		slices.Sort(want)
		if got := dirFiles(t, dir); !slices.Equal(got, want) {
			t.Errorf("the directory holds %v, want %v", got, want)
		}
		if b, err := os.ReadFile(filepath.Join(dir, pdf.ID+"-"+pdf.Sha256)); err != nil || !bytes.Equal(b, samplePDF) {
			t.Errorf("the file: %v", err)
		}
	}

	// The audit trail: the attachment's name, type, size and hash, never its bytes.
	records := tr.since()
	if len(records) != 2 {
		t.Fatalf("%d audit records for two uploads: %s", len(records), jsonText(records))
	}
	r := records[0]
	fields := map[string]any{}
	for _, c := range r.Changes {
		if c.Before != nil {
			t.Errorf("a CREATE's %s before: %v", c.Field, c.Before)
		}
		fields[c.Field] = c.After
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range fields {
			if !yield(k) {
				return
			}
		}
	})
	if r.Action != "CREATE" || r.EntityType != "Attachment" || fmt.Sprint(r.EntityID) != pdf.ID || r.ActorName != ed.name ||
		strings.Join(names, " ") != "contentType createdAt fileName indicatorID monitoringEntryID rectificationID sha256 size storage uploadedByID uploadedByName" ||
		fields["fileName"] != pdf.FileName || fields["sha256"] != pdf.Sha256 || fields["size"] != float64(len(samplePDF)) ||
		fields["indicatorID"] != training || fields["monitoringEntryID"] != nil || fields["rectificationID"] != nil || fields["storage"] != storage {
		t.Errorf("the upload's record: %s", jsonText(r))
	}

	// The limits, each naming the file: too large (checked before it is read), too
	// large for the HTTP layer, empty, disguised, another type, unknown. The
	// client's declared type is ignored.
	big := append(append([]byte{}, samplePDF...), make([]byte, 3<<19)...) // 1.5 MiB
	for _, tt := range []struct {
		name     string
		declared string
		data     []byte
		reason   string
		params   map[string]string
	}{
		{"现场照片.pdf", "application/pdf", big, "FILE_TOO_LARGE", map[string]string{"name": "现场照片.pdf", "size": fmt.Sprint(len(big)), "max": fmt.Sprint(1 << 20)}},
		{"空文件.pdf", "application/pdf", nil, "FILE_EMPTY", map[string]string{"name": "空文件.pdf"}},
		{"自评报告.pdf", "application/pdf", sampleEXE, "FILE_TYPE_NOT_ALLOWED", map[string]string{"name": "自评报告.pdf", "detected": "application/octet-stream", "extension": ".pdf"}},
		{"截图.pdf", "application/pdf", samplePNG, "FILE_TYPE_MISMATCH", map[string]string{"name": "截图.pdf", "detected": "image/png", "extension": ".pdf"}},
		{"说明.txt", "text/plain", []byte("<html><script>alert(1)</script></html>"), "FILE_TYPE_NOT_ALLOWED", map[string]string{"name": "说明.txt", "detected": "text/html", "extension": ".txt"}},
		{"setup.exe", "application/pdf", sampleEXE, "FILE_TYPE_NOT_ALLOWED", map[string]string{"name": "setup.exe", "detected": "application/octet-stream", "extension": ".exe"}},
	} {
		_, r := uploadNamed(t, editor, attachQuery, map[string]any{"id": training}, tt.name, tt.declared, tt.data)
		code, field, reason, params := reasonOf(r)
		if code != "BAD_USER_INPUT" || field != "file" || reason != tt.reason || !strings.Contains(r.Errors[0].Message, tt.name) {
			t.Errorf("%s: %+v, want BAD_USER_INPUT on file, %s", tt.name, r.Errors, tt.reason)
			continue
		}
		for k, v := range tt.params {
			if params[k] != v {
				t.Errorf("%s: params %v, want %s=%s", tt.name, params, k, v)
			}
		}
	}
	status, tooBig := uploadNamed(t, editor, attachQuery, map[string]any{"id": training}, "航拍视频.pdf", "application/pdf", make([]byte, 11<<20))
	if code, field, reason, params := reasonOf(tooBig); status != http.StatusRequestEntityTooLarge || code != "BAD_USER_INPUT" ||
		field != "file" || reason != "FILE_TOO_LARGE" || params["name"] != "航拍视频.pdf" || params["max"] != fmt.Sprint(10<<20) {
		t.Errorf("11 MiB: status %d, %+v", status, tooBig.Errors)
	}
	tr.expect("refused files")
	if dir != "" && len(dirFiles(t, dir)) != 2 {
		t.Errorf("refused files left files: %v", dirFiles(t, dir))
	}

	// Access: the indicator's. Another department's editor neither reads, downloads,
	// attaches nor deletes; reviewers and analysts read and download but change
	// nothing; nobody signed in reads nothing until the year is published.
	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	var depts struct {
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ departments(where: {code: "440115-002"}) { edges { node { id } } } }`, nil, &depts)
	createUser(t, admin, "othereditor", "EDITOR", depts.Departments.Edges[0].Node.ID)
	srv.accounts["othereditor"] = "othereditor-password-1"
	other := srv.as(t, "othereditor")
	theirs := attach(t, other, neighbour.Indicators[0].ID, "他们的材料.pdf", samplePDF)
	anonymous := srv.anonymous()
	reviewer, analyst := srv.as(t, "reviewer"), srv.as(t, "analyst")
	for _, tt := range []struct {
		who           string
		c             *caller
		read          bool
		attach, erase string // the code of attaching and deleting
	}{
		{"another department's editor", other, false, "NOT_FOUND", "FORBIDDEN"},
		{"nobody signed in", anonymous, false, "UNAUTHENTICATED", "UNAUTHENTICATED"},
		{"a reviewer", reviewer, true, "FORBIDDEN", "FORBIDDEN"},
		{"an analyst", analyst, true, "FORBIDDEN", "FORBIDDEN"},
	} {
		resp, _ := downloadAttachment(t, tt.c, pdf.ID)
		var list struct {
			Node *struct{ Attachments []struct{ ID string } }
		}
		_ = json.Unmarshal(post(t, tt.c, attachmentsOf, map[string]any{"id": training}).Data, &list)
		var node struct{ Node *struct{ ID string } }
		_ = json.Unmarshal(post(t, tt.c, nodeQuery, map[string]any{"id": pdf.ID}).Data, &node)
		listed := list.Node != nil && len(list.Node.Attachments) == 2
		if tt.read != (resp.StatusCode == http.StatusOK) || tt.read != listed || tt.read != (node.Node != nil) {
			t.Errorf("%s reads: download %d, list %+v, node %v", tt.who, resp.StatusCode, list.Node, node.Node)
		}
		if !tt.read {
			// Hidden exactly as a missing one is.
			missing, _ := downloadAttachment(t, tt.c, fmt.Sprint(atoi(t, pdf.ID)+100000))
			if resp.StatusCode != http.StatusNotFound || missing.StatusCode != http.StatusNotFound {
				t.Errorf("%s: download %d, a missing one %d", tt.who, resp.StatusCode, missing.StatusCode)
			}
		}
		_, r := uploadNamed(t, tt.c, attachQuery, map[string]any{"id": training}, "x.pdf", "application/pdf", samplePDF)
		if code(r) != tt.attach {
			t.Errorf("%s attaches: %+v, want %s", tt.who, r.Errors, tt.attach)
		}
		if r := post(t, tt.c, `mutation($id: ID!) { deleteAttachment(id: $id) }`, map[string]any{"id": pdf.ID}); code(r) != tt.erase {
			t.Errorf("%s deletes: %+v, want %s", tt.who, r.Errors, tt.erase)
		}
	}
	if resp, _ := downloadAttachment(t, editor, theirs.ID); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the office's editor downloads the neighbour's: %d", resp.StatusCode)
	}
	tr.since() // the other editor's upload

	// Deleting an attachment: its row, its bytes, its file; recorded.
	_, r2 := uploadNamed(t, editor, attachQuery, map[string]any{"id": training}, "作废.pdf", "application/pdf", samplePDF)
	var gone struct{ AttachToIndicator attachmentAnswer }
	_ = json.Unmarshal(r2.Data, &gone)
	tr.since()
	mustOK(t, editor, `mutation($id: ID!) { deleteAttachment(id: $id) }`, map[string]any{"id": gone.AttachToIndicator.ID})
	if resp, _ := downloadAttachment(t, admin, gone.AttachToIndicator.ID); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a deleted attachment downloads: %d", resp.StatusCode)
	}
	if records := tr.since(); len(records) != 1 || records[0].Action != "DELETE" || records[0].EntityType != "Attachment" ||
		records[0].ActorName != ed.name || fmt.Sprint(records[0].EntityID) != gone.AttachToIndicator.ID {
		t.Errorf("the delete's records: %s", jsonText(records))
	}

	// With its indicator (a project's, removed by importing its form without it): a
	// dry run keeps everything (its transaction rolls back, the files stay);
	// applied, the indicator's attachments go with it, and their files after the commit.
	// The project's last row: removing it leaves every merged level name in place.
	project := evs[1]
	victim := project.Indicators[len(project.Indicators)-1]
	m1 := attach(t, editor, victim.ID, "会议签到1.pdf", samplePDF)
	m2 := attach(t, editor, victim.ID, "会议照片.png", samplePNG)
	tr.since()
	w := openWorkbook(t, formOf(t, editor, project.ID))
	if err := w.x.RemoveRow(formSheet, w.row("D", victim.Name)); err != nil {
		t.Fatal(err)
	}
	edited := w.bytes()
	if dry := importAs(t, editor, project.ID, edited, true); len(dry.Changes) != 1 || len(dry.Problems) > 0 || dry.Applied {
		t.Fatalf("the dry run: %+v", dry)
	}
	tr.expect("the dry run")
	for _, a := range []attachmentAnswer{m1, m2} {
		if resp, _ := downloadAttachment(t, editor, a.ID); resp.StatusCode != http.StatusOK {
			t.Errorf("after the dry run, %s: %d", a.FileName, resp.StatusCode)
		}
	}
	if dir != "" && len(dirFiles(t, dir)) != 5 {
		t.Errorf("after the dry run the directory holds %v", dirFiles(t, dir))
	}
	if applied := importAs(t, editor, project.ID, edited, false); !applied.Applied {
		t.Fatalf("the import: %+v", applied)
	}
	actions := map[string]int{}
	for _, r := range tr.since() {
		actions[r.Action+" "+r.EntityType]++
	}
	if fmt.Sprint(actions) != "map[DELETE Attachment:2 DELETE Indicator:1]" {
		t.Errorf("the import's records: %v", actions)
	}
	for _, a := range []attachmentAnswer{m1, m2} {
		if resp, _ := downloadAttachment(t, admin, a.ID); resp.StatusCode != http.StatusNotFound {
			t.Errorf("after the indicator's deletion, %s: %d", a.FileName, resp.StatusCode)
		}
	}
	var left struct {
		Attachments struct{ TotalCount int }
	}
	must(t, admin, `{ attachments { totalCount } }`, nil, &left)
	if left.Attachments.TotalCount != 3 { // the office's pdf and docx, the neighbour's pdf
		t.Errorf("%d attachments left, want 3", left.Attachments.TotalCount)
	}
	if dir != "" && len(dirFiles(t, dir)) != 3 {
		t.Errorf("after the indicator's deletion the directory holds %v", dirFiles(t, dir))
	}

	// Under review the evidence is locked with the indicators; published, the public
	// reads and downloads it, without the uploader's name.
	mustOK(t, editor, submitQuery, map[string]any{"id": overall.ID})
	_, r3 := uploadNamed(t, editor, attachQuery, map[string]any{"id": training}, "迟到的材料.pdf", "application/pdf", samplePDF)
	if code(r3) != "LOCKED" {
		t.Errorf("attaching under review: %+v", r3.Errors)
	}
	if r := post(t, editor, `mutation($id: ID!) { deleteAttachment(id: $id) }`, map[string]any{"id": pdf.ID}); code(r) != "LOCKED" {
		t.Errorf("deleting under review: %+v", r.Errors)
	}
	mustOK(t, admin, approveQuery, map[string]any{"id": overall.ID})
	mustOK(t, admin, publishQuery, map[string]any{"id": overall.ID})
	if resp, body := downloadAttachment(t, anonymous, pdf.ID); resp.StatusCode != http.StatusOK || !bytes.Equal(body, samplePDF) {
		t.Errorf("the public downloads a published year's evidence: %d", resp.StatusCode)
	}
	if list, n := listAttachments(t, anonymous, training); n != 2 || len(list) != 2 || list[0].UploadedByName != "" || list[0].UploadedByID != nil {
		t.Errorf("the public's list: %d %+v", n, list)
	}
	if resp, _ := downloadAttachment(t, anonymous, theirs.ID); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the public downloads an unpublished year's evidence: %d", resp.StatusCode)
	}
}
