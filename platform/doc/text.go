package doc

import "strings"

// Texts are the document's texts in reading order: the title's lines, the
// subtitle, each heading with its number, each paragraph, each table's title
// and cells, the signature. Tests look for them, in order, in what a renderer
// wrote.
func (d Document) Texts() []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	for _, line := range strings.Split(d.Title, "\n") {
		add(line)
	}
	add(d.Subtitle)
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case Heading:
			add(b.Number + b.Text)
		case Paragraph:
			add(b.Text())
		case Table:
			add(b.Title)
			g := b.Grid()
			for _, s := range g.Cells {
				add(s.Text)
			}
		}
	}
	for _, line := range d.Signature {
		add(line)
	}
	return out
}

// Han counts the Chinese characters of the document's texts: how the length
// of a Chinese document is told.
func (d Document) Han() int {
	n := 0
	for _, s := range d.Texts() {
		for _, r := range s {
			if r >= 0x4E00 && r <= 0x9FFF {
				n++
			}
		}
	}
	return n
}
