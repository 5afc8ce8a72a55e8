package fixed

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestParseAndString(t *testing.T) {
	tests := []struct {
		in, want string
		raw      Decimal
	}{
		{"1829.40", "1829.40", 1_829_400_000},
		{"1829.4", "1829.40", 1_829_400_000},
		{"88", "88.00", 88_000_000},
		{"0.000001", "0.000001", 1},
		{"-4.73", "-4.73", -4_730_000},
		{"99.635", "99.635", 99_635_000},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if d != tt.raw || d.String() != tt.want {
			t.Errorf("Parse(%q) = %d %q, want %d %q", tt.in, d, d.String(), tt.raw, tt.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "abc", "1.0000001", "1e30", "12,5"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}

func TestUnmarshalGQL(t *testing.T) {
	tests := []struct {
		in   any
		want Decimal
	}{
		{"1836.19", MustParse("1836.19")},
		{json.Number("2.5"), MustParse("2.5")},
		{int64(80), FromInt(80)},
		{99.63, MustParse("99.63")},
	}
	for _, tt := range tests {
		var d Decimal
		if err := d.UnmarshalGQL(tt.in); err != nil || d != tt.want {
			t.Errorf("UnmarshalGQL(%#v) = %v, %v; want %v", tt.in, d, err, tt.want)
		}
	}
	var d Decimal
	if err := d.UnmarshalGQL(true); err == nil {
		t.Error("UnmarshalGQL(true) accepted")
	}
}

func TestMarshalGQLIsAString(t *testing.T) {
	var b bytes.Buffer
	MustParse("962.44").MarshalGQL(&b)
	if b.String() != `"962.44"` {
		t.Errorf("got %s", b.String())
	}
}
