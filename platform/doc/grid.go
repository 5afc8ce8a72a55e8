package doc

// Grid is a table's cells placed on its grid of rows and columns: every place
// is covered by exactly one cell, so that a renderer can draw the rules and a
// Word table can say which places continue a merged cell.
type Grid struct {
	Cols, Rows int
	Header     int    // the first Header rows are the table's header
	Cells      []Slot // in reading order: by row, then by column
	at         [][]int
}

// Slot is a cell at its place: it covers rows Row to Row+RowSpan-1 and
// columns Col to Col+ColSpan-1.
type Slot struct {
	Cell
	Row, Col int
}

// At is the cell covering row r, column c.
func (g *Grid) At(r, c int) *Slot { return &g.Cells[g.at[r][c]] }

// Grid places the table's cells. Rows are as wide as the widest; a row that
// leaves places empty gets empty cells there, and spans are cut where the
// table (or, for a header cell, the header) ends.
func (t Table) Grid() Grid {
	rows := append(append([]Row{}, t.Header...), t.Rows...)
	g := Grid{Rows: len(rows), Header: len(t.Header), at: make([][]int, len(rows))}
	taken := func(r, c int) bool { return c < len(g.at[r]) && g.at[r][c] >= 0 }
	take := func(r, c, i int) {
		for len(g.at[r]) <= c {
			g.at[r] = append(g.at[r], -1)
		}
		g.at[r][c] = i
	}
	for r, row := range rows {
		c := 0
		for _, cell := range row.Cells {
			for taken(r, c) {
				c++
			}
			cell.ColSpan, cell.RowSpan = max(cell.ColSpan, 1), max(cell.RowSpan, 1)
			last := g.Rows
			if r < g.Header {
				last = g.Header
			}
			cell.RowSpan = min(cell.RowSpan, last-r)
			// A span may not overlap a cell placed by an earlier row's span.
			for span := 1; span < cell.ColSpan; span++ {
				if taken(r, c+span) {
					cell.ColSpan = span
				}
			}
			i := len(g.Cells)
			g.Cells = append(g.Cells, Slot{Cell: cell, Row: r, Col: c})
			for dr := range cell.RowSpan {
				for dc := range cell.ColSpan {
					take(r+dr, c+dc, i)
				}
			}
			c += cell.ColSpan
		}
	}
	for r := range g.at {
		g.Cols = max(g.Cols, len(g.at[r]))
	}
	for r := range g.at {
		for c := range g.Cols {
			if !taken(r, c) {
				take(r, c, len(g.Cells))
				g.Cells = append(g.Cells, Slot{Cell: Cell{ColSpan: 1, RowSpan: 1}, Row: r, Col: c})
			}
		}
	}
	sortSlots(g)
	return g
}

// sortSlots puts the filler cells, appended last, in reading order and
// renumbers the places.
func sortSlots(g Grid) {
	order := make([]int, 0, len(g.Cells))
	seen := make([]bool, len(g.Cells))
	for r := range g.at {
		for c := range g.Cols {
			if i := g.at[r][c]; !seen[i] {
				seen[i] = true
				order = append(order, i)
			}
		}
	}
	renumber := make([]int, len(g.Cells))
	sorted := make([]Slot, len(g.Cells))
	for n, i := range order {
		renumber[i] = n
		sorted[n] = g.Cells[i]
	}
	copy(g.Cells, sorted)
	for r := range g.at {
		for c := range g.at[r] {
			g.at[r][c] = renumber[g.at[r][c]]
		}
	}
}
