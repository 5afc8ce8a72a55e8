package pdf

import (
	"sort"
	"strings"
	"sync"

	"github.com/signintech/gopdf"

	"jixiao/platform/doc"
	"jixiao/platform/doc/fonts"
)

// face is a typeface, by the family name gopdf knows it by. gopdf writes the
// name as the font's BaseFont, spaces as "+": "JIXIAO+ARPLSungtiLGB" marks a
// subset, as PDF names them.
type face string

const (
	song face = "JIXIAO ARPLSungtiLGB"     // body text
	hei  face = "JIXIAO DroidSansFallback" // the title, headings, table headers, bold runs
)

// missingGlyph stands in for a character a font lacks, so that the gap shows
// (gopdf would print a space).
const missingGlyph = '□'

// faces parses the fonts once: documents share the parsed fonts (gopdf copies
// what each document changes) and subset them for themselves.
var faces = sync.OnceValues(func() (*gopdf.FontContainer, error) {
	fc := &gopdf.FontContainer{}
	opt := gopdf.TtfOption{OnGlyphNotFoundSubstitute: func(rune) rune { return missingGlyph }}
	for f, data := range map[face]func() ([]byte, error){song: fonts.Song, hei: fonts.Hei} {
		b, err := data()
		if err != nil {
			return nil, err
		}
		if err := fc.AddTTFFontDataWithOption(string(f), b, opt); err != nil {
			return nil, err
		}
	}
	return fc, nil
})

// metrics are the advance widths of a document's characters in each face, in
// ems, the characters each face lacks and those both lack.
type metrics struct {
	em      map[face]map[rune]float64
	lacks   map[face]map[rune]bool
	missing []rune
}

// add appends text to st in face f, each character the face lacks in the
// other face (the sans face has no Latin letters or digits, and lacks some
// punctuation).
func (m metrics) add(st *styled, text string, f face) {
	other := map[face]face{song: hei, hei: song}[f]
	for i, r := range text {
		g := f
		if m.lacks[f][r] && !m.lacks[other][r] {
			g = other
		}
		at := len(st.text) + i
		if n := len(st.spans); n > 0 && st.spans[n-1].face == g && st.spans[n-1].to == at {
			st.spans[n-1].to += len(string(r))
		} else {
			st.spans = append(st.spans, span{at, at + len(string(r)), g})
		}
	}
	st.text += text
}

// plain is text in face f, or where f lacks a character in the other.
func (m metrics) plain(text string, f face) styled {
	var st styled
	m.add(&st, text, f)
	return st
}

// width is how wide s is in f at size points, with spacing added after each
// character.
func (m metrics) width(f face, s string, size, spacing float64) float64 {
	w := 0.0
	for _, r := range s {
		em, ok := m.em[f][r]
		if !ok { // not measured: a guess rather than nothing
			em = doc.Ems(string(r))
		}
		w += em*size + spacing
	}
	return w
}

// measure reads the widths of every character d holds, the page numbers'
// too, from both faces at 1000 points (gopdf measures a string, its glyphs
// unkerned, so widths add up).
func measure(gp *gopdf.GoPdf, d doc.Document) (metrics, error) {
	m := metrics{em: map[face]map[rune]float64{}, lacks: map[face]map[rune]bool{}}
	var all strings.Builder
	for _, s := range d.Texts() {
		all.WriteString(s)
	}
	all.WriteString("—0123456789 ")
	for _, f := range []face{song, hei} {
		m.lacks[f] = map[rune]bool{}
		if err := gp.SetFont(string(f), "", 1000); err != nil {
			return m, err
		}
		m.em[f] = map[rune]float64{}
		for _, r := range all.String() {
			if _, ok := m.em[f][r]; ok || r == '\n' {
				continue
			}
			has, err := gp.IsCurrFontContainGlyph(r)
			if err != nil {
				return m, err
			}
			s := string(r)
			if !has {
				m.lacks[f][r] = true
				s = string(missingGlyph)
			}
			w, err := gp.MeasureTextWidth(s)
			if err != nil {
				return m, err
			}
			m.em[f][r] = w / 1000
		}
	}
	for r := range m.lacks[song] {
		if m.lacks[hei][r] {
			m.missing = append(m.missing, r)
		}
	}
	sort.Slice(m.missing, func(i, j int) bool { return m.missing[i] < m.missing[j] })
	return m, nil
}
