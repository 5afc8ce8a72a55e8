package scoring

import (
	"encoding/binary"
	"testing"

	"github.com/shopspring/decimal"
)

// fuzzOperators includes an unknown operator so that the fallback is fuzzed too.
var fuzzOperators = []Operator{GE, GT, EQ, LE, LT, "NE"}

var fuzzRatings = []Rating{NotRated, Achieved, Partial, NotAchieved, "GREAT"}

// scaled turns a fuzzed integer into a decimal with 0..6 places.
func scaled(v int64, scale uint8) decimal.Decimal { return decimal.New(v, -int32(scale%7)) }

// checkBounds fails unless 0 <= s <= max(weight, 0) and s has at most 2 decimals.
func checkBounds(t *testing.T, ind Indicator, s decimal.Decimal) {
	t.Helper()
	limit := decimal.Max(ind.Weight, decimal.Zero)
	if s.IsNegative() || s.GreaterThan(limit) || !s.Equal(s.Round(2)) {
		t.Fatalf("Score(%+v actual=%v rated=%v) = %s, outside [0, %s] or not 2 places", ind, ind.Actual, ind.RatedScore, s, limit)
	}
}

func FuzzScoreBounds(f *testing.F) {
	// kind, op, target, actual, weight, scale, hasActual
	f.Add(uint8(0), uint8(0), int64(8000), int64(8800), int64(600), uint8(2), true)
	f.Add(uint8(0), uint8(0), int64(183619), int64(182940), int64(1000), uint8(2), true)
	f.Add(uint8(0), uint8(3), int64(1000), int64(1500), int64(500), uint8(2), true)
	f.Add(uint8(0), uint8(4), int64(0), int64(1), int64(500), uint8(2), true)
	f.Add(uint8(0), uint8(2), int64(0), int64(-1), int64(500), uint8(2), true)
	f.Add(uint8(0), uint8(1), int64(-5), int64(3), int64(1005), uint8(3), true)
	f.Add(uint8(0), uint8(0), int64(3), int64(2), int64(1), uint8(0), false)
	f.Add(uint8(1), uint8(1), int64(0), int64(473), int64(500), uint8(2), true)
	f.Add(uint8(1), uint8(2), int64(0), int64(-100), int64(500), uint8(2), true)
	f.Add(uint8(1), uint8(1), int64(0), int64(4735), int64(5), uint8(3), true)
	f.Fuzz(func(t *testing.T, kind, op uint8, target, actual, weight int64, scale uint8, hasActual bool) {
		ind := Indicator{Weight: scaled(weight, scale/7)}
		a := scaled(actual, scale)
		if kind%2 == 0 {
			ind.Kind = Quantitative
			ind.Operator = fuzzOperators[int(op)%len(fuzzOperators)]
			ind.Target = scaled(target, scale)
			if hasActual {
				ind.Actual = &a
			}
		} else {
			ind.Kind = Qualitative
			ind.Rating = fuzzRatings[int(op)%len(fuzzRatings)]
			if hasActual {
				ind.RatedScore = &a
			}
		}
		for _, r := range variants {
			s := r.Score(ind)
			checkBounds(t, ind, s)
			if at := Attainment(s, ind.Weight); at.IsNegative() || at.GreaterThan(decimal.NewFromInt(1)) {
				t.Fatalf("Attainment(%s, %s) = %s", s, ind.Weight, at)
			}
		}
	})
}

