package forms

import (
	"fmt"
	"slices"
	"testing"

	"jixiao/domain/fixed"
)

func TestPositions(t *testing.T) {
	for _, tt := range []struct {
		name    string
		matched []int // the current row of each imported row, -1 for a new one
		cur     []int // the current rows' positions, in order
		want    []int
	}{
		{"unchanged", []int{0, 1, 2}, []int{1, 2, 3}, []int{1, 2, 3}},
		{"positions left as they are, ties too", []int{0, 1, 2}, []int{0, 0, 5}, []int{0, 0, 5}},
		{"a row removed", []int{0, 2}, []int{1, 2, 3}, []int{1, 3}},
		{"rows added at the end", []int{0, 1, -1, -1}, []int{0, 0}, []int{0, 0, 1, 2}},
		{"a row added in the middle: renumbered", []int{0, -1, 1}, []int{1, 2}, []int{1, 2, 3}},
		{"rows swapped: renumbered", []int{1, 0}, []int{1, 2}, []int{1, 2}},
		// A row with a reported problem makes no change: its position is not used.
		{"a reported row is left out", []int{0, reported, 1}, []int{4, 7}, []int{4, 8, 7}},
	} {
		if got := positions(tt.matched, tt.cur); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func dec(s string) *fixed.Decimal { d := fixed.MustParse(s); return &d }

func row(id int, l1, l2, name string) Indicator {
	return Indicator{ID: id, Version: 1, Position: id, Level1: l1, Level2: l2, Name: name, Kind: KindQuantitative,
		Operator: "GE", Target: dec("1"), Weight: dec("10"), Cells: Cells{FieldName: fmt.Sprintf("D%d", 13+id), FieldID: fmt.Sprintf("M%d", 13+id), FieldActual: fmt.Sprintf("H%d", 13+id)}}
}

// Rows without 编号 (a plain table, rows typed in) are matched by their levels
// and name, spaces aside; rows named twice are refused.
func TestMatchByName(t *testing.T) {
	cur := &Form{Kind: OverallForm, Year: 2023, DepartmentName: "区财政局",
		Indicators: []Indicator{row(1, "产出", "数量", "A"), row(2, "产出", "数量", "B"), row(3, "效益", "社会", "C")}}
	in := &Form{Kind: IndicatorTable, Sheet: "Sheet1"}
	for _, ind := range cur.Indicators {
		ind.ID, ind.Version = 0, 0
		in.Indicators = append(in.Indicators, ind)
	}
	in.Indicators[0].Level1 = " 产出 " // a stray space
	in.Indicators[1].Actual = dec("3")
	in.Indicators = append(in.Indicators, row(0, "效益", "社会", "C"))
	in.Indicators[3].Cells = Cells{FieldName: "D17"}
	changes, problems := Diff(cur, in)
	if len(problems) != 1 || problems[0].Code != CodeDuplicateRow || problems[0].Cell != "D17" || problems[0].Params["first"] != "D16" {
		t.Errorf("problems %+v", problems)
	}
	if len(changes) != 1 || changes[0].ID != 2 || fmt.Sprint(changes[0].Fields) != "[{actual <nil> 3.00}]" {
		t.Errorf("changes %+v", changes)
	}
}

// Key tasks are matched by 编号, then by name; a task gone is removed.
func TestTasks(t *testing.T) {
	cur := &Form{Kind: OverallForm, Year: 2023, DepartmentName: "区财政局", Subject: Subject{YearID: 4},
		Tasks: []Task{{ID: 21, Version: 1, Position: 1, Title: "预算评审"}, {ID: 22, Version: 1, Position: 2, Title: "绩效管理", Outcome: "完成"}}}
	in := &Form{Kind: OverallForm, Year: 2023, DepartmentName: "区财政局", Sheet: "自评表",
		Tasks: []Task{{ID: 21, Title: "预算评审（含项目库）", Row: 5}, {Title: "政府采购", Content: "规范采购", Row: 6}}}
	changes, problems := Diff(cur, in)
	var got []string
	for _, c := range changes {
		got = append(got, fmt.Sprintf("%s %s %d %v", c.Kind, c.Entity, c.ID, c.Fields))
	}
	want := []string{
		"CHANGED KeyTask 21 [{title 预算评审 预算评审（含项目库）}]",
		"ADDED KeyTask 0 [{title <nil> 政府采购} {content <nil> 规范采购} {position <nil> 3}]",
		"REMOVED KeyTask 22 [{title 绩效管理 <nil>} {content  <nil>} {outcome 完成 <nil>}]",
	}
	if len(problems) > 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes\n%v\nwant\n%v\nproblems %v", got, want, problems)
	}
}

// A plain table changes only the columns it has; a bound actual may be rounded.
func TestPlainTableColumns(t *testing.T) {
	bound := row(2, "管理效率", "预算执行", "预算资金支出率")
	bound.Bound, bound.Actual = true, dec("99.630213")
	cur := &Form{Kind: OverallForm, Year: 2023, DepartmentName: "区财政局",
		Indicators: []Indicator{row(1, "产出", "数量", "A"), bound}}
	cur.Indicators[0].DeviationReason, cur.Indicators[0].Unit = "已说明", "人次"
	in := &Form{Kind: IndicatorTable, Sheet: "Sheet1"}
	for _, ind := range cur.Indicators {
		ind.ID, ind.DeviationReason, ind.Unit = 0, "", ""
		ind.Cells = Cells{FieldName: "C2", FieldActual: "G2", FieldWeight: "H2"}
		in.Indicators = append(in.Indicators, ind)
	}
	in.Indicators[1].Actual = dec("99.63")
	if changes, problems := Diff(cur, in); len(changes)+len(problems) > 0 {
		t.Errorf("a table without 偏差原因 and 单位, a bound actual rounded: %+v %v", changes, problems)
	}
	in.Indicators[1].Actual = dec("99.6")
	if _, problems := Diff(cur, in); len(problems) != 1 || problems[0].Code != CodeDerived || problems[0].Cell != "G2" {
		t.Errorf("a bound actual changed: %v", problems)
	}
}
