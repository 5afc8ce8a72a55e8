package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/domain/fixed"
	"jixiao/domain/forms"
)

// Exporting, then importing the unchanged workbook, changes nothing.
func TestRoundTrip(t *testing.T) {
	for name, form := range map[string]func() *forms.Form{"project": projectForm, "overall": overallForm} {
		t.Run(name, func(t *testing.T) {
			in, problems := Read(write(t, form()))
			if len(problems) > 0 || in == nil {
				t.Fatalf("problems: %v", problems)
			}
			changes, problems := forms.Diff(form(), in)
			if len(changes) > 0 || len(problems) > 0 {
				t.Errorf("an unchanged workbook: changes %+v, problems %v", changes, problems)
			}
			// Saved again by a spreadsheet program, still nothing.
			in, problems = Read(edit(t, write(t, form()), func(*excelize.File) {}))
			if changes, more := forms.Diff(form(), in); len(problems)+len(more)+len(changes) > 0 {
				t.Errorf("saved again: changes %+v, problems %v %v", changes, problems, more)
			}
		})
	}
}

// problemsOf reads data and returns its problems as "code@cell" (ref without the
// sheet), the form's own compared with base when the reading succeeds.
func problemsOf(t *testing.T, data []byte, base *forms.Form) []string {
	t.Helper()
	in, problems := Read(data)
	if in != nil && base != nil {
		_, more := forms.Diff(base, in)
		problems = append(problems, more...)
	}
	var out []string
	for _, p := range problems {
		if p.Sheet != "" && p.Sheet != SheetName {
			t.Errorf("problem on sheet %q: %v", p.Sheet, p)
		}
		out = append(out, p.Code+"@"+p.Cell)
	}
	return out
}

