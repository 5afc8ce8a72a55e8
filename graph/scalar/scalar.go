// Package scalar parses the GraphQL scalars whose gqlgen defaults let bad input
// reach the resolvers or the database: ids and cursors that are not numbers, and
// strings holding U+0000, which PostgreSQL cannot store. Each refusal is an
// *inputerr.Value; the GraphQL layer names the field from the error's path.
package scalar

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"

	"jixiao/platform/inputerr"
)

// MarshalIntID writes an id as GraphQL does, a string of digits.
func MarshalIntID(id int) graphql.Marshaler { return graphql.MarshalIntID(id) }

// UnmarshalIntID reads an id: a string of digits or a whole number. Anything else,
// a department's code above all, is refused quoting the value.
func UnmarshalIntID(v any) (int, error) {
	var s string
	switch v := v.(type) {
	case int:
		return v, nil
	case int64:
		return intID(strconv.FormatInt(v, 10), v)
	case string:
		s = v
	case json.Number:
		s = v.String()
	default:
		return 0, &inputerr.Value{Reason: fmt.Sprintf("%s is not an id: send the id as a string such as \"4294967297\"", quote(v))}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, &inputerr.Value{Reason: fmt.Sprintf("%s is not an id: ids are the numbers the API returns, not codes or names", quote(s))}
	}
	return intID(s, n)
}

// intID refuses a number that does not fit the platform's int.
func intID(s string, n int64) (int, error) {
	if int64(int(n)) != n {
		return 0, &inputerr.Value{Reason: fmt.Sprintf("%s is out of the range of ids", quote(s))}
	}
	return int(n), nil
}

// MarshalString writes a string as gqlgen does.
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString reads a string as gqlgen does, refusing one that holds U+0000:
// PostgreSQL refuses it with an error, SQLite would cut the text short.
func UnmarshalString(v any) (string, error) {
	s, err := graphql.UnmarshalString(v)
	if err != nil {
		return "", &inputerr.Value{Reason: fmt.Sprintf("%s is not a string", quote(v))}
	}
	if strings.ContainsRune(s, 0) {
		return "", &inputerr.Value{Reason: fmt.Sprintf("%s contains a NUL character (U+0000), which no text may hold", quote(s))}
	}
	return s, nil
}

// MarshalCursor writes a cursor as entgql does.
func MarshalCursor(c entgql.Cursor[int]) graphql.Marshaler { return c }

// UnmarshalCursor reads a cursor entgql wrote; anything else is refused quoting
// the value, instead of an error about base64 or msgpack.
func UnmarshalCursor(v any) (entgql.Cursor[int], error) {
	var c entgql.Cursor[int]
	if err := c.UnmarshalGQL(v); err != nil {
		return c, &inputerr.Value{Reason: fmt.Sprintf("%s is not a cursor: send a startCursor or endCursor the API returned", quote(v))}
	}
	return c, nil
}

// maxQuoted bounds how much of a refused value comes back in the message.
const maxQuoted = 64

// quote prints a refused value as Go would quote it, cut to maxQuoted characters.
func quote(v any) string {
	s, ok := v.(string)
	if !ok {
		return fmt.Sprint(v)
	}
	if utf8.RuneCountInString(s) > maxQuoted {
		s = string([]rune(s)[:maxQuoted]) + "…"
	}
	return strconv.Quote(s)
}
