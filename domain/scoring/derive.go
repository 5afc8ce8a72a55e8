package scoring

import "github.com/shopspring/decimal"

// derivedPlaces is the precision of a derived actual: far finer than the 2 places a score keeps,
// so the derived value, not its display, is what gets scored.
const derivedPlaces = 6

// Figures are the department-year figures a binding needs (万元).
type Figures struct {
	AdjustedBudget, Executed             decimal.Decimal // total
	CarryoverEnd                         decimal.Decimal // year-end carry-over
	AssetsInUse, AssetsTotal             decimal.Decimal
	PublicBudget, PublicActual           decimal.Decimal // 公用经费
	ThreePublicBudget, ThreePublicActual decimal.Decimal // 三公经费
}

// Derive returns the bound indicator's actual value in percent (ratio × 100), exact to 6 decimal places
// (rounded half away from zero), and ok=false when its denominator is 0 or b is "" (or unknown).
// EXECUTION_RATE = Executed/AdjustedBudget, CARRYOVER_RATE = CarryoverEnd/Executed,
// ASSET_UTILIZATION = AssetsInUse/AssetsTotal, PUBLIC_FUNDS_CONTROL = PublicActual/PublicBudget,
// THREE_PUBLIC_CONTROL = ThreePublicActual/ThreePublicBudget.
func Derive(b Binding, f Figures) (percent decimal.Decimal, ok bool) {
	d := derive(b, f)
	return d.value, d.ok
}

// derivation is how Derive computed a bound actual: numerator / denominator × 100, rounded to 6
// places; known says b is a binding, ok that its value is defined.
type derivation struct {
	binding         Binding
	num, den, value decimal.Decimal
	known, ok       bool
}

func derive(b Binding, f Figures) derivation {
	d := derivation{binding: b}
	switch b {
	case BindExecutionRate:
		d.num, d.den = f.Executed, f.AdjustedBudget
	case BindCarryoverRate:
		d.num, d.den = f.CarryoverEnd, f.Executed
	case BindAssetUtilization:
		d.num, d.den = f.AssetsInUse, f.AssetsTotal
	case BindPublicFundsControl:
		d.num, d.den = f.PublicActual, f.PublicBudget
	case BindThreePublicControl:
		d.num, d.den = f.ThreePublicActual, f.ThreePublicBudget
	default:
		return d
	}
	d.known = true
	if d.den.IsZero() {
		return d
	}
	d.value, d.ok = d.num.Mul(hundred).DivRound(d.den, derivedPlaces), true
	return d
}
