package forms

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with an imported workbook, where it is and why: a
// stable Code with the values its sentence names (Params), which a UI translates,
// and the same in English (Message) for logs and API callers.
type Problem struct {
	Sheet   string // "" for a problem of the file itself
	Cell    string // "H14", or a range "A12:C13"; "" when no cell is concerned
	Field   string // the GraphQL field concerned, e.g. actual
	Value   string // the cell's text as read
	Code    string
	Params  map[string]string
	Message string
}

// Ref is where the problem is, as a spreadsheet names a cell: 自评表!H14.
func (p Problem) Ref() string {
	switch {
	case p.Sheet == "":
		return ""
	case p.Cell == "":
		return p.Sheet
	}
	return p.Sheet + "!" + p.Cell
}

// Codes of problems. Those of the file and of the layout stop the reading; the
// others are collected, every one of them, before anything is changed.
const (
	// The file.
	CodeFileEmpty     = "FILE_EMPTY"     // nothing was uploaded
	CodeFileTooLarge  = "FILE_TOO_LARGE" // max: bytes
	CodeFileNotXLSX   = "FILE_NOT_XLSX"  // not an Excel 2007+ workbook (.xlsx)
	CodeFileLegacy    = "FILE_LEGACY"    // an .xls, or a password-protected workbook: save it as .xlsx without a password
	CodeFileDamaged   = "FILE_DAMAGED"   // a .xlsx that cannot be read
	CodeNotAForm      = "NOT_A_FORM"     // no sheet holds one of the forms or an indicator table
	CodeWrongForm     = "WRONG_FORM"     // found, expected: the kinds (PROJECT, OVERALL)
	CodeOtherSubject  = "OTHER_SUBJECT"  // field, found, expected: the form of another project, department or year
	CodeLayoutChanged = "LAYOUT_CHANGED" // expected: the label the layout has in that cell (a header moved or unmerged)
	CodeMergeChanged  = "MERGE_CHANGED"  // range: a merged range the form does not have there
	CodeTooManyRows   = "TOO_MANY_ROWS"  // max

	// A cell.
	CodeFormula         = "FORMULA"          // formula: a cell holds a formula; type the value instead
	CodeRequired        = "REQUIRED"         // a required cell is empty
	CodeNotANumber      = "NOT_A_NUMBER"     // the cell's text is not a number
	CodeTooManyPlaces   = "TOO_MANY_PLACES"  // places: more than 6 decimal places
	CodeUnknownOperator = "UNKNOWN_OPERATOR" // allowed: the operators
	CodeUnknownRating   = "UNKNOWN_RATING"   // allowed: the ratings
	CodeUnknownID       = "UNKNOWN_ID"       // the hidden 编号 names no row of this evaluation
	CodeDuplicateID     = "DUPLICATE_ID"     // first: the row that has it first
	CodeDuplicateRow    = "DUPLICATE_ROW"    // first: two rows without 编号 with the same levels and name (or task title)
	CodeDerived         = "DERIVED"          // binding: the actual value of an indicator bound to a formula is derived from the figures
	CodeReadOnly        = "READ_ONLY"        // the figure or name comes from elsewhere in the system (the budget block, the header)
	CodeInvalid         = "INVALID"          // a rule of the API refused the value: reason and its params say which
)

// problem makes a Problem with params given as name, value pairs.
func problem(sheet, cell, field, value, code string, params []string, format string, args ...any) Problem {
	p := Problem{Sheet: sheet, Cell: cell, Field: field, Value: value, Code: code, Params: map[string]string{}}
	for i := 0; i+1 < len(params); i += 2 {
		p.Params[params[i]] = params[i+1]
	}
	msg := fmt.Sprintf(format, args...)
	if ref := p.Ref(); ref != "" {
		msg = ref + ": " + msg
	}
	p.Message = msg
	return p
}

// NewProblem is a Problem for callers outside the package (the workbook reader).
func NewProblem(sheet, cell, field, value, code string, params []string, format string, args ...any) Problem {
	return problem(sheet, cell, field, value, code, params, format, args...)
}

// FileProblem is a problem of the whole file.
func FileProblem(code string, params []string, format string, args ...any) Problem {
	return problem("", "", "", "", code, params, format, args...)
}

// Problems is a list of problems that is also an error.
type Problems []Problem

func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}
