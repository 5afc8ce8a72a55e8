package pdf

import (
	"jixiao/platform/doc"
)

const (
	padX = 3.0 // a cell's text from its left and right rules, in points
	padY = 2.0 // and from its top and bottom ones
	rule = 0.5 // the rules' width
)

// grid is a table measured for the page: its columns' edges, each cell's
// lines and each row's height.
type grid struct {
	doc.Grid
	x      []float64 // Cols+1 edges
	text   []styled  // by cell, as in Grid.Cells
	lines  [][]line  // by cell
	height []float64 // by row
}

func (p *pages) measureTable(t doc.Table) grid {
	g := grid{Grid: t.Grid()}
	g.x = []float64{left}
	for _, f := range g.Widths(t.Widths, textWidth/doc.TableSize) {
		g.x = append(g.x, g.x[len(g.x)-1]+f*textWidth)
	}
	g.height = make([]float64, g.Rows)
	for r := range g.height {
		g.height[r] = doc.TablePitch + 2*padY
	}
	g.text = make([]styled, len(g.Cells))
	g.lines = make([][]line, len(g.Cells))
	for i, s := range g.Cells {
		f := song
		if s.Row < g.Header {
			f = hei
		}
		inner := g.x[s.Col+s.ColSpan] - g.x[s.Col] - 2*padX
		g.text[i] = p.m.plain(s.Text, f)
		g.lines[i] = wrap(p.m, g.text[i], doc.TableSize, inner, inner)
		if s.RowSpan == 1 {
			g.height[s.Row] = max(g.height[s.Row], g.textHeight(i))
		}
	}
	// A merged cell taller than its rows lengthens the last of them; the
	// cells are in reading order, so a later merge sees an earlier one's.
	for i, s := range g.Cells {
		if s.RowSpan > 1 {
			last := s.Row + s.RowSpan - 1
			g.height[last] += max(0, g.textHeight(i)-g.span(s.Row, last+1))
		}
	}
	return g
}

func (g *grid) textHeight(cell int) float64 {
	return float64(len(g.lines[cell]))*doc.TablePitch + 2*padY
}

// span is the height of rows a to b-1.
func (g *grid) span(a, b int) float64 {
	h := 0.0
	for r := a; r < b; r++ {
		h += g.height[r]
	}
	return h
}

// table draws a table's caption and rows, breaking pages between rows (a
// row is never cut) and repeating the header rows at the top of each page it
// continues on. The caption stays with the header and the first row.
func (p *pages) table(t doc.Table) error {
	g := p.measureTable(t)
	caption := p.m.plain(t.Title, hei)
	lines := 0
	if t.Title != "" {
		lines = len(wrap(p.m, caption, doc.CaptionSize, textWidth, textWidth))
	}
	if err := p.need(float64(lines)*doc.BodyPitch + g.span(0, min(g.Header+1, g.Rows))); err != nil {
		return err
	}
	if err := p.centred(caption, doc.CaptionSize, doc.BodyPitch); err != nil {
		return err
	}
	if err := p.rows(&g, 0, g.Header); err != nil {
		return err
	}
	// As many rows a page as fit, at least one.
	for a := g.Header; a < g.Rows; {
		b, h := a, 0.0
		for b < g.Rows && p.y+h+g.height[b] <= textBottom+slack {
			h += g.height[b]
			b++
		}
		if b == a {
			if p.y > top+g.span(0, g.Header)+slack {
				if err := p.continued(&g); err != nil {
					return err
				}
				continue
			}
			b = a + 1 // a row taller than a page runs over its bottom
		}
		if err := p.rows(&g, a, b); err != nil {
			return err
		}
		if a = b; a < g.Rows {
			if err := p.continued(&g); err != nil {
				return err
			}
		}
	}
	return nil
}

// continued starts a new page with the table's header rows.
func (p *pages) continued(g *grid) error {
	if err := p.newPage(); err != nil {
		return err
	}
	return p.rows(g, 0, g.Header)
}

// rows draws rows a to b-1 from the current line down: each cell's rules
// around the part of it in these rows, and its text centred vertically in
// that part. A merged cell a page break cuts shows its text on both pages.
func (p *pages) rows(g *grid, a, b int) error {
	if a >= b {
		return nil
	}
	p.gp.SetLineWidth(rule)
	y := func(r int) float64 { return p.y + g.span(a, r) }
	for i, s := range g.Cells {
		r0, r1 := max(s.Row, a), min(s.Row+s.RowSpan, b)
		if r0 >= r1 {
			continue
		}
		x0, x1 := g.x[s.Col], g.x[s.Col+s.ColSpan]
		p.gp.RectFromUpperLeftWithStyle(x0, y(r0), x1-x0, y(r1)-y(r0), "D")
		header := s.Row < g.Header
		text := float64(len(g.lines[i])) * doc.TablePitch
		lineY := y(r0) + max(padY, (y(r1)-y(r0)-text)/2)
		for _, l := range g.lines[i] {
			x := x0 + padX
			switch {
			case header || s.Align == doc.AlignCenter:
				x = (x0 + x1 - l.width) / 2
			case s.Align == doc.AlignEnd:
				x = x1 - padX - l.width
			}
			if err := p.line(g.text[i], l, x, lineY, doc.TableSize, doc.TablePitch, 0); err != nil {
				return err
			}
			lineY += doc.TablePitch
		}
	}
	p.y += g.span(a, b)
	return nil
}
