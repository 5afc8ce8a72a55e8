package library_test

import (
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/library"
	"jixiao/ent"
	"jixiao/ent/libraryindicator"
)

// TestDefaultTarget: the end of the typical range the operator holds an indicator to.
func TestDefaultTarget(t *testing.T) {
	d := func(s string) *fixed.Decimal { v := fixed.MustParse(s); return &v }
	op := func(o libraryindicator.Operator) *libraryindicator.Operator { return &o }
	for _, tt := range []struct {
		name   string
		op     *libraryindicator.Operator
		lo, hi *fixed.Decimal
		want   string
	}{
		{"≥: the low end", op(libraryindicator.OperatorAtLeast), d("85"), d("95"), "85.00"},
		{">: the low end", op(libraryindicator.OperatorAbove), d("0"), d("3"), "0.00"},
		{"=: the low end", op(libraryindicator.OperatorEqual), d("100"), d("100"), "100.00"},
		{"≤: the high end", op(libraryindicator.OperatorAtMost), d("5"), d("10"), "10.00"},
		{"<: the high end", op(libraryindicator.OperatorBelow), d("1"), d("2"), "2.00"},
		{"≥ with only a high end", op(libraryindicator.OperatorAtLeast), nil, d("95"), "95.00"},
		{"≤ with only a low end", op(libraryindicator.OperatorAtMost), d("5"), nil, "5.00"},
		{"qualitative", nil, nil, nil, ""},
	} {
		got := library.DefaultTarget(&ent.LibraryIndicator{Operator: tt.op, TargetMin: tt.lo, TargetMax: tt.hi})
		if (got == nil && tt.want != "") || (got != nil && got.String() != tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, got, tt.want)
		}
	}
}
