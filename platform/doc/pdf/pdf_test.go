package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"

	"jixiao/platform/doc"
	"jixiao/platform/doc/doctest"
)

// render writes d, keeping the file in $JIXIAO_DOC_OUT when set, to look at.
func render(t testing.TB, d doc.Document) ([]byte, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := Write(&buf, d)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("JIXIAO_DOC_OUT"); out != "" {
		if err := os.WriteFile(filepath.Join(out, t.Name()+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes(), res
}

// reportPages is how many pages the seed report takes: a change in the layout
// shows here first. Look at the pages (JIXIAO_DOC_OUT, pdftoppm) before
// changing it.
const reportPages = 11

func TestReportPages(t *testing.T) {
	data, res := render(t, doctest.Report())
	if res.Pages != reportPages {
		t.Errorf("the report takes %d pages, want %d", res.Pages, reportPages)
	}
	if len(res.Missing) > 0 {
		t.Errorf("the fonts lack %q", res.Missing)
	}
	if n := structure(t, data); n != res.Pages {
		t.Errorf("the file holds %d pages, Write said %d", n, res.Pages)
	}
}

func TestPageCount(t *testing.T) {
	long := make([]doc.Block, 23) // 22 lines a page, and one more
	for i := range long {
		long[i] = doc.Text("一行。")
	}
	tests := []struct {
		name  string
		d     doc.Document
		pages int
	}{
		{"empty", doc.Document{}, 1},
		{"short", doc.Document{Title: "标题", Blocks: []doc.Block{doc.Text("正文。")}}, 1},
		{"22 lines fill a page", doc.Document{Blocks: long[:22]}, 1},
		{"the 23rd starts the next", doc.Document{Blocks: long}, 2},
		{"a break at a page's top adds none", doc.Document{Blocks: []doc.Block{doc.Text("一"), doc.PageBreak{}, doc.PageBreak{}, doc.Text("二")}}, 2},
		{"a table without rows", doc.Document{Blocks: []doc.Block{doc.Table{Title: "表"}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, res := render(t, tt.d)
			if res.Pages != tt.pages {
				t.Errorf("%d pages, want %d", res.Pages, tt.pages)
			}
			if n := structure(t, data); n != res.Pages {
				t.Errorf("the file holds %d pages, Write said %d", n, res.Pages)
			}
		})
	}
}

func TestMissingCharacters(t *testing.T) {
	// 𠮷 is outside GB 2312 (and the BMP), € in neither font.
	_, res := render(t, doc.Document{Blocks: []doc.Block{doc.Text("吉𠮷€")}})
	if want := []rune{'€', '𠮷'}; !reflect.DeepEqual(res.Missing, want) {
		t.Errorf("Missing = %q, want %q", res.Missing, want)
	}
}

// Documents render at once from the one parsed font (run with -race).
func TestConcurrentWrites(t *testing.T) {
	var wg sync.WaitGroup
	pages := make([]int, 4)
	for i := range pages {
		wg.Go(func() {
			var buf bytes.Buffer
			res, err := Write(&buf, doctest.Report())
			if err != nil {
				t.Error(err)
			}
			pages[i] = res.Pages
		})
	}
	wg.Wait()
	for _, n := range pages {
		if n != reportPages {
			t.Fatalf("pages %v, want %d each", pages, reportPages)
		}
	}
}

// TestTextExtracts reads the report back with poppler's pdftotext: every
// text in order, its Chinese intact, a page number on every page, the table's
// header on each page the table spans.
func TestTextExtracts(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: apt-get install poppler-utils; .ci/run installs it)")
	}
	d := doctest.Report()
	data, res := render(t, d)
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the order the text was drawn in: a table cell's lines together.
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	if len(pages) != res.Pages {
		t.Fatalf("pdftotext reads %d pages, want %d", len(pages), res.Pages)
	}
	tablePages := 0
	var text string // the pages' text without their numbers
	for i, p := range pages {
		p = squeeze(p)
		number := fmt.Sprintf("—%d—", i+1)
		if !strings.Contains(p, number) {
			t.Errorf("page %d has no page number %s", i+1, number)
		}
		if strings.Contains(p, "一级指标") {
			tablePages++
		}
		text += strings.Replace(p, number, "", 1)
	}
	if tablePages < 2 {
		t.Errorf("the table's header is on %d pages, want the table split over 2 or more", tablePages)
	}
	if strings.ContainsRune(text, unicode.ReplacementChar) || strings.ContainsRune(text, missingGlyph) {
		t.Error("the text holds replacement characters")
	}
	at := 0
	for _, s := range d.Texts() {
		i := strings.Index(text[at:], squeeze(s))
		if i < 0 {
			t.Fatalf("%q is not in the PDF's text after %q", s, tail(text[:at]))
		}
		at += i + len(squeeze(s))
	}
}

// squeeze drops whitespace: pdftotext puts line ends where lines wrap, and
// spaces where justified lines spread.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func tail(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-20):])
}

// The same document is the same bytes, so that a download can be cached and
// compared.
func TestSameBytes(t *testing.T) {
	a, _ := render(t, doctest.Report())
	b, _ := render(t, doctest.Report())
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the report differ")
	}
}
