// Package report writes the self-evaluation report (绩效自评报告) of an evaluation from
// its data and the texts its department wrote: a department-year's overall report in
// the four parts of the seed report (部门基本情况, 绩效自评情况, 存在的主要问题,
// 下一步改进措施), or a project's own report.
//
// It is pure: an input struct in, a Document out, no database and no GraphQL. Every
// figure it prints arrives in the input as the API serves it (the values package kept
// stores, computed by package scoring); it only formats them, as the seed report
// formats them. Sentences that state figures are generated; what the data cannot
// know is text the department writes per section (a Slot), and until it has written
// it the generator's draft stands in, marked as a draft.
//
// The Document is a tree of numbered sections with paragraphs and tables, so that
// the web app, and later a Word or PDF renderer, walk the same model.
package report

import (
	"strings"
	"unicode"
)

// Kind is what a report evaluates.
type Kind string

const (
	// Department is a department-year's overall report (部门整体支出绩效自评报告).
	Department Kind = "DEPARTMENT"
	// Project is a project's report (项目支出绩效自评报告).
	Project Kind = "PROJECT"
)

// Document is one generated report.
type Document struct {
	Kind     Kind
	Title    string
	Sections []*Section
}

// Section is a numbered part of the report. Its paragraphs come first, then its
// tables, then its sub-sections.
type Section struct {
	// Key names the section stably, whatever else the report holds: "1.5", "2.3.2.1".
	// A department's texts are stored under it.
	Key string
	// Number is the section's number as printed: "一、", "（三）", "2.", "（1）".
	Number string
	Title  string
	// Level is 1 for the four parts, 2 for （一）, 3 for 1., 4 for （1）.
	Level int
	// RunIn sections print their heading at the start of their first paragraph
	// ("（1）结转结余率：本部门年末结转结余…"), as the seed report does.
	RunIn      bool
	Paragraphs []Paragraph
	Tables     []Table
	Sections   []*Section
	// Text is the department's own text of the section; nil when the generator
	// writes the section alone.
	Text *Slot
}

// Paragraph is one paragraph of a section.
type Paragraph struct {
	Text string
	// Generated paragraphs are written by the generator from the data (figures,
	// names, ratings); the others are texts people stored.
	Generated bool
	// Draft marks the generator's first draft of text the department has not
	// written yet (Section.Text): it stands in until the department writes its own.
	Draft bool
}

// Store is where a section's department text is kept.
type Store string

const (
	// StoreReportText is a ReportText row of the evaluation, under the section's key.
	StoreReportText Store = "REPORT_TEXT"
	// StoreConclusion, StoreProblems and StoreImprovements are the evaluation's own
	// fields (自评结论, 存在的主要问题, 下一步改进措施), which the forms print too.
	StoreConclusion   Store = "CONCLUSION"
	StoreProblems     Store = "PROBLEMS"
	StoreImprovements Store = "IMPROVEMENTS"
)

// Slot is the department-written text of a section.
type Slot struct {
	Store Store
	// Written is what the department wrote; empty until it has.
	Written string
	// Draft is the generator's first draft, shown while Written is empty.
	Draft string
}

// Table is a table of a section, for a renderer to draw with ruled cells.
type Table struct {
	Title string
	// Header rows, then body rows. A cell spanning several rows or columns covers
	// the cells to its right and below it, which those rows leave out (as in HTML).
	Header []Row
	Rows   []Row
}

// Row is one row of cells.
type Row struct{ Cells []Cell }

// Cell is one table cell.
type Cell struct {
	Text             string
	RowSpan, ColSpan int // at least 1
	// Numeric cells hold a figure: renderers align them right.
	Numeric bool
}

// Walk calls f on every section in document order, each before its sub-sections.
func (d *Document) Walk(f func(*Section)) {
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			f(s)
			walk(s.Sections)
		}
	}
	walk(d.Sections)
}

// Section is the section with key, nil when the report has none.
func (d *Document) Section(key string) *Section {
	var found *Section
	d.Walk(func(s *Section) {
		if found == nil && s.Key == key {
			found = s
		}
	})
	return found
}

// Characters counts the Chinese characters (Han) of the title, the headings and
// the paragraphs, tables left out: how the length of a Chinese report is told,
// and comparable with the seed report's 3,573.
func (d *Document) Characters() int {
	n := han(d.Title)
	d.Walk(func(s *Section) {
		n += han(s.Title)
		for _, p := range s.Paragraphs {
			n += han(p.Text)
		}
	})
	return n
}

func han(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// Plain is the section's paragraphs joined by newlines, for tests and plain-text use.
func (s *Section) Plain() string {
	parts := make([]string, len(s.Paragraphs))
	for i, p := range s.Paragraphs {
		parts[i] = p.Text
	}
	return strings.Join(parts, "\n")
}

// Plain is the whole report as plain text: the title, each heading with its
// number, the paragraphs (a run-in heading leading its first one) and the tables'
// rows with their cells separated by " | ".
func (d *Document) Plain() string {
	var b strings.Builder
	b.WriteString(d.Title + "\n")
	d.Walk(func(s *Section) {
		heading := s.Number + s.Title
		for i, p := range s.Paragraphs {
			if i == 0 && s.RunIn {
				b.WriteString(heading + "：" + p.Text + "\n")
				continue
			}
			if i == 0 {
				b.WriteString(heading + "\n")
			}
			b.WriteString(p.Text + "\n")
		}
		if len(s.Paragraphs) == 0 {
			b.WriteString(heading + "\n")
		}
		for _, t := range s.Tables {
			b.WriteString(t.Title + "\n")
			for _, r := range append(append([]Row{}, t.Header...), t.Rows...) {
				cells := make([]string, len(r.Cells))
				for i, c := range r.Cells {
					cells[i] = c.Text
				}
				b.WriteString(strings.Join(cells, " | ") + "\n")
			}
		}
	})
	return b.String()
}
