package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

var (
	xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) ([nf])\s*$`)
	pageType  = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pageCount = regexp.MustCompile(`/Type\s*/Pages[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages`)
	startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
)

// structure checks, without poppler, that data is a PDF a reader can open:
// the header, the cross-reference table at the offset the trailer gives, each
// object where the table says, the trailer's size and root; it returns the
// number of page objects, which the page tree's count must match.
func structure(t *testing.T, data []byte) int {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		t.Fatalf("the file starts %q", data[:min(8, len(data))])
	}
	m := startXref.FindSubmatch(data)
	if m == nil {
		t.Fatal("no startxref and end-of-file marker at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref")) {
		t.Fatalf("startxref %d does not point at the xref table", at)
	}
	xref := data[at:]
	trailer := bytes.Index(xref, []byte("trailer"))
	if trailer < 0 {
		t.Fatal("no trailer after the xref table")
	}
	entries := xrefEntry.FindAllSubmatch(xref[:trailer], -1)
	for i, e := range entries {
		if string(e[3]) != "n" {
			continue
		}
		off, _ := strconv.Atoi(string(e[1]))
		if want := strconv.Itoa(i) + " 0 obj"; off >= len(data) || !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %q, not %q", i, data[off:min(off+12, len(data))], want)
		}
	}
	size := regexp.MustCompile(`/Size\s+(\d+)`).FindSubmatch(xref[trailer:])
	if size == nil || string(size[1]) != strconv.Itoa(len(entries)) {
		t.Errorf("the trailer's /Size is %q, the table has %d entries", size, len(entries))
	}
	if !regexp.MustCompile(`/Root\s+\d+\s+0\s+R`).Match(xref[trailer:]) {
		t.Error("the trailer names no /Root")
	}
	pages := len(pageType.FindAll(data, -1))
	c := pageCount.FindSubmatch(data)
	if c == nil {
		t.Fatal("no page tree with a /Count")
	}
	if n, _ := strconv.Atoi(string(append(c[1], c[2]...))); n != pages {
		t.Errorf("the page tree counts %d pages, the file holds %d page objects", n, pages)
	}
	return pages
}
