package doc

import "strings"

// Widths shares a table's width out among its columns, as fractions adding
// up to 1. Given widths are scaled. Otherwise text is measured in ems (Ems),
// padding included, against a table room ems wide: a table whose every text
// fits on one line gets columns in proportion to their longest texts; a wider
// one starts each column at its longest unbreakable word (a column of short
// texts at its longest, while the room allows) and gives the rest
// of the room, a quarter em at a time, to the column where it shortens the
// table most (each row as tall as its cell with the most lines).
func (g *Grid) Widths(given []float64, room float64) []float64 {
	if len(given) == g.Cols && sum(given) > 0 {
		return scale(given, 1/sum(given))
	}
	const (
		pad     = 1.0  // a cell's left and right padding
		longest = 6.0  // a longer word is broken rather than widen its column
		least   = 2.0  // no column is narrower than one character and its padding
		step    = 0.25 // how much room is given at a time
		short   = 5.0  // a column of texts up to four characters is kept whole
	)
	lo := make([]float64, g.Cols)
	hi := make([]float64, g.Cols)
	for c := range lo {
		lo[c], hi[c] = least, least
	}
	for _, s := range g.Cells {
		if s.ColSpan != 1 {
			continue
		}
		for _, u := range Units(s.Text) {
			lo[s.Col] = max(lo[s.Col], min(Ems(u), longest)+pad)
		}
		for _, line := range strings.Split(s.Text, "\n") {
			hi[s.Col] = max(hi[s.Col], Ems(line)+pad)
		}
	}
	whole := append([]float64{}, lo...)
	for c := range whole {
		if hi[c] <= short {
			whole[c] = hi[c]
		}
	}
	if sum(whole) < room {
		lo = whole
	}
	switch {
	case sum(hi) <= room:
		return scale(hi, 1/sum(hi))
	case sum(lo) >= room:
		return scale(lo, 1/sum(lo))
	}
	w := append([]float64{}, lo...)
	for left := room - sum(lo); left >= step; left -= step {
		best, gain := -1, 0.0
		h := g.height(w, pad)
		for c := range w {
			if w[c] >= hi[c] {
				continue
			}
			w[c] += step
			if d := h - g.height(w, pad); d > gain {
				best, gain = c, d
			}
			w[c] -= step
		}
		if best < 0 {
			break
		}
		w[best] += step
	}
	return scale(w, 1/sum(w))
}

// height is about how many lines tall the table is with columns w ems wide:
// each row as many as its cell with the most, plus half a line for each line
// any other cell wraps to, so that short texts are kept whole where it costs
// the table nothing. Lines are counted as fractions, so that every bit of
// room shows. Cells spanning rows are left out: they are as tall as their rows.
func (g *Grid) height(w []float64, pad float64) float64 {
	rows := make([]float64, g.Rows)
	wraps := 0.0
	for _, s := range g.Cells {
		if s.RowSpan != 1 {
			continue
		}
		width := sum(w[s.Col:s.Col+s.ColSpan]) - pad
		n := 0.0
		for _, line := range strings.Split(s.Text, "\n") {
			n += max(1, Ems(line)/width)
		}
		rows[s.Row] = max(rows[s.Row], n)
		wraps += n - 1
	}
	return sum(rows) + wraps/2
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func scale(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * k
	}
	return out
}
