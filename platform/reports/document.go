package reports

import (
	"strings"

	"jixiao/domain/report"
	"jixiao/platform/doc"
)

// Document lays a report out for the renderers (package doc): each section's
// heading, then its paragraphs (a run-in section's heading opens its first one,
// as the seed report prints 「（1）结转结余率：…」), then its tables, then its
// sub-sections. A draft stands in the document as it stands on screen, unmarked:
// a downloaded report prints what the department would submit today.
func Document(d *report.Document) doc.Document {
	out := doc.Document{Title: titleLines(d.Title)}
	d.Walk(func(s *report.Section) {
		if s.Key == report.DerivationKey {
			out.Blocks = append(out.Blocks, doc.PageBreak{}) // an appendix starts its own page
		}
		runIn := s.RunIn && len(s.Paragraphs) > 0
		if !runIn {
			out.Blocks = append(out.Blocks, doc.Heading{Level: s.Level, Number: s.Number, Text: s.Title})
		}
		for i, p := range s.Paragraphs {
			if i == 0 && runIn {
				out.Blocks = append(out.Blocks, doc.Paragraph{Runs: []doc.Run{{Text: s.Number + s.Title + "：", Bold: true}, {Text: p.Text}}})
				continue
			}
			out.Blocks = append(out.Blocks, doc.Text(p.Text))
		}
		for _, t := range s.Tables {
			out.Blocks = append(out.Blocks, table(t))
		}
	})
	return out
}

func table(t report.Table) doc.Table {
	return doc.Table{Title: t.Title, Header: rows(t.Header, doc.AlignCenter), Rows: rows(t.Rows, doc.AlignStart)}
}

func rows(rs []report.Row, align doc.Align) []doc.Row {
	out := make([]doc.Row, len(rs))
	for i, r := range rs {
		out[i].Cells = make([]doc.Cell, len(r.Cells))
		for j, c := range r.Cells {
			a := align
			if c.Numeric {
				a = doc.AlignEnd // figures line up on their last digit
			}
			out[i].Cells[j] = doc.Cell{Text: c.Text, ColSpan: c.ColSpan, RowSpan: c.RowSpan, Align: a}
		}
	}
	return out
}

// kinds are the reports' names, which end their titles.
var kinds = []string{"部门整体支出绩效自评报告", "项目支出绩效自评报告"}

// titleLines breaks a title before the report's name, as official titles break
// between phrases rather than where the line is full.
func titleLines(title string) string {
	for _, k := range kinds {
		if rest, ok := strings.CutSuffix(title, k); ok && rest != "" {
			return rest + "\n" + k
		}
	}
	return title
}
