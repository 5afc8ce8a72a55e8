package scalar

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"entgo.io/contrib/entgql"

	"jixiao/platform/inputerr"
)

func TestUnmarshalIntID(t *testing.T) {
	tests := []struct {
		in   any
		want int
		says string // part of the refusal; "" when accepted
	}{
		{"4294967297", 4294967297, ""},
		{json.Number("12"), 12, ""},
		{int64(7), 7, ""},
		{"-1", -1, ""}, // well-formed: the lookup answers NOT_FOUND
		{"440115-001", 0, `"440115-001" is not an id`},
		{"1e5", 0, `"1e5" is not an id`},
		{"", 0, `"" is not an id`},
		{" 12", 0, `" 12" is not an id`},
		{"99999999999999999999", 0, `"99999999999999999999" is not an id`},
		{json.Number("1.5"), 0, `"1.5" is not an id`},
		{true, 0, "true is not an id"},
		{strings.Repeat("9", 200), 0, `…" is not an id`},
	}
	for _, tt := range tests {
		got, err := UnmarshalIntID(tt.in)
		checkRefusal(t, tt.in, err, tt.says)
		if err == nil && got != tt.want {
			t.Errorf("UnmarshalIntID(%#v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestUnmarshalString(t *testing.T) {
	tests := []struct {
		in   any
		says string
	}{
		{"办公室", ""},
		{"", ""},
		{"a\tb\nc", ""},
		{"办公\x00室", `"办公\x00室" contains a NUL character`},
		{"\x00", "NUL"},
	}
	for _, tt := range tests {
		got, err := UnmarshalString(tt.in)
		checkRefusal(t, tt.in, err, tt.says)
		if err == nil && got != tt.in {
			t.Errorf("UnmarshalString(%q) = %q", tt.in, got)
		}
	}
}

func TestUnmarshalCursor(t *testing.T) {
	var b strings.Builder
	entgql.Cursor[int]{ID: 42}.MarshalGQL(&b)
	written := strings.Trim(b.String(), `"`)
	c, err := UnmarshalCursor(written)
	if err != nil || c.ID != 42 {
		t.Errorf("UnmarshalCursor(%q) = %+v, %v; want the cursor of 42", written, c, err)
	}
	for _, bad := range []any{"zzz", "!!", "", 5} {
		_, err := UnmarshalCursor(bad)
		checkRefusal(t, bad, err, "is not a cursor")
	}
}

// checkRefusal asserts that err is nil when says is "", else an *inputerr.Value saying it.
func checkRefusal(t *testing.T, in any, err error, says string) {
	t.Helper()
	var v *inputerr.Value
	switch {
	case says == "" && err != nil:
		t.Errorf("%#v refused: %v", in, err)
	case says != "" && !errors.As(err, &v):
		t.Errorf("%#v: error %v, want an *inputerr.Value", in, err)
	case says != "" && !strings.Contains(v.Reason, says):
		t.Errorf("%#v: %q does not say %q", in, v.Reason, says)
	}
}
