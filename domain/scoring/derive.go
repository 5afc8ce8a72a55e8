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
	var num, den decimal.Decimal
	switch b {
	case BindExecutionRate:
		num, den = f.Executed, f.AdjustedBudget
	case BindCarryoverRate:
		num, den = f.CarryoverEnd, f.Executed
	case BindAssetUtilization:
		num, den = f.AssetsInUse, f.AssetsTotal
	case BindPublicFundsControl:
		num, den = f.PublicActual, f.PublicBudget
	case BindThreePublicControl:
		num, den = f.ThreePublicActual, f.ThreePublicBudget
	default:
		return decimal.Zero, false
	}
	if den.IsZero() {
		return decimal.Zero, false
	}
	return num.Mul(hundred).DivRound(den, derivedPlaces), true
}
