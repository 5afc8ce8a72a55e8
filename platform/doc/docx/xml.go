package docx

import (
	"encoding/xml"
	"strings"
)

// builder writes XML by hand: the parts are fixed shapes with a few texts in
// them, which text escapes.
type builder struct {
	strings.Builder
	width int // the text block's width in twips, which a table fills (0: portrait's, textWidth)
}

// textWidthOf is the text block's width: the portrait default unless set.
func (b *builder) textWidthOf() int {
	if b.width > 0 {
		return b.width
	}
	return textWidth
}

func (b *builder) raw(s string) { b.WriteString(s) }

// text writes s escaped; characters XML cannot hold become U+FFFD.
func (b *builder) text(s string) { _ = xml.EscapeText(b, []byte(s)) }

// oneLine joins a multi-line text (a title) with nothing between its lines,
// as Chinese runs on.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "") }
