package pdf

import (
	"reflect"
	"testing"
)

// ems are metrics that measured nothing: a Chinese character is an em wide, a
// Latin one half (doc.Ems), so that at 1 point lengths are counted in ems.
var ems = metrics{}

func TestWrap(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		first, rest float64
		want        []string
		last        []bool
	}{
		{"between any characters", "部门职能是综合协调", 4, 4, []string{"部门职能", "是综合协", "调"}, []bool{false, false, true}},
		{"no comma starts a line", "一二三，四五", 3, 3, []string{"一二", "三，四", "五"}, nil},
		{"no opening quote ends one", "一二“三”四", 3, 3, []string{"一二", "“三”", "四"}, nil},
		{"numbers are kept whole", "支出1829.4万元", 4, 4, []string{"支出", "1829.4万", "元"}, nil},
		{"a word longer than a line is cut", "abcdefghij", 2, 2, []string{"abcd", "efgh", "ij"}, nil},
		{"spaces at a break are dropped", "ab cd ef", 2.5, 2.5, []string{"ab cd", "ef"}, nil},
		{"a newline ends a line", "一二\n三", 5, 5, []string{"一二", "三"}, []bool{true, true}},
		{"the first line is indented", "一二三四五六", 2, 4, []string{"一二", "三四五六"}, nil},
		{"empty", "", 4, 4, []string{""}, []bool{true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ems.plain(tt.text, song)
			lines := wrap(ems, st, 1, tt.first, tt.rest)
			var got []string
			var last []bool
			for _, l := range lines {
				got = append(got, st.text[l.from:l.to])
				last = append(last, l.last)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
			if tt.last != nil && !reflect.DeepEqual(last, tt.last) {
				t.Errorf("last %v, want %v", last, tt.last)
			}
		})
	}
}

func TestSpacing(t *testing.T) {
	st := ems.plain("一二三1", song) // 3.5 ems
	tests := []struct {
		name string
		l    line
		room float64
		want float64
	}{
		{"a full line is spread", line{to: len(st.text), width: 3.5}, 4, 0.5 / 3},
		{"a paragraph's last line is not", line{to: len(st.text), width: 3.5, last: true}, 4, 0},
		{"nor a line half a character short a gap", line{to: len(st.text), width: 3.5}, 6, 0},
	}
	for _, tt := range tests {
		if got := spacing(st, tt.l, 1, tt.room); got != tt.want {
			t.Errorf("%s: spacing %v, want %v", tt.name, got, tt.want)
		}
	}
}
