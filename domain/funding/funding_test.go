package funding

import (
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

func amounts(initial, adjusted, executed string) Amounts {
	return Amounts{decimal.RequireFromString(initial), decimal.RequireFromString(adjusted), decimal.RequireFromString(executed)}
}

func TestMismatches(t *testing.T) {
	for _, c := range []struct {
		name  string
		total Amounts
		lines []Amounts
		want  []string // column:sum:total
	}{
		{"no lines ask nothing", amounts("1", "2", "3"), nil, nil},
		{"lines add up", amounts("250", "260", "259.2"),
			[]Amounts{amounts("250", "255.42", "254.62"), amounts("0", "4.58", "4.58")}, nil},
		{"exact to the millionth", amounts("0", "0.000001", "0"), []Amounts{amounts("0", "0", "0")},
			[]string{"adjustedBudget:0:0.000001"}},
		{"every column named, in form order", amounts("100", "100", "100"),
			[]Amounts{amounts("90", "110", "99.99")},
			[]string{"initialBudget:90:100", "adjustedBudget:110:100", "executed:99.99:100"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, m := range Mismatches(c.total, c.lines) {
				got = append(got, string(m.Column)+":"+m.Sum.String()+":"+m.Total.String())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestCategories(t *testing.T) {
	if got := All(); len(got) != 8 || got[0] != "CURRENT_APPROPRIATION" || got[3] != "GENERAL_PUBLIC_BUDGET" {
		t.Errorf("All() = %v", got)
	}
	for _, c := range Sources {
		if !slices.Contains(Allowed(true), c) || slices.Contains(Allowed(false), c) {
			t.Errorf("%s is a project's source only", c)
		}
	}
	if Order(PriorYearCarryover) >= Order(OtherFunds) || Order(UnitFunds) != 7 || Order("X") != 8 {
		t.Errorf("order: %d %d %d %d", Order(PriorYearCarryover), Order(OtherFunds), Order(UnitFunds), Order("X"))
	}
}
