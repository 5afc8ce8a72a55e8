package kept

import (
	"maps"
	"slices"
	"testing"
)

// TestColumns requires Columns, which the hooks and the audit trail read, to name
// exactly the columns each kind of row's values write.
func TestColumns(t *testing.T) {
	written := map[string]map[string]any{
		"Indicator":      IndicatorValues{}.columns(),
		"Evaluation":     EvaluationValues{}.columns(),
		"DepartmentYear": YearValues{}.columns(),
		"Project":        ProjectValues{}.columns(),
	}
	if got, want := slices.Sorted(maps.Keys(Columns)), slices.Sorted(maps.Keys(written)); !slices.Equal(got, want) {
		t.Fatalf("Columns covers %v, values are written for %v", got, want)
	}
	for typ, cols := range written {
		if got, want := slices.Sorted(slices.Values(Columns[typ])), slices.Sorted(maps.Keys(cols)); !slices.Equal(got, want) {
			t.Errorf("Columns[%s] = %v, its values write %v", typ, got, want)
		}
	}
}
