package doc

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Chinese text breaks a line between any two characters, except where the
// rules of 避头尾 forbid it: closing punctuation never starts a line and
// opening punctuation never ends one. A run of Latin letters, digits and their
// punctuation ("1829.4", "99.63%", "GB/T") is a word kept whole. Renderers
// that break lines themselves (the PDF) break only between Units.

// noStart are the characters a line may not start with.
const noStart = "，。、；：？！）》」』】〕”’…—～·％‰,.;:?!)]}%"

// noEnd are the characters a line may not end with.
const noEnd = "（《「『【〔“‘([{≥≤"

// Units splits text into the pieces a line may break between: one Chinese
// character, a Latin word with its punctuation, or a run of spaces, each with
// the closing punctuation that follows it and the opening punctuation before
// it glued on. Joined, the units are the text again.
func Units(text string) []string {
	var units []string
	var cur strings.Builder
	glue := false // the last rune opens: the next one joins it
	kind := none
	flush := func() {
		if cur.Len() > 0 {
			units = append(units, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		k := classOf(r)
		switch {
		case glue, strings.ContainsRune(noStart, r) && kind != space && kind != none:
			// joins the unit before it
		case k == latin && kind == latin, k == space && kind == space:
			// a word or a run of spaces goes on
		default:
			flush()
		}
		cur.WriteRune(r)
		glue = strings.ContainsRune(noEnd, r)
		kind = k
	}
	flush()
	return units
}

type class int

const (
	none class = iota
	space
	latin // narrow: letters, digits and their punctuation
	wide  // Chinese characters and full-width punctuation
)

func classOf(r rune) class {
	switch {
	case unicode.IsSpace(r):
		return space
	case Wide(r):
		return wide
	}
	return latin
}

// Wide reports whether r takes a full em in a Chinese font: Chinese
// characters, full-width forms, and the punctuation East Asian fonts draw full
// width (“ ” — …, which Unicode calls ambiguous).
func Wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	case width.EastAsianAmbiguous:
		return r > 0x2000 // not the Latin-1 letters with accents
	}
	return false
}

// Ems is how wide text is in ems by Wide: a rough measure, for sharing a
// table's width out before any font is known.
func Ems(text string) float64 {
	n := 0.0
	for _, r := range text {
		if Wide(r) {
			n++
		} else {
			n += 0.5
		}
	}
	return n
}
