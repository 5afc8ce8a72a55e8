package fixed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
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

func TestAtMost(t *testing.T) {
	tests := []struct {
		max    Decimal
		signed bool
		in     string
		want   string // "" when accepted
	}{
		{MaxMoney, false, "10000000000", ""},
		{MaxMoney, false, "10000000000.000001", "must be at most 10000000000.00, got 10000000000.000001"},
		{MaxMoney, false, "-99999999999", ""}, // the sign is another validator's job
		{MaxQuantity, true, "-10000000000", ""},
		{MaxQuantity, true, "-10000000000.01", "must be at least -10000000000.00, got -10000000000.01"},
		{MaxWeight, false, "100", ""},
		{MaxWeight, false, "9223372036854.775807", "must be at most 100.00, got 9223372036854.775807"},
	}
	for _, tt := range tests {
		err := AtMost(tt.max, tt.signed)(int64(MustParse(tt.in)))
		if got := fmt.Sprint(err); (tt.want == "" && err != nil) || (tt.want != "" && got != tt.want) {
			t.Errorf("AtMost(%s, %v)(%s) = %v, want %q", tt.max, tt.signed, tt.in, err, tt.want)
		}
	}
}

// TestMaximaSumInsideInt64 checks the claim the maxima rest on: twelve maximal
// figures of a department-year add up exactly.
func TestMaximaSumInsideInt64(t *testing.T) {
	var sum Decimal
	for range 12 {
		sum += MaxMoney
	}
	if sum.String() != "120000000000.00" {
		t.Errorf("twelve maximal figures add up to %s", sum)
	}
}

func TestRoundOK(t *testing.T) {
	big := MaxMoney.Decimal().Mul(decimal.NewFromInt(100)).Div(decimal.New(1, -Places)) // 10^10 of 0.000001, in percent
	if d, ok := RoundOK(big); ok {
		t.Errorf("RoundOK(%s) = %s, want out of range", big, d)
	}
	if d, ok := RoundOK(decimal.RequireFromString("99.6349")); !ok || d.String() != "99.6349" {
		t.Errorf("RoundOK(99.6349) = %s, %v", d, ok)
	}
}

// Format prints what shopspring's StringFixed and String print, as String and the
// GraphQL scalar did before they printed the integer themselves.
func TestFormatAsShopspring(t *testing.T) {
	reference := func(d Decimal, min int) string {
		v := d.Decimal()
		if v.Equal(v.Round(int32(min))) {
			return v.StringFixed(int32(min))
		}
		return v.String()
	}
	values := []int64{0, 1, -1, 5, -5, 10, 999_999, 1_000_000, -1_000_000, 1_829_400_000, 99_630_000,
		123_456_789, -123_456_789, 874_000, 100_000, 10_000_000_000, math.MaxInt64, math.MinInt64 + 1}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		values = append(values, r.Int64N(2_000_000_000_000)-1_000_000_000_000, r.Int64N(2_000_000)-1_000_000)
	}
	for _, v := range values {
		for min := range 9 {
			if got, want := Decimal(v).Format(min), reference(Decimal(v), min); got != want {
				t.Fatalf("Decimal(%d).Format(%d) = %q, want %q", v, min, got, want)
			}
		}
	}
	if got := Decimal(math.MinInt64).Format(2); got != "-9223372036854.775808" {
		t.Errorf("the smallest Decimal prints as %q", got)
	}
}
