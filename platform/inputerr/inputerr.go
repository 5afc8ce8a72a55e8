// Package inputerr is the error for input that cannot be accepted: it names the
// field (as GraphQL spells it) and says what is wrong with the value.
package inputerr

import (
	"fmt"
	"strings"
)

// Error is a rejected input value. The GraphQL layer reports it with
// extensions.code BAD_USER_INPUT and extensions.field.
type Error struct {
	Field   string
	Message string
	// Reason, when set, is why in a UI's terms (extensions.reason and params).
	Reason *Reason
}

// WithReason returns an Error for field whose message is r's text.
func WithReason(field string, r *Reason) *Error {
	return &Error{Field: field, Message: r.Text, Reason: r}
}

// New returns an Error for field with a formatted message.
func New(field, format string, args ...any) *Error {
	return &Error{Field: field, Message: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string { return e.Field + ": " + e.Message }

// NotFound is a reference to a row that does not exist.
type NotFound struct {
	Field  string // the input field that named it; "" for the operation's own id
	Entity string // e.g. "department-year"
	ID     int
}

func (e *NotFound) Error() string {
	msg := fmt.Sprintf("%s %d does not exist", e.Entity, e.ID)
	if e.Field == "" {
		return msg
	}
	return e.Field + ": " + msg
}

// Conflict is an update that named a version other than the row's: somebody else
// saved first.
type Conflict struct {
	Entity         string
	ID             int
	Stale, Current int
}

func (e *Conflict) Error() string {
	return fmt.Sprintf("%s %d was changed by somebody else: you edited version %d, it is now at version %d; reload it and apply your change again", e.Entity, e.ID, e.Stale, e.Current)
}

// Occupied is a change refused because the row it would fill already holds data:
// the GraphQL layer reports it with code CONFLICT, the field, extensions.reason
// Reason, the row (entity, existingID) and what it holds (references, and the
// counts in params).
type Occupied struct {
	Field    string // the argument that named the row, e.g. "year"
	Reason   string // e.g. "YEAR_HAS_DATA"
	What     string // the row, e.g. "department 3's year 2024"
	Entity   string
	Existing int
	Held     []Reference
	Params   map[string]string // more of the sentence's values, e.g. the year
}

func (e *Occupied) Error() string {
	held := make([]string, len(e.Held))
	for i, r := range e.Held {
		held[i] = fmt.Sprintf("%d %s", r.Count, r.What)
	}
	return fmt.Sprintf("%s: %s already holds %s; nothing was changed", e.Field, e.What, strings.Join(held, ", "))
}

// Value is a value refused where its field is not known yet (while a GraphQL
// scalar is parsed): the GraphQL layer names the field from the error's path.
type Value struct{ Reason string }

func (e *Value) Error() string { return e.Reason }

// Taken is a value that a unique field (or pair of fields) already holds in
// another row: the error names the input field and the row that has it.
type Taken struct {
	Field    string // the GraphQL input field, e.g. "departmentYearID"
	What     string // what exists already, e.g. "an overall evaluation of department-year 5"
	Entity   string // the existing row's entity, e.g. "evaluation"
	Existing int    // the existing row's id
}

func (e *Taken) Error() string {
	return fmt.Sprintf("%s: %s already exists (%s %d)", e.Field, e.What, e.Entity, e.Existing)
}

// InUse is a delete refused because other rows still refer to the row. The
// GraphQL layer reports it on field "id" with code BAD_USER_INPUT and the
// referring rows' counts in extensions.references.
type InUse struct {
	Entity     string // e.g. "department"
	ID         int
	References []Reference
}

// Reference is how many rows of one kind refer to a row.
type Reference struct {
	What  string // plural, e.g. "sub-departments"
	Count int
}

func (e *InUse) Error() string {
	held := make([]string, len(e.References))
	for i, r := range e.References {
		held[i] = fmt.Sprintf("%d %s", r.Count, r.What)
	}
	return fmt.Sprintf("id: %s %d still has %s; delete those first", e.Entity, e.ID, strings.Join(held, ", "))
}

// Reason is why a value is refused, as a UI can translate it: a stable Code and
// the values its sentence names (Params, numbers and decimals as strings), with
// the same in English as the error's text. Validators return it; the GraphQL
// layer puts Code and Params in extensions.reason and extensions.params.
type Reason struct {
	Code   string
	Params map[string]string
	Text   string
}

func (r *Reason) Error() string { return r.Text }

// Codes of Reason.
const (
	TooLong     = "TOO_LONG"     // max, got: characters
	TooLarge    = "TOO_LARGE"    // max, got
	TooSmall    = "TOO_SMALL"    // min, got
	OutOfRange  = "OUT_OF_RANGE" // min, max, got
	NotPositive = "NOT_POSITIVE" //
	Negative    = "NEGATIVE"     //
	Invalid     = "INVALID"      // a refusal that names no reason of its own
)

// Refused returns a Reason with code and params (name, value, name, value…) and
// a formatted English text.
func Refused(code string, params []string, format string, args ...any) *Reason {
	r := &Reason{Code: code, Params: map[string]string{}, Text: fmt.Sprintf(format, args...)}
	for i := 0; i+1 < len(params); i += 2 {
		r.Params[params[i]] = params[i+1]
	}
	return r
}
