// Package evidence holds the rules of evidence files (佐证材料) as they arrive: the
// name a download is saved under, the types accepted, the size limit, and the
// sentences of their refusals. It looks at the bytes, never at what the client
// says a file is: the content type is detected from the content
// (net/http.DetectContentType, and the container formats of Office files) and
// must agree with the file's extension. Pure: no database, no HTTP.
package evidence

import (
	"archive/zip"
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"jixiao/platform/inputerr"
)

// Reason codes of a refused file (extensions.reason, with params name and the
// values each names).
const (
	CodeEmpty      = "FILE_EMPTY"            // name
	CodeTooLarge   = "FILE_TOO_LARGE"        // name, size, max (bytes)
	CodeNotAllowed = "FILE_TYPE_NOT_ALLOWED" // name, detected, extension
	CodeMismatch   = "FILE_TYPE_MISMATCH"    // name, detected, extension
)

// DefaultMaxBytes is the size limit when none is configured: 20 MiB.
const DefaultMaxBytes = 20 << 20

// MaxMaxBytes bounds the configured limit: 1 GiB (and GraphQL's Int serves it).
const MaxMaxBytes = 1 << 30

// maxNameRunes bounds a stored name, extension included.
const maxNameRunes = 200

// family is how a type is recognised in the bytes.
type family int

const (
	sniffed family = iota // net/http.DetectContentType names it
	ooxml                 // a ZIP package with [Content_Types].xml (.docx, .xlsx, .pptx)
	ole                   // an OLE2 compound file (.doc, .xls, .ppt)
	text                  // plain text without binary bytes
)

// Type is one kind of file accepted as evidence.
type Type struct {
	Extensions  []string // lower case, with the dot; the first is the usual one
	ContentType string   // what the download is served as
	family      family
	sniff       string // the media type DetectContentType gives (family sniffed)
}

