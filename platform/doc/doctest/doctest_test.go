package doctest

import (
	"testing"

	"jixiao/platform/doc"
)

func TestReport(t *testing.T) {
	d := Report()
	if n := d.Han(); n < 3500 {
		t.Errorf("the sample holds %d Chinese characters, want 3,500 or more", n)
	}
	levels := map[int]int{}
	tables := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Heading:
			levels[b.Level]++
			if b.Number == "" || b.Text == "" {
				t.Errorf("heading %+v lacks its number or text", b)
			}
		case doc.Table:
			tables++
			g := b.Grid()
			if g.Cols != 9 || g.Rows != 20 {
				t.Errorf("the table's grid is %d × %d, want 20 rows of 9", g.Rows, g.Cols)
			}
		}
	}
	if levels[1] != 4 || levels[2] == 0 || levels[3] == 0 || levels[4] == 0 || tables != 1 {
		t.Errorf("headings by level %v and %d tables, want the seed's four parts, every level and one table", levels, tables)
	}
}
