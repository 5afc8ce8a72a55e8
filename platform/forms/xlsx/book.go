package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/domain/forms"
)

// Limits of what Read takes.
const (
	// MaxIndicators bounds the rows of an indicator table.
	MaxIndicators = 10000
	// unzipLimit bounds the unpacked workbook, unzipXMLLimit one unpacked part
	// held in memory: a small upload must not unpack into gigabytes.
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, or an encrypted .xlsx
	zipMagic = []byte("PK\x03\x04")
)

// book is an opened workbook.
type book struct {
	x     *excelize.File
	zip   *zip.Reader
	parts map[string]string // sheet name → its part, e.g. xl/worksheets/sheet1.xml
}

// open opens data as a workbook, or says why it is not one.
func open(data []byte) (*book, *forms.Problem) {
	fail := func(code, format string, args ...any) (*book, *forms.Problem) {
		p := forms.FileProblem(code, nil, format, args...)
		return nil, &p
	}
	switch {
	case len(data) == 0:
		return fail(forms.CodeFileEmpty, "the file is empty")
	case bytes.HasPrefix(data, oleMagic):
		return fail(forms.CodeFileLegacy, "the file is an Excel 97–2003 workbook (.xls) or has a password: save it as an Excel workbook (.xlsx) without a password")
	case !bytes.HasPrefix(data, zipMagic):
		return fail(forms.CodeFileNotXLSX, "the file is not an Excel workbook (.xlsx)")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(forms.CodeFileDamaged, "the workbook is damaged and cannot be read: %v", err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return fail(forms.CodeFileDamaged, "the workbook is damaged and cannot be read: %v", err)
	}
	b := &book{x: x, zip: zr}
	if b.parts, err = sheetParts(zr); err != nil {
		x.Close()
		return fail(forms.CodeFileDamaged, "the workbook is damaged and cannot be read: %v", err)
	}
	return b, nil
}

// sheetParts maps each sheet's name to its part, from xl/workbook.xml and its
// relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXML(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXML(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.RID]
	}
	return out, nil
}

func readXML(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(io.LimitReader(f, unzipXMLLimit)).Decode(v)
}

// meta is what the reader needs of a cell besides its value.
type meta struct {
	typ     string // the t attribute: "" or "n" for a number, "s", "str", "inlineStr", "b", "e"
	style   int
	formula bool
}

// scan reads a sheet's part once for what GetRows does not give: each cell's
// type, style and formula, and the merged ranges.
func (b *book) scan(sheet string) (map[string]meta, []string, error) {
	name, ok := b.parts[sheet]
	if !ok {
		return nil, nil, errors.New("the sheet's part is missing")
	}
	f, err := b.zip.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	cells := map[string]meta{}
	var merges []string
	d := xml.NewDecoder(io.LimitReader(f, unzipXMLLimit))
	// A cell's reference may be left out (the spec allows it): it is then the
	// next column of its row.
	current, row, col := "", 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return cells, merges, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row, col = row+1, 0
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						row, _ = strconv.Atoi(a.Value)
					}
				}
			case "c":
				var m meta
				col++
				current = cell(col, row)
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						if c, r, err := excelize.CellNameToCoordinates(a.Value); err == nil {
							current, col, row = a.Value, c, r
						}
					case "t":
						m.typ = a.Value
					case "s":
						m.style, _ = strconv.Atoi(a.Value)
					}
				}
				cells[current] = m
			case "f":
				if current != "" {
					m := cells[current]
					m.formula = true
					cells[current] = m
				}
			case "mergeCell":
				for _, a := range t.Attr {
					if a.Name.Local == "ref" {
						merges = append(merges, a.Value)
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				current = ""
			}
		}
	}
}
