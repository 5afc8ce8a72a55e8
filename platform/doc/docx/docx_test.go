package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"jixiao/platform/doc"
	"jixiao/platform/doc/doctest"
)

// unzip writes d and returns its parts by name.
func unzip(t *testing.T, d doc.Document) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("JIXIAO_DOC_OUT"); out != "" {
		// Keep the file to open it in Word or LibreOffice.
		if err := os.WriteFile(out+"/"+t.Name()+".docx", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = data
	}
	return parts
}

// elements parses an XML part: every element by local name, in document order.
func elements(t *testing.T, name string, data []byte) []xml.StartElement {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			out = append(out, se)
		}
	}
}

func value(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func find(els []xml.StartElement, local string) []xml.StartElement {
	var out []xml.StartElement
	for _, e := range els {
		if e.Name.Local == local {
			out = append(out, e)
		}
	}
	return out
}

func TestEveryPartParses(t *testing.T) {
	parts := unzip(t, doctest.Report())
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
		"word/fontTable.xml", "word/footer1.xml"}
	for _, name := range want {
		data, ok := parts[name]
		if !ok {
			t.Errorf("no part %s", name)
			continue
		}
		elements(t, name, data)
	}
	if len(parts) != len(want) {
		t.Errorf("%d parts, want %d", len(parts), len(want))
	}
	// Every relationship's target is a part of the package.
	for _, rels := range []string{"_rels/.rels", "word/_rels/document.xml.rels"} {
		dir := strings.TrimSuffix(strings.TrimPrefix(rels, "_rels/.rels"), "_rels/document.xml.rels")
		for _, r := range find(elements(t, rels, parts[rels]), "Relationship") {
			if _, ok := parts[dir+value(r, "Target")]; !ok {
				t.Errorf("%s names %s, which is missing", rels, value(r, "Target"))
			}
		}
	}
}

func TestPageIsA4WithOfficialMargins(t *testing.T) {
	els := elements(t, "document.xml", unzip(t, doctest.Report())["word/document.xml"])
	sz, mar := find(els, "pgSz"), find(els, "pgMar")
	if len(sz) != 1 || len(mar) != 1 {
		t.Fatalf("%d pgSz and %d pgMar, want one section", len(sz), len(mar))
	}
	for _, c := range []struct {
		el        xml.StartElement
		attr, val string
	}{
		{sz[0], "w", "11906"}, {sz[0], "h", "16838"},
		{mar[0], "top", "2098"}, {mar[0], "bottom", "1984"}, {mar[0], "left", "1587"}, {mar[0], "right", "1474"},
	} {
		if got := value(c.el, c.attr); got != c.val {
			t.Errorf("%s %s = %s, want %s", c.el.Name.Local, c.attr, got, c.val)
		}
	}
	if refs := find(els, "footerReference"); len(refs) != 1 || value(refs[0], "id") != footerID {
		t.Errorf("the section's footer references are %v", refs)
	}
}

