package docx

import (
	"fmt"

	"jixiao/platform/doc"
)

// textWidth is the text block's width in twips, which a table fills.
var textWidth = doc.Twips(doc.PageWidth) - doc.Twips(doc.MarginLeft) - doc.Twips(doc.MarginRight)

// table writes a table's caption, then the table: single rules everywhere,
// fixed column widths (Grid.Widths), header rows repeated on each page, rows
// kept whole, cells centred vertically. A merged cell is one w:tc with a
// gridSpan across columns and a vMerge down rows, the rows below it holding a
// continuing w:tc where it passes.
func table(b *builder, t doc.Table) {
	if t.Title != "" {
		paragraph(b, "Caption", "", []doc.Run{{Text: t.Title}})
	}
	g := t.Grid()
	if g.Cols == 0 {
		return
	}
	width := b.textWidthOf()
	cols := twips(g.Widths(t.Widths, float64(width)/(doc.TableSize*20)), width)
	b.raw(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(width) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.raw(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.raw(`</w:tblBorders><w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range cols {
		b.raw(fmt.Sprintf(`<w:gridCol w:w="%d"/>`, w))
	}
	b.raw(`</w:tblGrid>`)
	for r := range g.Rows {
		b.raw(`<w:tr><w:trPr><w:cantSplit/>`)
		if r < g.Header {
			b.raw(`<w:tblHeader/>`)
		}
		b.raw(`</w:trPr>`)
		for c := 0; c < g.Cols; {
			s := g.At(r, c)
			cell(b, *s, s.Row == r, r < g.Header, spanned(cols, s.Col, s.ColSpan))
			c = s.Col + s.ColSpan
		}
		b.raw(`</w:tr>`)
	}
	b.raw(`</w:tbl>`)
}

// cell writes the w:tc of slot s in a row: its text where it starts, an empty
// continuation of its vertical merge in the rows below.
func cell(b *builder, s doc.Slot, starts, header bool, width int) {
	b.raw(fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width))
	if s.ColSpan > 1 {
		b.raw(fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, s.ColSpan))
	}
	switch {
	case s.RowSpan > 1 && starts:
		b.raw(`<w:vMerge w:val="restart"/>`)
	case !starts:
		b.raw(`<w:vMerge/>`)
	}
	b.raw(`<w:vAlign w:val="center"/></w:tcPr>`)
	text := ""
	if starts {
		text = s.Text
	}
	align := map[doc.Align]string{doc.AlignStart: "left", doc.AlignCenter: "center", doc.AlignEnd: "right"}[s.Align]
	if header {
		align = "center"
	}
	paragraph(b, "TableText", `<w:jc w:val="`+align+`"/>`, []doc.Run{{Text: text, Bold: header}})
	b.raw(`</w:tc>`)
}

// twips turns the columns' fractions into twips adding up to the text width.
func twips(fractions []float64, width int) []int {
	out := make([]int, len(fractions))
	left := width
	for i, f := range fractions {
		out[i] = int(f * float64(width))
		left -= out[i]
	}
	out[len(out)-1] += left
	return out
}

func spanned(cols []int, from, n int) int {
	w := 0
	for _, c := range cols[from : from+n] {
		w += c
	}
	return w
}
