package doc

import "strings"

// Widths shares a table's width out among its columns, as fractions adding
// up to 1. Given widths are scaled; otherwise each column gets at least its
// longest unbreakable word and its short texts whole, and as the room allows
// up to its longest text, the way a browser lays out an automatic table. Text
// is measured in ems (Ems), padding included, against a table room ems wide.
func (g *Grid) Widths(given []float64, room float64) []float64 {
	if len(given) == g.Cols && sum(given) > 0 {
		return scale(given, 1/sum(given))
	}
	const (
		pad     = 1.0 // a cell's left and right padding, in ems
		longest = 8.0 // a longer word is broken rather than widen its column
		least   = 2.0 // no column is narrower than two characters
		whole   = 5.0 // texts of up to four characters are kept on one line
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
			lo[s.Col] = max(lo[s.Col], min(Ems(line)+pad, whole))
		}
	}
	switch sl, sh := sum(lo), sum(hi); {
	case sh <= room:
		return scale(hi, 1/sh)
	case sl >= room:
		return scale(lo, 1/sl)
	default:
		// Each column gets its least and a share of the rest, by how much
		// more it would take.
		w := make([]float64, g.Cols)
		for c := range w {
			w[c] = (lo[c] + (hi[c]-lo[c])*(room-sl)/(sh-sl)) / room
		}
		return w
	}
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
