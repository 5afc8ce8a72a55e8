package docx

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"jixiao/platform/doc"
	"jixiao/platform/doc/doctest"
)

// TestLibreOfficeOpens converts the report to PDF with LibreOffice, as a
// stand-in for Word, and reads it back with pdftotext: the file opens, every
// text is there in order, and the footer's PAGE field numbers every page. It
// needs LibreOffice (Debian: libreoffice-writer-nogui) and poppler-utils, which
// .ci/run installs; a developer's machine without them skips it, and so does
// -short, which leaves out work that starts other programs.
func TestLibreOfficeOpens(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed (Debian: apt-get install --no-install-recommends libreoffice-writer-nogui)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
	}
	if testing.Short() {
		t.Skip("-short: converting with LibreOffice starts an office suite (seconds); make test runs it")
	}
	d := doctest.Report()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "report.docx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+dir+"/profile",
		"--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "report.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("LibreOffice wrote no PDF: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	if len(pages) < 5 {
		t.Errorf("%d pages, want the report's several", len(pages))
	}
	var text string
	for i, p := range pages {
		p = strings.Join(strings.Fields(p), "")
		number := fmt.Sprintf("—%d—", i+1)
		if !strings.Contains(p, number) {
			t.Errorf("page %d has no page number %s", i+1, number)
		}
		text += squeeze(strings.Replace(p, number, "", 1))
	}
	// Headings and paragraphs: pdftotext reads a table's rows across its
	// cells, so tables are left out.
	var texts []string
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Heading:
			texts = append(texts, b.Number+b.Text)
		case doc.Paragraph:
			texts = append(texts, b.Text())
		}
	}
	at := 0
	for _, s := range texts {
		i := strings.Index(text[at:], squeeze(s))
		if i < 0 {
			t.Fatalf("%q is not in LibreOffice's PDF after byte %d", s, at)
		}
		at += i + len(squeeze(s))
	}
}

// squeeze drops whitespace, where lines wrap, and punctuation, which
// LibreOffice hangs in the margin at a line's end where pdftotext may miss it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			return -1
		}
		return r
	}, s)
}
