package pdf

import (
	"strconv"
	"strings"

	"github.com/signintech/gopdf"

	"jixiao/platform/doc"
)

// The page in points, y down from the page's top as gopdf counts.
var (
	pageWidth  = doc.Points(doc.PageWidth)
	pageHeight = doc.Points(doc.PageHeight)
	left       = doc.Points(doc.MarginLeft)
	top        = doc.Points(doc.MarginTop)
	textWidth  = pageWidth - left - doc.Points(doc.MarginRight)
	textBottom = pageHeight - doc.Points(doc.MarginBottom)
)

const (
	// ascent is where a Chinese character's baseline sits in its em box.
	ascent = 0.88
	indent = 2 * doc.BodySize // the first line's two characters
)

// pages lays blocks out down the pages: y is where the next line's box starts.
type pages struct {
	gp    *gopdf.GoPdf
	m     metrics
	y     float64
	count int
}

// newPage starts a page with its number under the text block, "— n —", its
// top 7 mm below the block (GB/T 9704).
func (p *pages) newPage() error {
	p.gp.AddPage()
	p.count++
	p.y = top
	number := "— " + strconv.Itoa(p.count) + " —"
	w := p.m.width(song, number, doc.FooterSize, 0)
	baseline := textBottom + doc.Points(doc.FooterDrop) + ascent*doc.FooterSize
	return p.draw((pageWidth-w)/2, baseline, number, song, doc.FooterSize, 0)
}

// need starts a new page unless h more points fit on this one (a block
// taller than a page starts at a page's top and runs on).
func (p *pages) need(h float64) error {
	if p.count > 0 && (p.y+h <= textBottom+slack || p.y == top) {
		return nil
	}
	return p.newPage()
}

// draw sets s in f with its baseline at y.
func (p *pages) draw(x, baseline float64, s string, f face, size, spacing float64) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if err := p.gp.SetFont(string(f), "", size); err != nil {
		return err
	}
	if err := p.gp.SetCharSpacing(spacing); err != nil {
		return err
	}
	p.gp.SetXY(x, baseline)
	return p.gp.Text(s)
}

// baseline is where text of size sits in a line box of pitch starting at y:
// its em box centred in the box, as Word centres it on an exact pitch.
func baseline(y, pitch, size float64) float64 {
	return y + (pitch-size)/2 + ascent*size
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "") }
