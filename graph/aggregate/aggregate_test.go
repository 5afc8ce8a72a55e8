package aggregate

import (
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
)

func TestAncestorAt(t *testing.T) {
	tests := []struct {
		path              string
		id, depth, floor  int
		wantID, wantDepth int
	}{
		{"/", 1, 1, 0, 1, 1},               // a root at depth 1 is itself
		{"/1/5/", 9, 1, 0, 1, 1},           // up to the root
		{"/1/5/", 9, 2, 0, 5, 2},           // the district
		{"/1/5/", 9, 3, 0, 9, 3},           // itself
		{"/1/5/", 9, 7, 0, 9, 3},           // less deep than asked: itself
		{"/1/5/", 9, 1, 5, 5, 2},           // never above the caller's root
		{"/1/5/", 9, 3, 5, 9, 3},           // below it: as asked
		{"/1/5/", 9, 1, 42, 1, 1},          // a floor off the path changes nothing
		{"/10/200/3000/", 4, 2, 0, 200, 2}, // multi-digit ids
	}
	for _, tt := range tests {
		id, depth := AncestorAt(tt.path, tt.id, tt.depth, tt.floor)
		if id != tt.wantID || depth != tt.wantDepth {
			t.Errorf("AncestorAt(%q, %d, %d, %d) = %d, %d; want %d, %d", tt.path, tt.id, tt.depth, tt.floor, id, depth, tt.wantID, tt.wantDepth)
		}
	}
}

func TestStatOf(t *testing.T) {
	i64 := func(n int64) *int64 { return &n }
	big := decimal.RequireFromString("9300000000000") // units: beyond a Decimal
	tests := []struct {
		name               string
		m                  Measure
		acc                Acc
		sum, avg, min, max string // "" for null
	}{
		{"exact sum and average", Measure{Name: "SCORE", Places: 2},
			Acc{N: 3, Units: decimal.NewFromInt(250), Frac: decimal.NewFromInt(580000), Min: i64(80_060000), Max: i64(88_300000)},
			"250.58", "83.53", "80.06", "88.30"},
		{"attainment to 4 places", Measure{Name: "ATTAINMENT", Places: 4},
			Acc{N: 3, Units: decimal.NewFromInt(2), Frac: decimal.NewFromInt(1_000001), Min: i64(1), Max: i64(1_000000)},
			"3.000001", "1.00", "0.000001", "1.00"},
		{"a rate has no sum", Measure{Name: "EXECUTION_RATE", Places: 2, Rate: true},
			Acc{N: 2, Units: decimal.NewFromInt(175), Frac: decimal.NewFromInt(500000)},
			"", "87.75", "", ""},
		{"a sum beyond a Decimal is null, its average is not", Measure{Name: "TOTAL_BUDGET", Places: 2},
			Acc{N: 1000, Units: big},
			"", "9300000000.00", "", ""},
		{"no values", Measure{Name: "SCORE", Places: 2}, Acc{}, "", "", "", ""},
	}
	str := func(d *fixed.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	for _, tt := range tests {
		st := StatOf(tt.m, tt.acc)
		if got := [4]string{str(st.Sum), str(st.Avg), str(st.Min), str(st.Max)}; got != [4]string{tt.sum, tt.avg, tt.min, tt.max} {
			t.Errorf("%s: %v, want %v", tt.name, got, [4]string{tt.sum, tt.avg, tt.min, tt.max})
		}
	}
}

func TestRollup(t *testing.T) {
	i64 := func(n int64) *int64 { return &n }
	sp := &Spec{Entity: Evaluations, GroupBy: []Dimension{Department}, Measures: []Measure{{Name: "SCORE", Column: "score", Places: 2}}, Depth: 2}
	row := func(id int, path, code string, n int64, units, frac, lo, hi int64) Row {
		return Row{Key: Key{Department: &Dept{ID: id, Code: code, Depth: len(chain(path, id))}, Values: map[Dimension]*string{}}, Path: path, Count: n,
			Stats: []Acc{{N: n, Units: decimal.NewFromInt(units), Frac: decimal.NewFromInt(frac), Min: i64(lo), Max: i64(hi)}}}
	}
	rows := []Row{
		row(9, "/1/5/", "U9", 2, 170, 500000, 80_000000, 90_500000), // a unit of district 5
		row(5, "/1/", "D5", 1, 88, 0, 88_000000, 88_000000),         // the district itself names the group
		row(1, "/", "R", 1, 70, 250000, 70_250000, 70_250000),       // the root stays itself
		row(7, "/1/6/", "U7", 0, 0, 0, 0, 0),                        // no rows: dropped
	}
	groups := Rollup(sp, rows, 0)
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2", len(groups))
	}
	g := groups[0]
	st := StatOf(sp.Measures[0], g.Stats[0])
	if g.Key.Department.ID != 5 || g.Key.Department.Code != "D5" || g.Count != 3 || st.Sum.String() != "258.50" ||
		st.Avg.String() != "86.17" || st.Min.String() != "80.00" || st.Max.String() != "90.50" {
		t.Errorf("district group: %+v %+v %s %s %s %s", g.Key.Department, g.Count, st.Sum, st.Avg, st.Min, st.Max)
	}
	if groups[1].Key.Department.ID != 1 || groups[1].Count != 1 {
		t.Errorf("root group: %+v", groups[1].Key.Department)
	}
}
