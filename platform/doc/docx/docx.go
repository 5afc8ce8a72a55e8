// Package docx writes a doc.Document as a Word file (.docx, Office Open XML)
// laid out as an official report: A4 with GB/T 9704's margins, the title in
// 方正小标宋简体, the body in 仿宋_GB2312 三号 on an exact 29 pt line pitch with a
// two-character indent, headings 一、 in 黑体 and （一） in 楷体_GB2312, tables
// ruled, page numbers "— 1 —" in the footer.
//
// A .docx is a zip of a few XML parts; this package writes them itself, with
// archive/zip and encoding/xml's escaping, rather than through a library: the
// Go ones with a permissive licence do not write footers with PAGE fields or
// East Asian font declarations, and the parts an official report needs are few
// and well documented (ECMA-376).
//
// Fonts are declared by name, with Windows' names as alternates for Word to
// use where the GB2312 faces are not installed (fontTable.xml): a .docx cannot
// usefully embed Chinese fonts, which are large and mostly not licensed for
// embedding.
package docx

import (
	"archive/zip"
	"io"
	"time"

	"jixiao/platform/doc"
)

// Write writes d as a .docx to w.
func Write(w io.Writer, d doc.Document) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(d)},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", document(d)},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", fontTable},
		{"word/footer1.xml", footer},
	}
	for _, p := range parts {
		// A fixed time keeps the same document's file the same bytes.
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: epoch})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
