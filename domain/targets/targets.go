// Package targets is a department-year's performance targets (绩效目标) as the
// finance bureau approves them: the versions of its indicator tree (targets and
// weights) filed before the year and adjusted during it, where they stand, and
// which of an indicator's fields they fix.
//
// A department files its targets (a FILING version); the bureau approves or
// returns them with a comment; approved targets are locked. A mid-year adjustment
// (an ADJUSTMENT version) changes targets or weights with a reason and takes
// effect only when the bureau approves it. Every version is kept. This package
// is pure: it imports no store, so that the schema can keep its Entry in a JSON
// column; package targets/review reads and writes the versions.
package targets

import (
	"context"
	"fmt"

	"jixiao/domain/fixed"
)

// Kind is what a version is.
type Kind string

const (
	Filing     Kind = "FILING"     // 绩效目标申报: the targets filed before the year
	Adjustment Kind = "ADJUSTMENT" // 绩效目标调整: a mid-year change of targets or weights
)

// VersionStatus is where one version stands.
type VersionStatus string

const (
	Submitted VersionStatus = "SUBMITTED" // waiting for the bureau
	Approved  VersionStatus = "APPROVED"
	Returned  VersionStatus = "RETURNED"
)

// Status is where a department-year's targets stand, derived from its versions.
type Status string

const (
	NotFiled       Status = "NOT_FILED" // no version: the targets are the department's to edit
	Filed          Status = "FILED"     // a filing waits for review
	FilingReturned Status = "RETURNED"  // the last filing was returned: edit and file again
	InForce        Status = "APPROVED"  // approved and locked; changed only by an adjustment
	Adjusting      Status = "ADJUSTING" // an adjustment waits for review
)

// Version is what StatusOf needs of a version.
type Version struct {
	Kind   Kind
	Status VersionStatus
}

// StatusOf is the status of a department-year with versions, in any order.
func StatusOf(versions []Version) Status {
	approved, filed, adjusting, returned := false, false, false, false
	for _, v := range versions {
		switch {
		case v.Status == Approved:
			approved = true
		case v.Status == Submitted && v.Kind == Filing:
			filed = true
		case v.Status == Submitted:
			adjusting = true
		case v.Kind == Filing:
			returned = true
		}
	}
	switch {
	case adjusting:
		return Adjusting
	case filed:
		return Filed
	case approved:
		return InForce
	case returned:
		return FilingReturned
	}
	return NotFiled
}

// Fixed reports whether the targets of a year in status are fixed: filed and
// waiting, approved, or under adjustment. Then no indicator is added or removed and
// no field of Fields changes except by an approved adjustment.
func (s Status) Fixed() bool { return s == Filed || s == InForce || s == Adjusting }

// Fields are the indicator's fields (as ent names its columns) that the targets
// fix: what the indicator measures, how, and against what.
var Fields = []string{"level1", "level2", "name", "kind", "operator", "target", "unit", "weight", "binding", "project_id"}

// Entry is one indicator of a version: its place and what the targets fix of it.
// Amounts are fixed.Decimal (JSON numbers of millionths), exact.
type Entry struct {
	Indicator int            `json:"indicator"`
	Project   *int           `json:"project,omitempty"`
	Level1    string         `json:"level1"`
	Level2    string         `json:"level2"`
	Name      string         `json:"name"`
	Kind      string         `json:"kind"`
	Operator  string         `json:"operator,omitempty"`
	Target    *fixed.Decimal `json:"target,omitempty"`
	Unit      string         `json:"unit"`
	Weight    fixed.Decimal  `json:"weight"`
}

// Change is how one indicator differs between two versions.
type Change struct {
	Indicator int
	// Before is nil for an indicator the later version added; After nil for one it dropped.
	Before, After *Entry
}

// TargetChanged reports whether the target differs.
func (c Change) TargetChanged() bool {
	return c.Before != nil && c.After != nil && !sameTarget(c.Before.Target, c.After.Target)
}

// WeightChanged reports whether the weight differs.
func (c Change) WeightChanged() bool {
	return c.Before != nil && c.After != nil && c.Before.Weight != c.After.Weight
}

func sameTarget(a, b *fixed.Decimal) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// same reports whether two entries of one indicator fix the same things.
func same(a, b Entry) bool {
	return sameTarget(a.Target, b.Target) && a.Weight == b.Weight && a.Level1 == b.Level1 && a.Level2 == b.Level2 &&
		a.Name == b.Name && a.Kind == b.Kind && a.Operator == b.Operator && a.Unit == b.Unit &&
		(a.Project == nil) == (b.Project == nil) && (a.Project == nil || *a.Project == *b.Project)
}

