// Package pdf writes a doc.Document as PDF, laid out as the .docx is (A4,
// GB/T 9704's margins, a 三号 body on 22 lines, ruled tables, "— 1 —" under
// every page), with its Chinese text in a font embedded in the file.
//
// The PDF is drawn with github.com/signintech/gopdf (MIT), which embeds a
// subset of a TrueType font, with the glyphs the document uses and a
// ToUnicode map so that its text can be searched and copied. The fonts are in
// the binary (package fonts): AR PL SungtiL GB, a Song face, for the body, and
// a sans face (Droid Sans Fallback) for the title and headings in place of
// 黑体; nothing is read from the machine or the network. This package does the layout gopdf leaves to its
// caller: Chinese line breaking (doc.Units), justified lines, headings kept
// with what follows, tables split between rows with their header repeated.
package pdf

import (
	"io"

	"github.com/signintech/gopdf"

	"jixiao/platform/doc"
)

// Result tells what Write drew.
type Result struct {
	Pages int
	// Missing are the characters a font has no glyph for (outside GB 2312
	// and ASCII), drawn as □.
	Missing []rune
}

// Write writes d as PDF to w.
func Write(w io.Writer, d doc.Document) (Result, error) {
	fc, err := faces()
	if err != nil {
		return Result{}, err
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageWidth, H: pageHeight}, Unit: gopdf.UnitPT})
	gp.SetInfo(gopdf.PdfInfo{Title: oneLine(d.Title), Creator: "Jixiao", Producer: "Jixiao (gopdf)"})
	for _, f := range []face{song, hei} {
		if err := gp.AddTTFFontFromFontContainer(string(f), fc); err != nil {
			return Result{}, err
		}
	}
	m, err := measure(gp, d)
	if err != nil {
		return Result{}, err
	}
	p := &pages{gp: gp, m: m}
	if err := p.document(d); err != nil {
		return Result{}, err
	}
	if _, err := gp.WriteTo(w); err != nil {
		return Result{}, err
	}
	return Result{Pages: p.count, Missing: m.missing}, nil
}