// FuzzTotalBounded builds an evaluation from the bytes, 8 per indicator: kind and operator, level,
// target (int16), actual (int16), weight (uint16, in cents).
func FuzzTotalBounded(f *testing.F) {
	f.Add([]byte{0, 0, 0x1f, 0x40, 0x22, 0x60, 0x02, 0x58, 1, 1, 0, 0, 0x01, 0xd9, 0x01, 0xf4})
	f.Add([]byte{3, 2, 0, 10, 0, 15, 0, 200, 8, 3, 0, 0, 0, 1, 0xff, 0xff, 0x0a})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var leaves []Leaf
		var scores []decimal.Decimal
		weights := decimal.Zero
		for ; len(data) >= 8; data = data[8:] {
			target := decimal.New(int64(int16(binary.BigEndian.Uint16(data[2:]))), -2)
			actual := decimal.New(int64(int16(binary.BigEndian.Uint16(data[4:]))), -2)
			weight := decimal.New(int64(binary.BigEndian.Uint16(data[6:])), -2)
			ind := Indicator{Kind: Quantitative, Operator: fuzzOperators[int(data[0]>>1)%len(fuzzOperators)],
				Target: target, Actual: &actual, Weight: weight}
			if data[0]%2 == 1 {
				ind = Indicator{Kind: Qualitative, Rating: fuzzRatings[int(data[0]>>1)%len(fuzzRatings)],
					RatedScore: &actual, Weight: weight}
			}
			s := def.Score(ind)
			checkBounds(t, ind, s)
			scores = append(scores, s)
			weights = weights.Add(weight)
			leaves = append(leaves, Leaf{Level1: string(rune('A' + data[1]%3)), Level2: string(rune('a' + data[1]/3%4)), Score: s, Weight: weight})
		}
		total := Total(scores)
		if total.IsNegative() || total.GreaterThan(weights) {
			t.Fatalf("total %s outside [0, %s]", total, weights)
		}
		level1 := decimal.Zero
		for _, s := range Subtotals(leaves) {
			if s.Score.IsNegative() || s.Score.GreaterThan(s.Weight) {
				t.Fatalf("subtotal %+v outside [0, weight]", s)
			}
			if s.Level2 == "" {
				level1 = level1.Add(s.Score)
			}
		}
		if !level1.Equal(total) {
			t.Fatalf("level-1 subtotals add up to %s, total is %s", level1, total)
		}
	})
}

// monotone runs Score under r for two actuals, the smaller first.
func monotone(r Rules, op Operator, target, a1, a2, weight int64, scale uint8) (Indicator, decimal.Decimal, decimal.Decimal, bool) {
	t := scaled(target, scale)
	lo, hi := scaled(a1, scale), scaled(a2, scale)
	if !t.IsPositive() {
		return Indicator{}, lo, hi, false
	}
	if lo.GreaterThan(hi) {
		lo, hi = hi, lo
	}
	ind := Indicator{Kind: Quantitative, Operator: op, Target: t, Weight: scaled(weight, scale/7)}
	ind.Actual = &lo
	sLo := r.Score(ind)
	ind.Actual = &hi
	return ind, sLo, r.Score(ind), true
}

func FuzzMonotonePositive(f *testing.F) {
	// op, target, actual 1, actual 2, weight, scale
	f.Add(uint8(0), int64(8000), int64(6000), int64(8800), int64(600), uint8(2))
	f.Add(uint8(1), int64(3), int64(1), int64(2), int64(1), uint8(0))
	f.Add(uint8(2), int64(100), int64(-5), int64(100), int64(1005), uint8(3))
	f.Add(uint8(0), int64(183619), int64(182940), int64(182941), int64(1000), uint8(2))
	f.Fuzz(func(t *testing.T, op uint8, target, a1, a2, weight int64, scale uint8) {
		// `=` scored exactly is not monotone (above the target it drops to 0): only like `≥`.
		ind, sLo, sHi, ok := monotone(def, []Operator{GE, GT, EQ}[op%3], target, a1, a2, weight, scale)
		if ok && sHi.LessThan(sLo) {
			t.Fatalf("%s target %s weight %s: larger actual %s scores %s, below %s", ind.Operator, ind.Target, ind.Weight, ind.Actual, sHi, sLo)
		}
	})
}

// FuzzMonotoneReverse is the mirror for LE/LT: a larger actual never raises the score.
func FuzzMonotoneReverse(f *testing.F) {
	f.Add(uint8(0), int64(1000), int64(1200), int64(1500), int64(500), uint8(2))
	f.Add(uint8(1), int64(8), int64(15), int64(16), int64(1), uint8(0))
	f.Add(uint8(0), int64(10), int64(-5), int64(25), int64(1005), uint8(3))
	f.Fuzz(func(t *testing.T, op uint8, target, a1, a2, weight int64, scale uint8) {
		for _, r := range []Rules{def, ratio} {
			ind, sLo, sHi, ok := monotone(r, []Operator{LE, LT}[op%2], target, a1, a2, weight, scale)
			if ok && sHi.GreaterThan(sLo) {
				t.Fatalf("%s %s target %s weight %s: larger actual %s scores %s, above %s", r.Reverse, ind.Operator, ind.Target, ind.Weight, ind.Actual, sHi, sLo)
			}
		}
	})
}
