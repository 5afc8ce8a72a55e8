// Package change is the shape of one audited field change, kept apart from package
// audit so that the generated ent code can name it without an import cycle.
package change

// Field is one field's value before and after a change, as JSON values (null when
// absent: before a create, after a delete).
type Field struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}
