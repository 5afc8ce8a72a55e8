package export

import (
	"encoding/json"
	"fmt"
	"strings"
)

// kind is how a cell is written: CSV writes every kind as text; XLSX writes
// numbers, integers and booleans as such.
type kind uint8

const (
	empty   kind = iota // null, or nothing on the path
	text                // strings, ids, enums, times, joined lists
	number              // Decimal or Float: text is the exact decimal the API gives
	integer             // Int
	boolean             // text is "true" or "false"
)

type cell struct {
	kind kind
	text string
}

// joiner separates the values of a column that crosses a list.
const joiner = "; "

// row flattens one node (or list element) into its cells, one per column.
func (p *plan) row(node any) []cell {
	cells := make([]cell, len(p.columns))
	for i, c := range p.columns {
		cells[i] = c.cell(node)
	}
	return cells
}

func (c column) cell(node any) cell {
	var vals []any
	collect(node, c.keys, &vals)
	if !c.many && len(vals) == 1 {
		return scalar(c.leaf, vals[0])
	}
	parts := make([]string, 0, len(vals))
	for _, v := range vals {
		if s := scalar(c.leaf, v); s.kind != empty {
			parts = append(parts, s.text)
		}
	}
	if len(parts) == 0 {
		return cell{}
	}
	return cell{kind: text, text: strings.Join(parts, joiner)}
}

// collect appends the values at keys under v, fanning out over lists.
func collect(v any, keys []string, out *[]any) {
	if list, ok := v.([]any); ok {
		for _, e := range list {
			collect(e, keys, out)
		}
		return
	}
	if len(keys) == 0 {
		if v != nil {
			*out = append(*out, v)
		}
		return
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	collect(obj[keys[0]], keys[1:], out)
}

// scalar is the cell of one leaf value as the API answered it (JSON decoded
// with UseNumber, so that no number passes through a float).
func scalar(leaf string, v any) cell {
	switch v := v.(type) {
	case nil:
		return cell{}
	case bool:
		if v {
			return cell{kind: boolean, text: "true"}
		}
		return cell{kind: boolean, text: "false"}
	case json.Number:
		if leaf == "Int" {
			return cell{kind: integer, text: v.String()}
		}
		return cell{kind: number, text: v.String()}
	case string:
		switch leaf {
		case "Decimal", "Float":
			return cell{kind: number, text: v}
		}
		return cell{kind: text, text: v}
	case map[string]any, []any: // a JSON scalar (an audit record's before and after)
		b, err := json.Marshal(v)
		if err != nil {
			return cell{kind: text, text: fmt.Sprint(v)}
		}
		return cell{kind: text, text: string(b)}
	}
	return cell{kind: text, text: fmt.Sprint(v)}
}

// digits is the number of significant digits and of decimal places of a
// decimal written as text ("-0.0500" has 3 and 4); ok is false for anything
// that is not a plain decimal.
func digits(s string) (significant, places int, ok bool) {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" {
		return 0, 0, false
	}
	seen := false
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, 0, false
			}
			if r != '0' {
				seen = true
			}
			if seen {
				significant++
			}
		}
	}
	// Trailing zeros of the fraction are significant for display, not for the
	// double: "1.5000" is exact in a double whatever its places.
	trimmed := strings.TrimRight(frac, "0")
	significant -= len(frac) - len(trimmed)
	return max(significant, 0), len(frac), true
}