// Every kind of problem a cell can have is reported at that cell, all at once.
func TestReadCellProblems(t *testing.T) {
	set := func(cells ...string) func(x *excelize.File) {
		return func(x *excelize.File) {
			for i := 0; i+1 < len(cells); i += 2 {
				if err := x.SetCellStr(SheetName, cells[i], cells[i+1]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, tt := range []struct {
		name   string
		change func(x *excelize.File)
		want   []string
	}{
		{"a text in a number cell", set("H14", "八十"), []string{"NOT_A_NUMBER@H14"}},
		{"a missing weight", set("I15", ""), []string{"REQUIRED@I15"}},
		{"a missing name", set("D16", ""), []string{"REQUIRED@D16"}},
		{"a missing target", set("F14", " "), []string{"REQUIRED@F14"}},
		{"an unknown operator", set("E14", "约"), []string{"UNKNOWN_OPERATOR@E14"}},
		{"an unknown rating", set("H17", "优秀"), []string{"UNKNOWN_RATING@H17"}},
		{"too many places", set("F15", "0.1234567"), []string{"TOO_MANY_PLACES@F15"}},
		{"a formula", func(x *excelize.File) { must(t, x.SetCellFormula(SheetName, "H16", "F16*0.95")) }, []string{"FORMULA@H16"}},
		{"a formula in a computed score", func(x *excelize.File) { must(t, x.SetCellFormula(SheetName, "J14", "I14")) }, []string{"FORMULA@J14"}},
		{"a copied row keeps its 编号", func(x *excelize.File) { must(t, x.SetCellInt(SheetName, "M15", 11)) }, []string{"DUPLICATE_ID@M15"}},
		{"an 编号 of another evaluation", func(x *excelize.File) { must(t, x.SetCellInt(SheetName, "M15", 999)) }, []string{"UNKNOWN_ID@M15"}},
		{"the header's 实施单位", set("I4", "区委办公室"), nil},
		{"several at once", set("H14", "八十", "E15", "≈", "I16", "三十", "H17", "好"),
			[]string{"NOT_A_NUMBER@H14", "UNKNOWN_OPERATOR@E15", "NOT_A_NUMBER@I16", "UNKNOWN_RATING@H17"}},
		{"merged cells inside the table", func(x *excelize.File) { must(t, x.MergeCell(SheetName, "F14", "G14")) }, []string{"MERGE_CHANGED@F14:G14"}},
		{"a moved merged header", func(x *excelize.File) {
			must(t, x.UnmergeCell(SheetName, "E12", "G12"))
			must(t, x.SetCellStr(SheetName, "E12", ""))
			must(t, x.SetCellStr(SheetName, "F12", "年度指标值"))
			must(t, x.MergeCell(SheetName, "F12", "H12"))
			// Merged over 实际完成值 too, whose range H12:H13 it now overlaps.
		}, []string{"LAYOUT_CHANGED@E12", "LAYOUT_CHANGED@H12", "LAYOUT_CHANGED@F13", "LAYOUT_CHANGED@G13"}},
		{"the project of another form", set("B3", "另一个项目"), []string{"OTHER_SUBJECT@B3"}},
		{"another year", set("A2", "（2022年度）"), []string{"OTHER_SUBJECT@A2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, edit(t, write(t, projectForm()), tt.change), projectForm())
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("problems %v, want %v", got, tt.want)
			}
		})
	}
}

// A problem's message names the sheet and cell, the column and the value.
func TestProblemMessage(t *testing.T) {
	_, problems := Read(edit(t, write(t, projectForm()), func(x *excelize.File) { must(t, x.SetCellStr(SheetName, "H14", "八十")) }))
	if len(problems) != 1 {
		t.Fatalf("problems %v", problems)
	}
	p := problems[0]
	if p.Ref() != "自评表!H14" || p.Field != forms.FieldActual || p.Value != "八十" || p.Params["column"] != "实际完成值" ||
		p.Message != `自评表!H14: 实际完成值 "八十" is not a number` {
		t.Errorf("problem %+v", p)
	}
}

// A workbook that is no form at all, or no workbook, is refused as a whole.
func TestReadFileProblems(t *testing.T) {
	good := write(t, projectForm())
	other := excelize.NewFile()
	must(t, other.SetCellStr("Sheet1", "A1", "会议纪要"))
	var otherBuf bytes.Buffer
	_, _ = other.WriteTo(&otherBuf)
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "FILE_EMPTY@"},
		{"a damaged zip", good[:len(good)/2], "FILE_DAMAGED@"},
		{"a zip that is no workbook", zipOf(t, "readme.txt", "hello"), "FILE_DAMAGED@"},
		{"not a workbook", []byte("项目名称,区委重要会议保障\n"), "FILE_NOT_XLSX@"},
		{"an .xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "FILE_LEGACY@"},
		{"another workbook", otherBuf.Bytes(), "NOT_A_FORM@"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in, problems := Read(tt.data)
			if in != nil || len(problems) != 1 || problems[0].Code+"@"+problems[0].Cell != tt.want {
				t.Errorf("form %v, problems %v, want %s", in != nil, problems, tt.want)
			}
		})
	}
	// The overall form where a project's is expected.
	in, problems := Read(write(t, overallForm()))
	if _, more := forms.Diff(projectForm(), in); len(problems) > 0 || len(more) != 1 || more[0].Code != forms.CodeWrongForm {
		t.Errorf("an overall form imported into a project: %v %v", problems, more)
	}
}

// Rows added, changed and removed by editing the workbook, and where the rows
// moved when a row was inserted in the table.
func TestReadEditedRows(t *testing.T) {
	data := edit(t, write(t, projectForm()), func(x *excelize.File) {
		must(t, x.InsertRows(SheetName, 16, 1)) // a new row inside the table, before 效益指标
		for c, v := range map[string]string{"B16": "产出指标", "C16": "时效指标", "D16": "会议通知及时率", "E16": "≥",
			"G16": "%", "K16": ""} {
			must(t, x.SetCellStr(SheetName, c, v))
		}
		must(t, x.SetCellInt(SheetName, "F16", 100))
		must(t, x.SetCellFloat(SheetName, "H16", 98.5, -1, 64))
		must(t, x.SetCellInt(SheetName, "I16", 5))
		must(t, x.SetCellFloat(SheetName, "H14", 41, -1, 64)) // changed
		must(t, x.SetCellStr(SheetName, "K14", "一场会议延期。"))
		must(t, x.RemoveRow(SheetName, 18)) // the qualitative row, 17 before the insert
	})
	in, problems := Read(data)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	changes, problems := forms.Diff(projectForm(), in)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	var got []string
	for _, c := range changes {
		var fields []string
		for _, f := range c.Fields {
			fields = append(fields, fmt.Sprintf("%s:%v→%v", f.Field, f.Before, f.After))
		}
		got = append(got, fmt.Sprintf("%s %s %s@%d [%s]", c.Kind, c.Entity, c.Name, c.Row, strings.Join(fields, " ")))
	}
	want := []string{
		"CHANGED Indicator 保障会议场次@14 [actual:42.00→41.00 deviationReason:→一场会议延期。]",
		"ADDED Indicator 会议通知及时率@16 [level1:<nil>→产出指标 level2:<nil>→时效指标 name:<nil>→会议通知及时率 kind:<nil>→QUANTITATIVE operator:<nil>→GE target:<nil>→100.00 unit:<nil>→% actual:<nil>→98.50 weight:<nil>→5.00 position:<nil>→3]",
		"CHANGED Indicator 会议决策落实率@17 [position:3→4]",
		"REMOVED Indicator 参会人员满意度@0 [level1:满意度指标→<nil> level2:服务对象满意度指标→<nil> name:参会人员满意度→<nil> kind:QUALITATIVE→<nil> operator:<nil>→<nil> target:<nil>→<nil> unit:→<nil> actual:<nil>→<nil> rating:ACHIEVED→<nil> ratedScore:9.00→<nil> weight:10.00→<nil> deviationReason:→<nil> scoringCriteria:→<nil>]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A plain indicator table as departments keep them: 年度指标值 in one cell, level
// names only on a group's first row, a percent-formatted cell, a subtotal row.
func TestReadPlainTable(t *testing.T) {
	x := excelize.NewFile()
	rows := [][]any{
		{"南沙区委办 2023 年度绩效指标"},
		{"序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "自评得分", "偏差原因分析"},
		{1, "产出指标", "数量指标", "保障会议场次", "≥40场", 42, 30, 30, ""},
		{2, "", "质量指标", "会议材料差错率", "≤1%", 0.005, 20, 20, ""},
		{3, "效益指标", "社会效益指标", "会议决策落实率", "100%", "95", 30, 28.5, "个别事项跨年度实施。"},
		{"", "", "", "", "", "", "", "", ""},
		{4, "满意度指标", "服务对象满意度指标", "参会人员满意度", "达成", "达成年度指标", 10, 9, ""},
		{"合计", "", "", "", "", "", 90, 87.5, ""},
	}
	for i, r := range rows {
		must(t, x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r))
	}
	pct, err := x.NewStyle(&excelize.Style{NumFmt: 10})
	must(t, err)
	must(t, x.SetCellStyle("Sheet1", "F4", "F4", pct)) // 0.005 shown as 0.50%
	var buf bytes.Buffer
	_, _ = x.WriteTo(&buf)
	in, problems := Read(buf.Bytes())
	if len(problems) > 0 || in == nil {
		t.Fatalf("problems %v", problems)
	}
	if in.Kind != forms.IndicatorTable || len(in.Indicators) != 4 {
		t.Fatalf("read %s with %d indicators", in.Kind, len(in.Indicators))
	}
	var got []string
	for _, i := range in.Indicators {
		got = append(got, fmt.Sprintf("%s/%s/%s %s %s %s %s %s %s %s", i.Level1, i.Level2, i.Name, i.Kind, i.Operator,
			str(i.Target), i.Unit, str(i.Actual), i.Rating, str(i.Weight)))
	}
	want := []string{
		"产出指标/数量指标/保障会议场次 QUANTITATIVE GE 40.00 场 42.00  30.00",
		"产出指标/质量指标/会议材料差错率 QUANTITATIVE LE 1.00 % 0.50  20.00",
		"效益指标/社会效益指标/会议决策落实率 QUANTITATIVE GE 100.00 % 95.00  30.00",
		"满意度指标/服务对象满意度指标/参会人员满意度 QUALITATIVE  -  - ACHIEVED 10.00",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("indicators:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := in.Indicators[1].Cells[forms.FieldActual]; c != "F4" {
		t.Errorf("the second row's actual is at %s, want F4", c)
	}
}

func str(d *fixed.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.String()
}

// The budget block: a stored figure changes its row, a sum is read-only, a
// breakdown row is its FundingLine: changed, added when filled in, removed when
// emptied; a cell that is no number changes nothing of its row.
func TestReadMoney(t *testing.T) {
	in, problems := Read(edit(t, write(t, projectForm()), func(x *excelize.File) {
		must(t, x.SetCellInt(SheetName, "F6", 125))
	}))
	changes, more := forms.Diff(projectForm(), in)
	if len(problems)+len(more) > 0 || len(changes) != 1 || changes[0].Entity != forms.EntityProject ||
		fmt.Sprint(changes[0].Fields) != "[{budget 120.00 125.00}]" || changes[0].Cells["budget"] != "F6" {
		t.Errorf("the project's budget changed: %+v %v %v", changes, problems, more)
	}
	in, problems = Read(edit(t, write(t, overallForm()), func(x *excelize.File) {
		must(t, x.SetCellInt(SheetName, "F14", 600)) // 基本支出: personnel + public
		must(t, x.SetCellInt(SheetName, "E9", 500))  // 一般公共预算's 年初预算数
		must(t, x.SetCellInt(SheetName, "E14", 560)) // 基本支出's 年初预算数: the year's own
	}))
	changes, more = forms.Diff(overallForm(), in)
	if len(problems) > 0 || len(more) != 1 || more[0].Code+"@"+more[0].Cell != "READ_ONLY@F14" {
		t.Errorf("a sum changed: %v %v", problems, more)
	}
	var got []string
	for _, c := range changes {
		got = append(got, fmt.Sprintf("%s %s %d %s %v %s", c.Kind, c.Entity, c.ID, c.Line, c.Fields, c.Cells[forms.FieldInitialBudget]))
	}
	want := []string{
		"CHANGED FundingLine 61 GENERAL_PUBLIC_BUDGET [{initialBudget 860.00 500.00}] E9",
		"CHANGED DepartmentYear 4  [{basicInitialBudget 570.00 560.00}] ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the year's lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	in, problems = Read(edit(t, write(t, projectForm()), func(x *excelize.File) {
		for _, c := range []string{"E8", "F8", "G8"} { // 上年结转资金 emptied
			must(t, x.SetCellStr(SheetName, c, ""))
		}
		must(t, x.SetCellFloat(SheetName, "F9", 0.5, -1, 64)) // 其他资金 filled in
		must(t, x.SetCellStr(SheetName, "G7", "一百"))          // no number: 当年财政拨款 stays as it is
	}))
	changes, _ = forms.Diff(projectForm(), in)
	got = nil
	for _, c := range changes {
		got = append(got, fmt.Sprintf("%s %s %d %s %v", c.Kind, c.Entity, c.ID, c.Line, c.Fields))
	}
	want = []string{
		"REMOVED FundingLine 52 PRIOR_YEAR_CARRYOVER [{initialBudget 0.00 <nil>} {adjustedBudget 4.58 <nil>} {executed 4.58 <nil>}]",
		"ADDED FundingLine 0 OTHER_FUNDS [{adjustedBudget <nil> 0.50}]",
	}
	if len(problems) != 1 || problems[0].Code+"@"+problems[0].Cell != "NOT_A_NUMBER@G7" || problems[0].Field != forms.FieldExecuted ||
		strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the project's lines: problems %v, changes:\n%s\nwant:\n%s", problems, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A reviewed form carries the re-scores as notes on the score cells (a
// qualitative one's 得分 is typed, a quantitative one's computed) and the review
// total on the total's: the cells keep the self-scores, and the workbook reads
// back unchanged.
func TestRoundTripReviewed(t *testing.T) {
	reviewed := func() *forms.Form {
		f := projectForm()
		f.Indicators[0].Review = "复核得分28；复核意见：会议记录不全"
		f.Indicators[3].Review = "复核得分8；复核意见：满意度调查样本偏少"
		f.Review = "复核总分94.38，评价等级：优"
		return f
	}
	data := write(t, reviewed())
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	comments, err := book.GetComments(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, c := range comments {
		notes[c.Cell] = c.Paragraph[0].Text
	}
	if len(notes) != 3 || notes["J14"] != "复核得分28；复核意见：会议记录不全" || notes["J17"] != "复核得分8；复核意见：满意度调查样本偏少" {
		t.Errorf("the notes: %v", notes)
	}
	for cell, want := range map[string]string{"J14": "30.00", "J17": "9.00"} {
		if got, _ := book.GetCellValue(SheetName, cell); got != want {
			t.Errorf("%s holds %q, want the self-score %s", cell, got, want)
		}
	}
	in, problems := Read(data)
	if len(problems) > 0 || in == nil {
		t.Fatalf("problems: %v", problems)
	}
	if changes, problems := forms.Diff(reviewed(), in); len(changes) > 0 || len(problems) > 0 {
		t.Errorf("a reviewed workbook: changes %+v, problems %v", changes, problems)
	}
}
