package app

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportDownloads: the seed's report as Word and as PDF, named by its title,
// stating every figure-bearing sentence of the real report (seedReportFigures,
// as TestSeedReport checks the API's report); what the caller may not read
// answers 404.
func TestReportDownloads(t *testing.T) { stores(t, reportDownloads) }

func reportDownloads(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	overall := seedEvaluations(t, editor, "440115-001")[0]
	var title struct {
		Node struct{ Report struct{ Title string } }
	}
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { report { title } } } }`,
		map[string]any{"id": overall.ID}, &title)

	for _, tt := range []struct{ document, contentType string }{
		{"report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"report.pdf", "application/pdf"},
	} {
		t.Run(tt.document, func(t *testing.T) {
			resp, body := download(t, editor, "/files/evaluations/"+overall.ID+"/"+tt.document)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tt.contentType)
			}
			name := title.Node.Report.Title + filepath.Ext(tt.document)
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasSuffix(cd, "filename*=UTF-8''"+url.PathEscape(name)) {
				t.Errorf("Content-Disposition %q, want the name %s, RFC 5987-encoded", cd, name)
			}
			// Lines break anywhere in Chinese text: compare without white space.
			text := unspaced(documentText(t, tt.document, body))
			for _, part := range realSections {
				if !strings.Contains(text, unspaced(part)) {
					t.Errorf("%s lacks the section %s", tt.document, part)
				}
			}
			for _, f := range seedReportFigures {
				if !strings.Contains(text, unspaced(f.text)) {
					t.Errorf("%s does not state 「%s」", tt.document, f.text)
				}
			}
		})
	}

	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	for _, tt := range []struct {
		who    string
		c      *caller
		path   string
		status int
	}{
		{"the editor, another department's", editor, "/files/evaluations/" + neighbour.ID + "/report.pdf", 404},
		{"nobody signed in, a draft", srv.anonymous(), "/files/evaluations/" + overall.ID + "/report.docx", 404},
		{"the administrator, that department's", admin, "/files/evaluations/" + neighbour.ID + "/report.docx", 200},
	} {
		if resp, body := download(t, tt.c, tt.path); resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.who, resp.StatusCode, tt.status, body)
		}
	}
}

// documentText is a download's text: document.xml's character data for a .docx
// (each part must parse), pdftotext's output for a PDF (the test is skipped
// where poppler-utils is missing; .ci/run installs it).
func documentText(t *testing.T, name string, body []byte) string {
	t.Helper()
	if strings.HasSuffix(name, ".pdf") {
		if !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Fatalf("not a PDF: %.20q", body)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Skip("pdftotext is not installed (Debian: poppler-utils; .ci/run installs it)")
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return string(out)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var text strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s does not parse: %v", f.Name, err)
			}
			if cd, ok := tok.(xml.CharData); ok && f.Name == "word/document.xml" {
				text.Write(cd)
			}
		}
		rc.Close()
	}
	return text.String()
}

func unspaced(s string) string {
	return strings.Join(strings.Fields(s), "")
}
