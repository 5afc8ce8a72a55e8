package kept

import "sync/atomic"

// What this process wrote of kept values, for the operators' metrics
// (platform/metrics reads Totals): plain atomics, so that kept needs no metrics
// library and costs one addition per row.
var carried, repaired, differences atomic.Uint64

// Counts are totals since the process started.
type Counts struct {
	// Carried counts the rows whose kept values a change rewrote (the hooks:
	// the changed row itself, the bound indicators and evaluations it moves),
	// counted as each UPDATE runs, in transactions later rolled back too.
	Carried uint64
	// Repaired counts the rows Check rewrote because their values differed,
	// counted as each batch commits.
	Repaired uint64
	// Differences counts the values Check found that differ from the rules,
	// repairing or not.
	Differences uint64
}

// Totals returns the counts so far.
func Totals() Counts {
	return Counts{Carried: carried.Load(), Repaired: repaired.Load(), Differences: differences.Load()}
}
