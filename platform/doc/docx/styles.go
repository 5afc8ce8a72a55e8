package docx

import (
	"fmt"

	"jixiao/platform/doc"
)

// The faces, by role. Latin letters and digits are in Times New Roman, as
// official documents set them, except where a heading's face covers them.
const (
	titleFace   = "方正小标宋简体"
	bodyFace    = "仿宋_GB2312"
	heading1    = "黑体"
	heading2    = "楷体_GB2312"
	footerFace  = "宋体"
	latinFace   = "Times New Roman"
	indentChars = 2
)

// Word refuses a file whose properties are out of the schema's order: each
// pPr here lists keepNext, widowControl, spacing, ind, jc, outlineLvl in that
// order, and each rPr rFonts, b, kern, sz, lang.

// styles are the paragraph styles the body names: Normal (the body), Title,
// Subtitle, Heading1–4 (with outline levels, for Word's navigation pane),
// Caption (a table's title), TableText, Signature and Footer.
var styles = xmlHeader + `<w:styles ` + nsW + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts(latinFace, bodyFace) + `<w:kern w:val="2"/>` + size(doc.BodySize) +
	`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr>` + pitch(doc.BodyPitch) + `<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style("Normal", "Normal", "", `<w:widowControl w:val="0"/>`+indent(indentChars), "") +
	style("Title", "Title", "Normal", pitch(doc.TitlePitch)+noIndent+`<w:jc w:val="center"/>`, fonts(latinFace, titleFace)+size(doc.TitleSize)) +
	style("Subtitle", "Subtitle", "Normal", noIndent+`<w:jc w:val="center"/>`, fonts(heading2, heading2)) +
	style("Heading1", "heading 1", "Normal", `<w:keepNext/><w:outlineLvl w:val="0"/>`, fonts(heading1, heading1)) +
	style("Heading2", "heading 2", "Normal", `<w:keepNext/><w:outlineLvl w:val="1"/>`, fonts(heading2, heading2)) +
	style("Heading3", "heading 3", "Normal", `<w:keepNext/><w:outlineLvl w:val="2"/>`, `<w:b/><w:bCs/>`) +
	style("Heading4", "heading 4", "Normal", `<w:keepNext/><w:outlineLvl w:val="3"/>`, "") +
	style("Caption", "caption", "Normal", `<w:keepNext/>`+noIndent+`<w:jc w:val="center"/>`, fonts(heading1, heading1)+size(doc.CaptionSize)) +
	style("TableText", "Table Text", "Normal", pitch(doc.TablePitch)+noIndent+`<w:jc w:val="left"/>`, size(doc.TableSize)) +
	style("Signature", "Signature", "Normal", `<w:ind w:right="`+fmt.Sprint(4*twipsPerEm)+`" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/>`, "") +
	style("Footer", "footer", "Normal", `<w:spacing w:line="240" w:lineRule="auto"/>`+noIndent+`<w:jc w:val="center"/>`, fonts(footerFace, footerFace)+size(doc.FooterSize)) +
	`</w:styles>`

// twipsPerEm is a body character's width in twips.
const twipsPerEm = int(doc.BodySize * 20)

const noIndent = `<w:ind w:firstLine="0" w:firstLineChars="0"/>`

func style(id, name, basedOn, pPr, rPr string) string {
	s := `<w:style w:type="paragraph" w:styleId="` + id + `"`
	if id == "Normal" {
		s += ` w:default="1"`
	}
	s += `><w:name w:val="` + name + `"/>`
	if basedOn != "" {
		s += `<w:basedOn w:val="` + basedOn + `"/><w:next w:val="Normal"/>`
	}
	s += `<w:qFormat/>`
	if pPr != "" {
		s += `<w:pPr>` + pPr + `</w:pPr>`
	}
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `</w:style>`
}

// fonts sets the face of Latin text and that of Chinese text.
func fonts(latin, eastAsia string) string {
	return `<w:rFonts w:ascii="` + latin + `" w:hAnsi="` + latin + `" w:eastAsia="` + eastAsia + `" w:cs="` + latin + `"/>`
}

// size is a font size in points, in Word's half points.
func size(pt float64) string {
	return fmt.Sprintf(`<w:sz w:val="%.0f"/><w:szCs w:val="%.0f"/>`, pt*2, pt*2)
}

// pitch is an exact line pitch in points: lines sit on the same grid
// whatever their faces.
func pitch(pt float64) string {
	return fmt.Sprintf(`<w:spacing w:line="%.0f" w:lineRule="exact"/>`, pt*20)
}

// indent is a first-line indent of n body characters.
func indent(n int) string {
	return fmt.Sprintf(`<w:ind w:firstLineChars="%d" w:firstLine="%d"/>`, n*100, n*twipsPerEm)
}
