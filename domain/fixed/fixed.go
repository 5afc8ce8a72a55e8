// Package fixed is the exact decimal the store keeps: six decimal places in an int64.
//
// Money is held in 万元, so its sixth place is one 分 (fen) and every amount is exact.
// Targets, actual values, weights and scores use the same type. Arithmetic that needs
// more than addition goes through shopspring/decimal (see Decimal).
package fixed

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/shopspring/decimal"

	"jixiao/platform/inputerr"
)

// Places is the number of decimal places a Decimal keeps.
const Places = 6

const unit = 1_000_000 // 10^Places

// The largest amounts the store accepts, chosen so that no sum or product the
// schema makes of them can leave int64 (±9.2 × 10^18 millionths): a
// department-year's twelve figures together stay below 1.2 × 10^17.
const (
	// MaxMoney is the largest amount of money: 10^10 万元 (100 万亿元), far above
	// any budget a department keeps.
	MaxMoney Decimal = 10_000_000_000 * unit
	// MaxQuantity bounds an indicator's target and actual value (a count, a percent
	// or an amount), as money is bounded.
	MaxQuantity = MaxMoney
	// MaxWeight is the largest weight (分值) of an indicator: an evaluation's
	// weights add up to 100, and a score never exceeds its weight.
	MaxWeight Decimal = 100 * unit
)

// AtMost refuses a value above max (or below -max when signed), saying the bound.
func AtMost(max Decimal, signed bool) func(int64) error {
	return func(v int64) error {
		switch d := Decimal(v); {
		case d > max:
			return inputerr.Refused(inputerr.TooLarge, []string{"max", max.String(), "got", d.String()},
				"must be at most %s, got %s", max, d)
		case signed && d < -max:
			return inputerr.Refused(inputerr.TooSmall, []string{"min", (-max).String(), "got", d.String()},
				"must be at least -%s, got %s", max, d)
		}
		return nil
	}
}

// ParseError is a value that is not a Decimal; it says why.
type ParseError struct{ Reason string }

func (e *ParseError) Error() string { return e.Reason }

func parseErr(format string, args ...any) error {
	return &ParseError{Reason: fmt.Sprintf(format, args...)}
}

// Decimal is an exact decimal number with Places decimal places, stored as millionths.
type Decimal int64

// FromInt returns n as a Decimal.
func FromInt(n int64) Decimal { return Decimal(n * unit) }

// MustParse parses s and panics on error; for constants in code and tests.
func MustParse(s string) Decimal {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Parse reads a decimal string such as "1829.40" or "-3". It refuses more than
// six decimal places rather than rounding them away silently.
func Parse(s string) (Decimal, error) {
	v, err := decimal.NewFromString(s)
	if err != nil {
		return 0, parseErr("%q is not a decimal number", s)
	}
	return FromDecimal(v)
}

// FromDecimal converts v exactly, or says why it cannot.
func FromDecimal(v decimal.Decimal) (Decimal, error) {
	scaled := v.Shift(Places)
	if !scaled.Equal(scaled.Truncate(0)) {
		return 0, parseErr("%s has more than %d decimal places", v.String(), Places)
	}
	bi := scaled.BigInt()
	if !bi.IsInt64() {
		return 0, parseErr("%s is too large", v.String())
	}
	return Decimal(bi.Int64()), nil
}

// Round converts v rounded half away from zero to six places; for computed values
// the maxima bound (a score, a sum of figures). A value beyond the range saturates:
// use RoundOK where an unbounded ratio may get there.
func Round(v decimal.Decimal) Decimal {
	d, err := FromDecimal(v.Round(Places))
	if err != nil {
		if v.Sign() < 0 {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return d
}

// RoundOK converts v rounded half away from zero to six places; ok is false when
// it lies beyond the range of a Decimal (a completion rate over a tiny target).
func RoundOK(v decimal.Decimal) (d Decimal, ok bool) {
	d, err := FromDecimal(v.Round(Places))
	return d, err == nil
}

// Decimal returns the value as a shopspring decimal for exact arithmetic.
func (d Decimal) Decimal() decimal.Decimal { return decimal.New(int64(d), -Places) }

// Ptr returns the shopspring value of a nullable Decimal.
func Ptr(d *Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	v := d.Decimal()
	return &v
}

// String prints at least two decimal places, as reports print money and scores,
// and no trailing zeros beyond them: 1829.40, 99.63, 0.000001.
func (d Decimal) String() string { return d.Format(2) }

// Format prints at least min decimal places (zeros added) and every significant
// place beyond them: Format(4) of 0.874 is 0.8740, of 0.000001 is 0.000001. It
// works on the integer, without math/big: every decimal a response holds is
// printed through it.
func (d Decimal) Format(min int) string {
	v := int64(d)
	u := uint64(v)
	if v < 0 {
		u = -u // two's complement: right for math.MinInt64 too
	}
	whole, frac := u/unit, u%unit
	digits := Places
	for digits > min && frac%10 == 0 {
		frac /= 10
		digits--
	}
	b := make([]byte, 0, 24+max(min, 0))
	if v < 0 {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, whole, 10)
	if shown := max(digits, min); shown > 0 {
		b = append(b, '.')
		fracText := strconv.AppendUint(make([]byte, 0, Places), frac, 10)
		for range digits - len(fracText) {
			b = append(b, '0') // the fraction's leading zeros: .000001
		}
		if digits > 0 {
			b = append(b, fracText...)
		}
		for range shown - digits {
			b = append(b, '0') // beyond the places kept
		}
	}
	return string(b)
}

// MarshalGQL writes the value as a JSON string so that no client reads it into a float.
func (d Decimal) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(d.String()))
}

// UnmarshalGQL accepts a string ("1829.40"), an integer, or a JSON number.
func (d *Decimal) UnmarshalGQL(v any) error {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = v.String()
	case int:
		s = strconv.Itoa(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case float64:
		// A literal in the query text arrives as float64; its shortest form is what was typed.
		s = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return parseErr("%v is not a decimal: send a string such as \"1829.40\"", v)
	}
	parsed, err := Parse(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
