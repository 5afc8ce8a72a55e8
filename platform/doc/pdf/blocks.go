package pdf

import (
	"jixiao/platform/doc"
)

// document lays d out: the title on the first page, the blocks, the
// signature.
func (p *pages) document(d doc.Document) error {
	if err := p.newPage(); err != nil {
		return err
	}
	if err := p.centred(p.m.plain(d.Title, hei), doc.TitleSize, doc.TitlePitch); err != nil {
		return err
	}
	if err := p.centred(p.m.plain(d.Subtitle, song), doc.BodySize, doc.BodyPitch); err != nil {
		return err
	}
	if d.Title != "" || d.Subtitle != "" {
		p.y += doc.BodyPitch // an empty line, as in the .docx
	}
	for i, b := range d.Blocks {
		var err error
		switch b := b.(type) {
		case doc.Heading:
			err = p.heading(b, next(d.Blocks, i))
		case doc.Paragraph:
			err = p.paragraph(b)
		case doc.Table:
			err = p.table(b)
		case doc.PageBreak:
			if p.y > top {
				err = p.newPage()
			}
		}
		if err != nil {
			return err
		}
	}
	return p.signature(d.Signature)
}

func next(blocks []doc.Block, i int) doc.Block {
	if i+1 < len(blocks) {
		return blocks[i+1]
	}
	return nil
}

// centred sets text centred on the text block, line by line.
func (p *pages) centred(st styled, size, pitch float64) error {
	if st.text == "" {
		return nil
	}
	for _, l := range wrap(p.m, st, size, textWidth, textWidth) {
		if err := p.need(pitch); err != nil {
			return err
		}
		if err := p.line(st, l, left+(textWidth-l.width)/2, p.y, size, pitch, 0); err != nil {
			return err
		}
		p.y += pitch
	}
	return nil
}

// heading sets a heading as a body line, indented: levels 1 to 3 in the sans
// face (黑体, 楷体 and bold 仿宋 in the .docx), level 4 as body text. It keeps
// to the page with the first line of what follows it.
func (p *pages) heading(h doc.Heading, following doc.Block) error {
	f := hei
	if h.Level >= 4 {
		f = song
	}
	st := p.m.plain(h.Number+h.Text, f)
	lines := wrap(p.m, st, doc.BodySize, textWidth-indent, textWidth)
	keep := float64(len(lines)) * doc.BodyPitch
	switch following.(type) {
	case doc.Paragraph, doc.Heading:
		keep += doc.BodyPitch
	case doc.Table:
		keep += doc.BodyPitch + 2*doc.TablePitch // its caption and a row
	}
	if err := p.need(keep); err != nil {
		return err
	}
	return p.body(st, lines, doc.AlignStart)
}

// paragraph sets a paragraph: justified with its first line indented, or
// centred or set right as it asks. Bold runs are in the sans face.
func (p *pages) paragraph(para doc.Paragraph) error {
	var st styled
	for _, r := range para.Runs {
		f := song
		if r.Bold {
			f = hei
		}
		p.m.add(&st, r.Text, f)
	}
	first := textWidth
	if para.Align == doc.AlignStart {
		first -= indent
	}
	return p.body(st, wrap(p.m, st, doc.BodySize, first, textWidth), para.Align)
}

// body draws body lines, a page at a time.
func (p *pages) body(st styled, lines []line, align doc.Align) error {
	for i, l := range lines {
		if err := p.need(doc.BodyPitch); err != nil {
			return err
		}
		room, x, sp := textWidth, left, 0.0
		switch {
		case align == doc.AlignCenter:
			x += (textWidth - l.width) / 2
		case align == doc.AlignEnd:
			x += textWidth - l.width
		case i == 0:
			room, x = room-indent, x+indent
		}
		if align == doc.AlignStart {
			sp = spacing(st, l, doc.BodySize, room)
		}
		if err := p.line(st, l, x, p.y, doc.BodySize, doc.BodyPitch, sp); err != nil {
			return err
		}
		p.y += doc.BodyPitch
	}
	return nil
}

// line draws one line from x in the line box of pitch at y, each run in its
// face, sp added after each character.
func (p *pages) line(st styled, l line, x, y, size, pitch, sp float64) error {
	for _, s := range st.spans {
		a, b := max(s.from, l.from), min(s.to, l.to)
		if a >= b {
			continue
		}
		dx := p.m.span(st, l.from, a, size, sp)
		if err := p.draw(x+dx, baseline(y, pitch, size), st.text[a:b], s.face, size, sp); err != nil {
			return err
		}
	}
	return nil
}

// signature sets the closing lines right, four characters in from the
// margin, as in the .docx, after an empty line.
func (p *pages) signature(lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	p.y += doc.BodyPitch
	if err := p.need(float64(len(lines)) * doc.BodyPitch); err != nil {
		return err
	}
	for _, s := range lines {
		st := p.m.plain(s, song)
		w := p.m.span(st, 0, len(s), doc.BodySize, 0)
		if err := p.line(st, line{to: len(s)}, left+textWidth-4*doc.BodySize-w, p.y, doc.BodySize, doc.BodyPitch, 0); err != nil {
			return err
		}
		p.y += doc.BodyPitch
	}
	return nil
}
