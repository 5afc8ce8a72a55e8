package docx

import (
	"encoding/xml"
	"strings"
)

// builder writes XML by hand: the parts are fixed shapes with a few texts in
// them, which text escapes.
type builder struct{ strings.Builder }

func (b *builder) raw(s string) { b.WriteString(s) }

// text writes s escaped; characters XML cannot hold become U+FFFD.
func (b *builder) text(s string) { _ = xml.EscapeText(b, []byte(s)) }

// oneLine joins a multi-line text (a title) with nothing between its lines,
// as Chinese runs on.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "") }