// Types are the accepted kinds, in the order the UI lists them.
var Types = []Type{
	{[]string{".pdf"}, "application/pdf", sniffed, "application/pdf"},
	{[]string{".png"}, "image/png", sniffed, "image/png"},
	{[]string{".jpg", ".jpeg"}, "image/jpeg", sniffed, "image/jpeg"},
	{[]string{".gif"}, "image/gif", sniffed, "image/gif"},
	{[]string{".webp"}, "image/webp", sniffed, "image/webp"},
	{[]string{".docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ooxml, ""},
	{[]string{".xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ooxml, ""},
	{[]string{".pptx"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation", ooxml, ""},
	{[]string{".doc"}, "application/msword", ole, ""},
	{[]string{".xls"}, "application/vnd.ms-excel", ole, ""},
	{[]string{".ppt"}, "application/vnd.ms-powerpoint", ole, ""},
	{[]string{".txt"}, "text/plain", text, ""},
	{[]string{".csv"}, "text/csv", text, ""},
}

// Extensions lists every accepted extension, for a file picker's accept list.
func Extensions() []string {
	var out []string
	for _, t := range Types {
		out = append(out, t.Extensions...)
	}
	return out
}

func typeOf(ext string) (Type, bool) {
	for _, t := range Types {
		for _, e := range t.Extensions {
			if e == ext {
				return t, true
			}
		}
	}
	return Type{}, false
}

// oleMagic opens every OLE2 compound file (the legacy Office formats).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Detected is the media type the bytes are, as far as the server can tell:
// DetectContentType's, without parameters, with the containers it does not
// name told apart (an Office package is application/zip to it, a legacy Office
// file application/octet-stream).
func Detected(data []byte) string {
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return "application/x-ole-storage"
	case isOOXML(data):
		return "application/x-ooxml"
	}
	mt, _, err := mime.ParseMediaType(http.DetectContentType(data))
	if err != nil {
		return "application/octet-stream"
	}
	return mt
}

// isOOXML reports whether data is a ZIP package holding [Content_Types].xml, as
// every Word, Excel and PowerPoint file of Office 2007 and later does.
func isOOXML(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			return true
		}
	}
	return false
}

// matches reports whether data is a file of type t.
func (t Type) matches(detected string) bool {
	switch t.family {
	case ooxml:
		return detected == "application/x-ooxml"
	case ole:
		return detected == "application/x-ole-storage"
	case text:
		return detected == "text/plain"
	}
	return detected == t.sniff
}

// File is an accepted upload as it is kept.
type File struct {
	Name        string // sanitised, with its extension
	ContentType string // detected, never the client's
}

// Inspect checks an upload named name (as the client sent it) holding data, and
// returns the name and content type it is kept with, or the refusal: an empty
// file, an extension that is not accepted, content that is not an accepted type,
// or content of another accepted type than its extension says. The size limit is
// checked before the bytes are read (TooLarge).
func Inspect(name string, data []byte) (File, *inputerr.Reason) {
	clean := SanitizeName(name)
	if len(data) == 0 {
		return File{}, inputerr.Refused(CodeEmpty, []string{"name", clean}, "%s is empty", clean)
	}
	ext := strings.ToLower(path.Ext(clean))
	detected := Detected(data)
	t, known := typeOf(ext)
	if known && t.matches(detected) {
		ct := t.ContentType
		if t.family == text && utf8.Valid(data) {
			ct += "; charset=utf-8"
		}
		return File{Name: clean, ContentType: ct}, nil
	}
	params := []string{"name", clean, "detected", detected, "extension", ext}
	for _, other := range Types {
		if other.matches(detected) {
			if !known {
				break // an allowed content under an extension that is not: refused for the extension
			}
			return File{}, inputerr.Refused(CodeMismatch, params,
				"%s: its content is %s, which does not match its extension %s", clean, detected, orNone(ext))
		}
	}
	return File{}, inputerr.Refused(CodeNotAllowed, params,
		"%s: its content is %s with the extension %s, which is not accepted as evidence: PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint (.docx .xlsx .pptx .doc .xls .ppt), text and CSV are",
		clean, detected, orNone(ext))
}

func orNone(ext string) string {
	if ext == "" {
		return "(none)"
	}
	return ext
}

// TooLarge is the refusal of a file of size bytes when at most max are allowed.
func TooLarge(name string, size, max int64) *inputerr.Reason {
	clean := SanitizeName(name)
	return inputerr.Refused(CodeTooLarge, []string{"name", clean, "size", fmt.Sprint(size), "max", fmt.Sprint(max)},
		"%s is %s (%d bytes); an attachment may be at most %s (%d bytes)", clean, Size(size), size, Size(max), max)
}

// Size writes a number of bytes for people: 512 bytes, 1.5 KiB, 20 MiB, 25.31 MiB.
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	v, suffix := float64(n), ""
	for _, s := range []string{"KiB", "MiB", "GiB"} {
		v /= unit
		suffix = s
		if v < unit {
			break
		}
	}
	out := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
	return out + " " + suffix
}

// SanitizeName is the name a file is kept and downloaded under: its last path
// element (whichever separator the client used), in Unicode NFC, without
// control, format (a right-to-left override would disguise "evil\u202Efdp.exe" as
// "evilexe.pdf") or invalid characters, the characters Windows refuses in names
// replaced by _, without leading or trailing spaces and dots, at most 200
// characters with its extension kept; "附件" when nothing is left of it.
func SanitizeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = norm.NFC.String(name)
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimRight(name, " ."), " ")
	ext := path.Ext(name)
	stem := strings.Trim(strings.TrimSuffix(name, ext), " .")
	if utf8.RuneCountInString(ext) > 16 { // not an extension: part of the name
		stem, ext = name, ""
	}
	if r := []rune(stem); len(r) > maxNameRunes-utf8.RuneCountInString(ext) {
		stem = strings.TrimRight(string(r[:maxNameRunes-utf8.RuneCountInString(ext)]), " .")
	}
	if stem == "" {
		stem = "附件"
	}
	return stem + ext
}
