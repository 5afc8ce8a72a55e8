package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao/platform/doc"
)

// styled is text whose runs are set in different faces.
type styled struct {
	text  string
	spans []span // in order, covering text
}

// span is a run: text[from:to] in its face.
type span struct {
	from, to int
	face     face
}

// width is how wide text[from:to] is at size points, spacing added after
// each character.
func (m metrics) span(st styled, from, to int, size, spacing float64) float64 {
	w := 0.0
	for _, s := range st.spans {
		if a, b := max(s.from, from), min(s.to, to); a < b {
			w += m.width(s.face, st.text[a:b], size, spacing)
		}
	}
	return w
}

// line is one line of wrapped text: text[from:to], how wide it is set
// unjustified, and whether it ends its paragraph (or a "\n"), which is never
// justified.
type line struct {
	from, to int
	width    float64
	last     bool
}

// slack absorbs rounding: a line exactly as wide as its room fits.
const slack = 0.01

// wrap breaks st into lines between doc.Units: the first line `first` points
// wide (an indented one), the others `rest`, at size points. A unit wider
// than a whole line is broken between characters. Spaces where a line breaks
// are dropped.
func wrap(m metrics, st styled, size, first, rest float64) []line {
	var lines []line
	pos := 0 // where the current piece between newlines starts
	for _, piece := range strings.Split(st.text, "\n") {
		from, to, w := pos, pos, 0.0
		room := first
		if len(lines) > 0 {
			room = rest
		}
		emit := func() {
			to = from + len(strings.TrimRightFunc(st.text[from:to], unicode.IsSpace))
			lines = append(lines, line{from: from, to: to, width: m.span(st, from, to, size, 0)})
			from, w, room = to, 0, rest
		}
		at := pos
		for _, u := range doc.Units(piece) {
			uFrom := at
			at += len(u)
			uw := m.span(st, uFrom, at, size, 0)
			if w > 0 && w+uw > room+slack {
				emit()
			}
			if w == 0 {
				if strings.TrimSpace(u) == "" {
					from = at // no spaces at the start of a line
					continue
				}
				from = uFrom
			}
			if uw <= room+slack {
				to, w = at, w+uw
				continue
			}
			// Wider than a whole line: broken wherever it must be.
			for i := uFrom; i < at; {
				_, n := utf8.DecodeRuneInString(st.text[i:])
				rw := m.span(st, i, i+n, size, 0)
				if w > 0 && w+rw > room+slack {
					to = i
					emit()
				}
				i += n
				to, w = i, w+rw
			}
		}
		emit()
		lines[len(lines)-1].last = true
		pos += len(piece) + 1
	}
	return lines
}

// spacing is what to add after each character of l to fill room: Chinese
// text is set justified, as Word sets it. A line that ends a paragraph, or
// would need more than half a character a gap, keeps its natural spacing.
func spacing(st styled, l line, size, room float64) float64 {
	n := utf8.RuneCountInString(st.text[l.from:l.to])
	gap := room - l.width
	if l.last || n < 2 || gap <= 0 || gap/float64(n-1) > size/2 {
		return 0
	}
	return gap / float64(n-1)
}
