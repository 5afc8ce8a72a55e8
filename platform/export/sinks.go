package export

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sink writes the rows of one file.
type sink interface {
	// header starts the file with its column names.
	header(names []string) error
	// page appends rows; a streaming sink sends them on at once.
	page(rows [][]cell) error
	// fail ends a file that could not be completed with a marker row; false
	// when the sink has sent nothing yet, so that the error can be answered instead.
	fail(code, message string) bool
	// finish completes the file.
	finish() error
	// close frees what the sink holds; it is called once, whatever happened.
	close()
}

// bom starts a CSV file: Excel reads a CSV without it in the system's ANSI code
// page (GBK on a Chinese Windows), which garbles UTF-8 Chinese text.
const bom = "\uFEFF"

// IncompleteMarker is the first cell of the last row of a CSV export that
// failed after its first rows were sent; the connection is then aborted too.
const IncompleteMarker = "#EXPORT INCOMPLETE"

// csvSink streams RFC 4180 CSV (UTF-8 with a BOM, CRLF line ends): each page is
// written and flushed to the client as it arrives.
type csvSink struct {
	start func() io.Writer // sends the response's headers, once, and gives its body
	flush func()
	w     *csv.Writer
}

func (s *csvSink) writer() *csv.Writer {
	if s.w == nil {
		out := s.start()
		_, _ = io.WriteString(out, bom)
		s.w = csv.NewWriter(out)
		s.w.UseCRLF = true
	}
	return s.w
}

func (s *csvSink) header(names []string) error {
	return s.writer().Write(names)
}

func (s *csvSink) page(rows [][]cell) error {
	w := s.writer()
	rec := []string{}
	for _, r := range rows {
		rec = rec[:0]
		for _, c := range r {
			rec = append(rec, csvText(c))
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	s.flush()
	return w.Error()
}

// csvText is a cell as CSV text. Numbers are the API's exact decimals. A text
// that a spreadsheet would take for a formula (=, +, -, @, tab or carriage
// return first) is prefixed with an apostrophe, as OWASP advises against CSV
// injection; numbers are never prefixed.
func csvText(c cell) string {
	if c.kind == text && c.text != "" && strings.ContainsRune("=+-@\t\r", rune(c.text[0])) {
		return "'" + c.text
	}
	return c.text
}

func (s *csvSink) fail(code, message string) bool {
	if s.w == nil {
		return false
	}
	_ = s.w.Write([]string{IncompleteMarker, code, message})
	s.w.Flush()
	s.flush()
	return true
}

func (s *csvSink) finish() error {
	w := s.writer()
	w.Flush()
	s.flush()
	return w.Error()
}

func (s *csvSink) close() {}

// xlsxSink writes one worksheet with excelize's StreamWriter, which keeps the
// rows in memory up to 16 MiB and in a temporary file beyond. The workbook is a
// ZIP whose parts are written once every row is in, straight to the client: a
// failure before then is answered as an error, and nothing of the file is sent.
//
// Numbers: a Decimal or Float of at most 15 significant digits is a number
// cell (Excel holds numbers as binary doubles, which keep 15 digits exactly)
// formatted with the API's decimal places ("0.00", "0.0000"), so that it shows
// as the API writes it and sums in Excel; a longer one (a 10^10 amount to the
// 分) is a text cell with the exact decimal, so that no value is ever rounded.
type xlsxSink struct {
	start func() io.Writer
	f     *excelize.File
	sw    *excelize.StreamWriter
	row   int
	bold  int
	fmts  map[int]int // decimal places → style
	vals  []any
	sheet string
}

func newXLSX(sheet string, start func() io.Writer) (*xlsxSink, error) {
	f := excelize.NewFile()
	s := &xlsxSink{start: start, f: f, fmts: map[int]int{}, sheet: sheet}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		_ = f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	s.sw = sw
	if s.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		_ = f.Close()
		return nil, err
	}
	return s, nil
}

// sheetName is name made a valid worksheet name: at most 31 characters, none of []:*?/\.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) || r < ' ' {
			return '_'
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	if name == "" {
		return "export"
	}
	return name
}

func (s *xlsxSink) header(names []string) error {
	for i, n := range names {
		width := float64(min(max(utf8.RuneCountInString(n)+2, 10), 40))
		if err := s.sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = excelize.Cell{StyleID: s.bold, Value: n}
	}
	return s.next(vals)
}

func (s *xlsxSink) next(vals []any) error {
	s.row++
	return s.sw.SetRow("A"+strconv.Itoa(s.row), vals)
}

func (s *xlsxSink) page(rows [][]cell) error {
	for _, r := range rows {
		s.vals = s.vals[:0]
		for _, c := range r {
			v, err := s.value(c)
			if err != nil {
				return err
			}
			s.vals = append(s.vals, v)
		}
		if err := s.next(s.vals); err != nil {
			return err
		}
	}
	return nil
}

func (s *xlsxSink) value(c cell) (any, error) {
	switch c.kind {
	case empty:
		return nil, nil
	case boolean:
		return c.text == "true", nil
	case integer:
		if n, err := strconv.ParseInt(c.text, 10, 64); err == nil {
			return n, nil
		}
	case number:
		sig, places, ok := digits(c.text)
		if !ok || sig > 15 {
			break
		}
		f, err := strconv.ParseFloat(c.text, 64)
		if err != nil {
			break
		}
		style, err := s.decimalStyle(places)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: style, Value: f}, nil
	}
	return c.text, nil
}

// decimalStyle is the number format that shows places decimals: "0", "0.00"…
func (s *xlsxSink) decimalStyle(places int) (int, error) {
	if id, ok := s.fmts[places]; ok {
		return id, nil
	}
	format := "0"
	if places > 0 {
		format += "." + strings.Repeat("0", places)
	}
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return 0, err
	}
	s.fmts[places] = id
	return id, nil
}

func (s *xlsxSink) fail(string, string) bool { return false }

func (s *xlsxSink) finish() error {
	if err := s.sw.Flush(); err != nil {
		return err
	}
	out := s.start()
	// excelize zips into a buffer it then copies; its ZIP writer is given the
	// response instead, so the workbook is never held in memory whole.
	s.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(out) })
	return s.f.Write(io.Discard)
}

func (s *xlsxSink) close() { _ = s.f.Close() }