// Diff lists the indicators whose entries differ from before to after: those of
// after in its order, then those only before had, in theirs.
func Diff(before, after []Entry) []Change {
	old := make(map[int]*Entry, len(before))
	for i := range before {
		old[before[i].Indicator] = &before[i]
	}
	seen := map[int]bool{}
	var out []Change
	for i := range after {
		a := &after[i]
		seen[a.Indicator] = true
		b := old[a.Indicator]
		if b == nil || !same(*b, *a) {
			out = append(out, Change{Indicator: a.Indicator, Before: b, After: a})
		}
	}
	for i := range before {
		if !seen[before[i].Indicator] {
			out = append(out, Change{Indicator: before[i].Indicator, Before: &before[i]})
		}
	}
	return out
}

// Proposal is one indicator's change an adjustment asks for: a new target, a new
// weight or both (nil: unchanged).
type Proposal struct {
	Indicator int
	Target    *fixed.Decimal
	Weight    *fixed.Decimal
}

// Apply returns entries with the proposals applied, and an error naming the
// proposal (by its index, as `changes.N`) that names an indicator not among the
// entries, sets a target on a qualitative indicator, changes nothing, or repeats an
// indicator. The input is not changed.
func Apply(entries []Entry, proposals []Proposal) ([]Entry, error) {
	out := make([]Entry, len(entries))
	copy(out, entries)
	at := make(map[int]int, len(out))
	for i, e := range out {
		at[e.Indicator] = i
	}
	done := map[int]bool{}
	for n, p := range proposals {
		i, ok := at[p.Indicator]
		switch {
		case !ok:
			return nil, &ProposalError{Index: n, Field: "indicatorID", Reason: "NOT_IN_TARGETS", Message: fmt.Sprintf("indicator %d is not among the year's approved targets", p.Indicator)}
		case done[p.Indicator]:
			return nil, &ProposalError{Index: n, Field: "indicatorID", Reason: "REPEATED", Message: fmt.Sprintf("indicator %d is changed twice; give one change per indicator", p.Indicator)}
		case p.Target != nil && out[i].Kind != "QUANTITATIVE":
			return nil, &ProposalError{Index: n, Field: "target", Reason: "QUALITATIVE_TARGET", Message: fmt.Sprintf("%s is qualitative: it has no target to adjust", out[i].Name)}
		case p.Target == nil && p.Weight == nil:
			return nil, &ProposalError{Index: n, Field: "target", Reason: "NO_CHANGE", Message: fmt.Sprintf("give %s a new target, a new weight or both", out[i].Name)}
		}
		done[p.Indicator] = true
		e := out[i]
		if p.Target != nil {
			t := *p.Target
			e.Target = &t
		}
		if p.Weight != nil {
			e.Weight = *p.Weight
		}
		if same(e, out[i]) {
			return nil, &ProposalError{Index: n, Field: "target", Reason: "NO_CHANGE", Message: fmt.Sprintf("%s already has that target and weight", out[i].Name)}
		}
		out[i] = e
	}
	if len(done) == 0 {
		return nil, &ProposalError{Index: -1, Field: "changes", Reason: "NO_CHANGE", Message: "an adjustment changes at least one target or weight"}
	}
	return out, nil
}

// ProposalError is a proposal that cannot be applied: Field is within changes.Index
// (Index -1: the changes as a whole).
type ProposalError struct {
	Index   int
	Field   string
	Reason  string
	Message string
}

func (e *ProposalError) Error() string { return e.Path() + ": " + e.Message }

// Path is the input path of the field at fault, e.g. changes.2.target.
func (e *ProposalError) Path() string {
	if e.Index < 0 {
		return e.Field
	}
	return fmt.Sprintf("changes.%d.%s", e.Index, e.Field)
}

// FixedError refuses a change to an indicator whose year's targets are fixed.
type FixedError struct {
	Year   int
	Status Status
	What   string // e.g. "change the target of indicator 12", "add an indicator"
}

func (e *FixedError) Error() string {
	if e.Status == Filed {
		return fmt.Sprintf("cannot %s: department-year %d's targets are filed and wait for review; the finance bureau returns them for changes", e.What, e.Year)
	}
	return fmt.Sprintf("cannot %s: department-year %d's targets are approved and locked (%s); propose an adjustment instead", e.What, e.Year, e.Status)
}

type applyingKey struct{}

// Applying returns ctx in which an approved adjustment writes its targets: the
// lock lets those writes through.
func Applying(ctx context.Context) context.Context {
	return context.WithValue(ctx, applyingKey{}, true)
}

// IsApplying reports whether ctx is an approved adjustment's.
func IsApplying(ctx context.Context) bool { v, _ := ctx.Value(applyingKey{}).(bool); return v }
