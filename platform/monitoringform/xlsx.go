package monitoringform

import (
	"io"
	"math"

	"github.com/xuri/excelize/v2"

	"jixiao/platform/doc"
)

// ContentType is the media type of the workbooks WriteXLSX makes.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// WriteXLSX writes d as one sheet: the title and subtitle merged across the
// widest table, paragraphs as merged rows, each table with its caption, its
// spans merged, borders, 宋体, wrapped text, A4 landscape one page wide.
func WriteXLSX(w io.Writer, d doc.Document) error {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "绩效运行监控表"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	cols := 1
	for _, b := range d.Blocks {
		if t, ok := b.(doc.Table); ok {
			cols = max(cols, width(t))
		}
	}
	// Column widths in characters: the widest table's, else Excel's default.
	widths := make([]float64, cols)
	for i := range widths {
		widths[i] = 9
	}
	for _, b := range d.Blocks {
		if t, ok := b.(doc.Table); ok && width(t) == cols && len(t.Widths) == cols {
			for i, wd := range t.Widths {
				widths[i] = wd * 6
			}
		}
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	border := []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}}
	style := func(s *excelize.Style) int {
		id, _ := x.NewStyle(s)
		return id
	}
	titleStyle := style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 18, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	textStyle := style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	captionStyle := style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 12, Bold: true}, Alignment: &excelize.Alignment{Vertical: "center"}})
	cellStyles := map[doc.Align]int{
		doc.AlignStart:  style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}),
		doc.AlignCenter: style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}),
		doc.AlignEnd:    style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center", WrapText: true}}),
	}
	headStyle := style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})

	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	cell := func(c, r int) string { n, _ := excelize.CoordinatesToCellName(c, r); return n }
	row := 1
	line := func(text string, st int) {
		do(x.SetCellValue(sheet, cell(1, row), text))
		if cols > 1 {
			do(x.MergeCell(sheet, cell(1, row), cell(cols, row)))
		}
		do(x.SetCellStyle(sheet, cell(1, row), cell(cols, row), st))
		total := 0.0
		for _, wd := range widths {
			total += wd
		}
		if n := math.Ceil(units(text) / total); n > 1 {
			do(x.SetRowHeight(sheet, row, n*14+4))
		}
		row++
	}
	line(d.Title, titleStyle)
	do(x.SetRowHeight(sheet, 1, 30))
	if d.Subtitle != "" {
		line(d.Subtitle, textStyle)
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Paragraph:
			line(b.Text(), textStyle)
		case doc.Heading:
			line(b.Number+b.Text, captionStyle)
		case doc.Table:
			if b.Title != "" {
				line(b.Title, captionStyle)
			}
			taken := map[[2]int]bool{}
			put := func(rows []doc.Row, st func(doc.Cell) int) {
				for _, r := range rows {
					c := 1
					lines := 1
					for _, cl := range r.Cells {
						for taken[[2]int{row, c}] {
							c++
						}
						cs, rs := max(cl.ColSpan, 1), max(cl.RowSpan, 1)
						for i := 0; i < rs; i++ {
							for j := 0; j < cs; j++ {
								taken[[2]int{row + i, c + j}] = true
							}
						}
						do(x.SetCellValue(sheet, cell(c, row), cl.Text))
						if cs > 1 || rs > 1 {
							do(x.MergeCell(sheet, cell(c, row), cell(c+cs-1, row+rs-1)))
						}
						do(x.SetCellStyle(sheet, cell(c, row), cell(c+cs-1, row+rs-1), st(cl)))
						// Excel does not grow a row for wrapped text it did not type: give it the
						// lines the cell's text needs in its width (a CJK character is two units).
						span := 0.0
						for j := c; j < c+cs && j <= cols; j++ {
							span += widths[j-1]
						}
						if n := int(math.Ceil(units(cl.Text) / math.Max(span-1, 1) / float64(rs))); n > lines {
							lines = n
						}
						c += cs
					}
					do(x.SetRowHeight(sheet, row, float64(lines)*14+4))
					row++
				}
			}
			put(b.Header, func(doc.Cell) int { return headStyle })
			put(b.Rows, func(c doc.Cell) int { return cellStyles[c.Align] })
			row++ // a blank row after each table
		}
	}
	for i, wd := range widths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		do(x.SetColWidth(sheet, name, name, wd))
	}
	orientation, fit := "landscape", true
	size := 9 // A4
	one := 1
	do(x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, Size: &size, FitToWidth: &one}))
	do(x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	if err != nil {
		return err
	}
	_, err = x.WriteTo(w)
	return err
}

// units is the text's width in Excel's character units: two for a wide (CJK) character.
func units(s string) float64 {
	n := 0.0
	for _, r := range s {
		if doc.Wide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// width is the number of columns of t's first header row.
func width(t doc.Table) int {
	n := 0
	rows := t.Header
	if len(rows) == 0 {
		rows = t.Rows
	}
	if len(rows) == 0 {
		return 0
	}
	for _, c := range rows[0].Cells {
		n += max(c.ColSpan, 1)
	}
	return n
}
