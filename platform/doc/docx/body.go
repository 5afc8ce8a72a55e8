package docx

import (
	"fmt"
	"strings"

	"jixiao/platform/doc"
)

// document is word/document.xml: the title, the blocks, the signature, then
// the section: A4 with the official margins and the page-number footer.
func document(d doc.Document) string {
	var b builder
	if d.Landscape {
		b.width = doc.Twips(doc.PageHeight) - doc.Twips(doc.MarginLeft) - doc.Twips(doc.MarginRight)
	}
	b.raw(xmlHeader + `<w:document ` + nsW + ` ` + nsR + `><w:body>`)
	if d.Title != "" {
		paragraph(&b, "Title", "", []doc.Run{{Text: d.Title}})
	}
	if d.Subtitle != "" {
		paragraph(&b, "Subtitle", "", []doc.Run{{Text: d.Subtitle}})
	}
	if d.Title != "" || d.Subtitle != "" {
		paragraph(&b, "", "", nil) // an empty line between the title and the text
	}
	for _, block := range d.Blocks {
		switch block := block.(type) {
		case doc.Heading:
			paragraph(&b, headingStyle(block.Level), "", []doc.Run{{Text: block.Number + block.Text}})
		case doc.Paragraph:
			paragraph(&b, "", justify(block.Align), block.Runs)
		case doc.Table:
			table(&b, block)
		case doc.PageBreak:
			b.raw(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		}
	}
	if len(d.Signature) > 0 {
		paragraph(&b, "", "", nil)
		for _, line := range d.Signature {
			paragraph(&b, "Signature", "", []doc.Run{{Text: line}})
		}
	}
	b.raw(section(d.Landscape))
	b.raw(`</w:body></w:document>`)
	return b.String()
}

// section is A4 portrait (or landscape) with GB/T 9704's margins, the footer
// under the text block (FooterDrop below it, measured to the number's top).
func section(landscape bool) string {
	bottom := doc.Twips(doc.MarginBottom)
	footer := bottom - doc.Twips(doc.FooterDrop) - int(doc.FooterSize*20)
	size := fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d"/>`, doc.Twips(doc.PageWidth), doc.Twips(doc.PageHeight))
	if landscape {
		size = fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, doc.Twips(doc.PageHeight), doc.Twips(doc.PageWidth))
	}
	return `<w:sectPr><w:footerReference w:type="default" r:id="` + footerID + `"/>` + size +
		fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`,
			doc.Twips(doc.MarginTop), doc.Twips(doc.MarginRight), bottom, doc.Twips(doc.MarginLeft), footer) +
		`<w:pgNumType w:fmt="decimal"/><w:cols w:space="720"/></w:sectPr>`
}

func headingStyle(level int) string {
	return fmt.Sprintf("Heading%d", min(max(level, 1), 4))
}

// justify is a paragraph's own alignment: nothing for the style's (justified,
// indented) unless the paragraph is centred or set right, without the indent.
func justify(a doc.Align) string {
	switch a {
	case doc.AlignCenter:
		return noIndent + `<w:jc w:val="center"/>`
	case doc.AlignEnd:
		return noIndent + `<w:jc w:val="right"/>`
	}
	return ""
}

// paragraph writes a paragraph of style (Normal when empty) with extra
// properties pPr (in schema order, after the style) and its runs.
func paragraph(b *builder, style, pPr string, runs []doc.Run) {
	b.raw(`<w:p>`)
	if style != "" || pPr != "" {
		b.raw(`<w:pPr>`)
		if style != "" {
			b.raw(`<w:pStyle w:val="` + style + `"/>`)
		}
		b.raw(pPr + `</w:pPr>`)
	}
	for _, r := range runs {
		run(b, r)
	}
	b.raw(`</w:p>`)
}

// run writes a run, a "\n" in it as a line break.
func run(b *builder, r doc.Run) {
	b.raw(`<w:r>`)
	if r.Bold {
		b.raw(`<w:rPr><w:b/><w:bCs/></w:rPr>`)
	}
	for i, line := range strings.Split(r.Text, "\n") {
		if i > 0 {
			b.raw(`<w:br/>`)
		}
		if line != "" {
			b.raw(`<w:t xml:space="preserve">`)
			b.text(line)
			b.raw(`</w:t>`)
		}
	}
	b.raw(`</w:r>`)
}