func TestFooterHasPageField(t *testing.T) {
	data := unzip(t, doc.Document{Blocks: []doc.Block{doc.Text("正文")}})["word/footer1.xml"]
	els := elements(t, "footer1.xml", data)
	var chars []string
	for _, e := range find(els, "fldChar") {
		chars = append(chars, value(e, "fldCharType"))
	}
	if strings.Join(chars, " ") != "begin separate end" {
		t.Errorf("the footer's field characters are %v", chars)
	}
	if !bytes.Contains(data, []byte(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`)) {
		t.Error("the footer has no PAGE field")
	}
	if text := texts(t, data); text != "— 1 —" {
		t.Errorf("the footer reads %q, want — 1 —", text)
	}
}

// texts is the text of a part's w:t elements, joined.
func texts(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	in := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "t"
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in {
				b.Write(tok)
			}
		}
	}
}

func TestTextInOrder(t *testing.T) {
	d := doctest.Report()
	body := texts(t, unzip(t, d)["word/document.xml"])
	at := 0
	for _, s := range d.Texts() {
		i := strings.Index(body[at:], s)
		if i < 0 {
			t.Fatalf("%q is not in document.xml after byte %d", s, at)
		}
		at += i + len(s)
	}
}

func TestStyles(t *testing.T) {
	parts := unzip(t, doctest.Report())
	styles := map[string][]xml.StartElement{} // by style id, the elements inside it
	var id string
	for _, e := range elements(t, "styles.xml", parts["word/styles.xml"]) {
		if e.Name.Local == "style" {
			id = value(e, "styleId")
		}
		styles[id] = append(styles[id], e)
	}
	tests := []struct {
		style, element, attr, want string
	}{
		{"", "rFonts", "eastAsia", bodyFace}, // the defaults: 仿宋_GB2312 三号
		{"", "sz", "val", "32"},
		{"Normal", "ind", "firstLineChars", "200"},
		{"", "spacing", "line", "579"}, // 28.95 pt: 22 lines a page
		{"Title", "rFonts", "eastAsia", "方正小标宋简体"},
		{"Title", "sz", "val", "44"},
		{"Title", "jc", "val", "center"},
		{"Heading1", "rFonts", "eastAsia", "黑体"},
		{"Heading2", "rFonts", "eastAsia", "楷体_GB2312"},
		{"Heading3", "b", "", ""},
		{"TableText", "sz", "val", "21"},
		{"Footer", "sz", "val", "28"},
	}
	for _, tt := range tests {
		found := false
		for _, e := range styles[tt.style] {
			if e.Name.Local == tt.element && (tt.attr == "" || value(e, tt.attr) == tt.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("style %q has no %s with %s=%q", tt.style, tt.element, tt.attr, tt.want)
		}
	}
	// Each heading level names its style; the numbers are the document's own.
	els := elements(t, "document.xml", parts["word/document.xml"])
	counts := map[string]int{}
	for _, e := range find(els, "pStyle") {
		counts[value(e, "val")]++
	}
	if counts["Title"] != 1 || counts["Heading1"] != 4 || counts["Heading2"] == 0 || counts["Heading3"] == 0 || counts["Heading4"] == 0 || counts["Caption"] != 1 {
		t.Errorf("paragraph styles used: %v", counts)
	}
	// Word falls back to Windows' faces where the GB2312 ones are missing.
	fonts := elements(t, "fontTable.xml", parts["word/fontTable.xml"])
	if alt := find(fonts, "altName"); len(alt) < 4 {
		t.Errorf("fontTable.xml declares %d alternate names", len(alt))
	}
}

func TestTableMerges(t *testing.T) {
	d := doc.Document{Blocks: []doc.Block{doctest.IndicatorTable()}}
	els := elements(t, "document.xml", unzip(t, d)["word/document.xml"])
	var restarts, continues int
	for _, e := range find(els, "vMerge") {
		if value(e, "val") == "restart" {
			restarts++
		} else {
			continues++
		}
	}
	// 履职效能 spans 8 rows, 管理效率 10; 产出 4, 效益 4, 预算执行 3, 运行成本 2.
	if restarts != 6 || continues != 7+9+3+3+2+1 {
		t.Errorf("%d merges restart and %d continue, want 6 and 25", restarts, continues)
	}
	if n := len(find(els, "gridCol")); n != 9 {
		t.Errorf("%d grid columns, want 9", n)
	}
	if n := len(find(els, "tblHeader")); n != 1 {
		t.Errorf("%d header rows repeat, want 1", n)
	}
	// Every row covers the nine columns.
	for i, w := range rowWidths(t, unzip(t, d)["word/document.xml"]) {
		if w != 9 {
			t.Errorf("row %d covers %d columns, want 9", i, w)
		}
	}
}

// rowWidths counts the grid columns each w:tr covers, its cells' spans added.
func rowWidths(t *testing.T, data []byte) []int {
	t.Helper()
	var widths []int
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return widths
		}
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "tr":
				widths = append(widths, 0)
			case "tc":
				widths[len(widths)-1]++
			case "gridSpan":
				n, _ := strconv.Atoi(value(se, "val"))
				widths[len(widths)-1] += n - 1
			}
		}
	}
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name  string
		block doc.Block
		want  string // a fragment of document.xml
	}{
		{"heading 1 in its style, number as given", doc.Heading{Level: 1, Number: "一、", Text: "部门基本情况"},
			`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">一、部门基本情况</w:t>`},
		{"heading 4", doc.Heading{Level: 4, Number: "（1）", Text: "任务一"}, `<w:pStyle w:val="Heading4"/>`},
		{"a bold run", doc.Paragraph{Runs: []doc.Run{{Text: "（1）结转结余率：", Bold: true}, {Text: "正文"}}},
			`<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">（1）结转结余率：</w:t></w:r><w:r><w:t xml:space="preserve">正文</w:t></w:r>`},
		{"a newline breaks the line", doc.Text("一\n二"), `<w:t xml:space="preserve">一</w:t><w:br/><w:t xml:space="preserve">二</w:t>`},
		{"centred, without the indent", doc.Paragraph{Runs: []doc.Run{{Text: "注"}}, Align: doc.AlignCenter},
			`<w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>`},
		{"text is escaped", doc.Text(`a<b&"c"`), `a&lt;b&amp;&#34;c&#34;`},
		{"a page break", doc.PageBreak{}, `<w:br w:type="page"/>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := unzip(t, doc.Document{Blocks: []doc.Block{tt.block}})["word/document.xml"]
			elements(t, "document.xml", data)
			if !bytes.Contains(data, []byte(tt.want)) {
				t.Errorf("document.xml lacks %s:\n%s", tt.want, data)
			}
		})
	}
}

// The same document is the same bytes, so that a download can be cached and
// compared.
func TestSameBytes(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, doctest.Report()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, doctest.Report()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writings of the report differ")
	}
}
