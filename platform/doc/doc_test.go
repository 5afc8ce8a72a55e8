package doc

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestUnits(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"部门职能", []string{"部", "门", "职", "能"}},
		// Numbers stay whole, with their unit sign and the punctuation after them.
		{"支出为1829.4万元，执行率99.63%。", []string{"支", "出", "为", "1829.4", "万", "元，", "执", "行", "率", "99.63%。"}},
		// Opening punctuation holds on to what follows, closing to what precedes.
		{"（一）部门“1310”部署", []string{"（一）", "部", "门", "“1310”", "部", "署"}},
		{"《南沙信息》", []string{"《南", "沙", "信", "息》"}},
		{"职责—工作……", []string{"职", "责—", "工", "作……"}},
		// Spaces are units of their own, where a Latin line may break.
		{"GB/T 9704-2012 格式", []string{"GB/T", " ", "9704-2012", " ", "格", "式"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := Units(tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Units(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if strings.Join(got, "") != tt.text {
			t.Errorf("Units(%q) joined is %q", tt.text, strings.Join(got, ""))
		}
	}
}

func TestEms(t *testing.T) {
	tests := []struct {
		text string
		want float64
	}{
		{"部门", 2}, {"99.63%", 3}, {"“1310”", 4}, {"≥100%", 3}, {"— 1 —", 3.5},
	}
	for _, tt := range tests {
		if got := Ems(tt.text); got != tt.want {
			t.Errorf("Ems(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// grid draws a grid as text, one line per row, a cell's text at each place it
// covers: "a a b" is a cell a spanning two columns.
func grid(g Grid) string {
	var rows []string
	for r := range g.Rows {
		var cells []string
		for c := range g.Cols {
			s := g.At(r, c).Text
			if s == "" {
				s = "_"
			}
			cells = append(cells, s)
		}
		rows = append(rows, strings.Join(cells, " "))
	}
	return strings.Join(rows, "\n")
}

func cells(texts ...string) Row {
	r := Row{}
	for _, s := range texts {
		r.Cells = append(r.Cells, Cell{Text: s})
	}
	return r
}

func TestGrid(t *testing.T) {
	span := func(s string, cols, rows int) Cell { return Cell{Text: s, ColSpan: cols, RowSpan: rows} }
	tests := []struct {
		name  string
		table Table
		want  string
	}{
		{"plain", Table{Header: []Row{cells("a", "b")}, Rows: []Row{cells("c", "d")}}, "a b\nc d"},
		{"column span", Table{Rows: []Row{{Cells: []Cell{span("a", 2, 1), {Text: "b"}}}, cells("c", "d", "e")}}, "a a b\nc d e"},
		{"row spans leave places out", Table{Rows: []Row{
			{Cells: []Cell{span("a", 1, 3), span("b", 1, 2), {Text: "c"}}},
			cells("d"),
			cells("e", "f"),
		}}, "a b c\na b d\na e f"},
		{"short rows are filled", Table{Rows: []Row{cells("a", "b", "c"), cells("d")}}, "a b c\nd _ _"},
		{"spans are cut at the table's end", Table{Rows: []Row{{Cells: []Cell{span("a", 1, 5), {Text: "b"}}}}}, "a b"},
		{"header spans stop at the header", Table{Header: []Row{{Cells: []Cell{span("h", 1, 2), {Text: "i"}}}}, Rows: []Row{cells("a", "b")}}, "h i\na b"},
		{"a span stops at an earlier row's span", Table{Rows: []Row{
			{Cells: []Cell{{Text: "a"}, span("b", 1, 2)}},
			{Cells: []Cell{span("c", 3, 1)}},
		}}, "a b\nc b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.table.Grid()
			if got := grid(g); got != tt.want {
				t.Errorf("grid:\n%s\nwant:\n%s", got, tt.want)
			}
			// Every cell's top-left place is its own, in reading order.
			last := -1
			for i, s := range g.Cells {
				if g.At(s.Row, s.Col) != &g.Cells[i] {
					t.Errorf("cell %d (%q) does not own its place (%d, %d)", i, s.Text, s.Row, s.Col)
				}
				if at := s.Row*g.Cols + s.Col; at <= last {
					t.Errorf("cell %d (%q) out of reading order", i, s.Text)
				} else {
					last = at
				}
			}
		})
	}
}

func TestWidths(t *testing.T) {
	near := func(a, b []float64) bool {
		for i := range a {
			if math.Abs(a[i]-b[i]) > 1e-9 {
				return false
			}
		}
		return len(a) == len(b)
	}
	short := Table{Rows: []Row{cells("一级指标", "得分"), cells("履职效能", "99.69")}}
	long := Table{Rows: []Row{cells("指标", strings.Repeat("偏差原因分析", 10))}}
	tests := []struct {
		name   string
		table  Table
		given  []float64
		room   float64
		expect func([]float64) bool
	}{
		{"given widths are scaled", short, []float64{1, 3}, 20, func(w []float64) bool { return near(w, []float64{0.25, 0.75}) }},
		// 一级指标 is 4 + 1 ems, 99.69 is 2.5 + 1: both fit, in proportion.
		{"room for every text", short, nil, 20, func(w []float64) bool { return near(w, []float64{5 / 8.5, 3.5 / 8.5}) }},
		// The long text wraps; the short one stays on one line.
		{"a long text takes the rest", long, nil, 20, func(w []float64) bool { return w[0]*20 >= 3 && w[1] > w[0] }},
		// With no room for every column's least (a character and its padding),
		// columns get their least in proportion.
		{"too narrow", long, nil, 3, func(w []float64) bool { return near(w, []float64{0.5, 0.5}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.table.Grid()
			w := g.Widths(tt.given, tt.room)
			if math.Abs(sum(w)-1) > 1e-9 || !tt.expect(w) {
				t.Errorf("Widths = %v", w)
			}
		})
	}
}
