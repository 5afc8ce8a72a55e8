// Package doc is a document as its renderers see it: a title, then headings,
// paragraphs and tables in reading order, and nothing about fonts or pages.
// A generator (the self-evaluation report, later the project report) builds
// one; package docx writes it as Word, package pdf as PDF, both laid out as an
// official report (page.go).
package doc

// Document is one document to render.
type Document struct {
	// Title is centred at the top of the first page; a "\n" breaks it where
	// its author wants (official titles break between phrases), and a longer
	// line is wrapped as well.
	Title string
	// Subtitle is centred under the title: "（2023年度）". Optional.
	Subtitle string
	// Signature lines close the document on the right (落款): the issuing
	// unit, then the date. Optional.
	Signature []string
	Blocks    []Block
	// Landscape turns the page (A4 landscape) for wide forms such as the
	// monitoring form; the margins stay the official ones. Word only: the PDF
	// renderer lays out portrait pages.
	Landscape bool
}

// Block is a Heading, a Paragraph, a Table or a PageBreak.
type Block interface{ block() }

// Heading is a numbered heading. Its number is printed as given, never
// computed, so that a document keeps the numbering its generator chose.
type Heading struct {
	// Level is 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）; renderers give each
	// level the face an official report gives it.
	Level  int
	Number string
	Text   string
}

// Paragraph is a paragraph of body text: its runs, printed one after the
// other. A "\n" inside a run breaks the line.
type Paragraph struct {
	Runs  []Run
	Align Align // AlignStart paragraphs are justified, their first line indented two characters
}

// Run is text with one emphasis.
type Run struct {
	Text string
	Bold bool
}

// Table is a table with ruled cells, its header rows repeated on every page it
// spans.
type Table struct {
	// Title is the caption above the table: "表1 部门整体支出绩效自评指标得分情况".
	Title  string
	Header []Row
	Rows   []Row
	// Widths are the columns' relative widths; nil lets the renderers share
	// the page's width out by the cells' text (Grid.Widths).
	Widths []float64
}

// Row is one row of cells. A cell spanning several rows or columns covers the
// places to its right and below it, which those rows leave out (as in HTML).
type Row struct{ Cells []Cell }

// Cell is one table cell.
type Cell struct {
	Text             string
	ColSpan, RowSpan int // 0 counts as 1
	Align            Align
}

// Align is where a paragraph's or a cell's lines sit.
type Align int

const (
	AlignStart Align = iota
	AlignCenter
	AlignEnd
)

// PageBreak starts a new page.
type PageBreak struct{}

func (Heading) block()   {}
func (Paragraph) block() {}
func (Table) block()     {}
func (PageBreak) block() {}

// Text is a paragraph of plain text.
func Text(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s}}} }

// Text is the paragraph's text, its runs joined.
func (p Paragraph) Text() string {
	s := ""
	for _, r := range p.Runs {
		s += r.Text
	}
	return s
}
