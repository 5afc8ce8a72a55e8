package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// opened is a written workbook opened again with excelize, as a reader of it sees it.
func opened(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// checkCells compares cells with their expected raw values.
func checkCells(t *testing.T, x *excelize.File, want map[string]string) {
	t.Helper()
	for c, w := range want {
		got, err := x.GetCellValue(SheetName, c)
		if err != nil || got != w {
			t.Errorf("%s = %q (%v), want %q", c, got, err, w)
		}
	}
}

// checkMerges requires every range of want among the sheet's merged ranges.
func checkMerges(t *testing.T, x *excelize.File, want ...string) {
	t.Helper()
	merges, err := x.GetMergeCells(SheetName, true)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range merges {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("merged range %s missing; merged: %v", w, got)
		}
	}
}

func TestWriteProjectForm(t *testing.T) {
	x := opened(t, write(t, projectForm()))
	if got := x.GetSheetList(); len(got) != 1 || got[0] != SheetName {
		t.Fatalf("sheets %v, want [%s]", got, SheetName)
	}
	checkMerges(t, x, "A1:L1", "A2:L2", "B3:L3", "B4:F4", "G4:H4", "I4:L4",
		"A5:A9", "B5:D5", "J5:L5", "B6:D6", "J6:L6", "B7:B9", "C7:D7", "C8:D8", "C9:D9",
		"A10:A11", "B10:G10", "H10:L10", "B11:G11", "H11:L11",
		"A12:A17", "B12:B13", "C12:C13", "D12:D13", "E12:G12", "H12:H13", "I12:I13", "J12:J13", "K12:K13", "L12:L13",
		"B14:B15", "A18:H18", "K18:L18")
	checkCells(t, x, map[string]string{
		"A1": "项目支出绩效自评表", "A2": "（2023年度）",
		"A3": "项目名称", "B3": "区委重要会议保障", "A4": "主管部门", "B4": "中共广州市南沙区委员会办公室", "G4": "实施单位", "I4": "区委办公室行政科",
		"A5": "项目资金（万元）", "E5": "年初预算数", "F5": "全年预算数", "G5": "全年执行数", "H5": "分值", "I5": "执行率", "J5": "得分",
		"B6": "年度资金总额", "E6": "110", "F6": "120", "G6": "118.5", "H6": "10", "I6": "98.75", "J6": "9.88",
		"B7": "其中", "C7": "当年财政拨款", "C8": "上年结转资金", "C9": "其他资金", "H7": "—", "J7": "—",
		"E7": "110", "F7": "115.42", "G7": "113.92", "E8": "0", "F8": "4.58", "E9": "", "F9": "", "G9": "", // 其他资金: no line
		"A10": "年度总体目标", "B10": "预期目标", "H10": "实际完成情况", "B11": "保障区委重要会议顺利召开。", "H11": "全年保障会议42场，均按期召开。",
		"A12": "绩效指标", "B12": "一级指标", "C12": "二级指标", "D12": "三级指标", "E12": "年度指标值",
		"E13": "指标性质", "F13": "指标值", "G13": "度量单位", "H12": "实际完成值", "I12": "分值", "J12": "得分",
		"K12": "偏差原因分析及改进措施", "L12": "评（扣）分标准", "M12": "编号",
		"B14": "产出指标", "C14": "数量指标", "D14": "保障会议场次", "E14": "≥", "F14": "40", "G14": "场", "H14": "42", "I14": "30", "J14": "30", "M14": "11",
		"L14": "完成值达到指标值的得满分，未达到的按完成值÷指标值×分值计分。", "C15": "质量指标", "E15": "≤", "H15": "0.5", "L15": "",
		"B16": "效益指标", "E16": "=", "J16": "28.5", "K16": "个别事项跨年度实施。",
		"B17": "满意度指标", "E17": "定性", "F17": "", "H17": "达成年度指标", "I17": "10", "J17": "9", "M17": "14",
		"A18": "总分", "I18": "100", "J18": "97.38", "K18": "评价等级：优",
	})
	// Scores are values, never formulas.
	for _, c := range []string{"J6", "J14", "J16", "J17", "J18", "I18"} {
		if f, _ := x.GetCellFormula(SheetName, c); f != "" {
			t.Errorf("%s holds the formula %q", c, f)
		}
	}
	checkPrint(t, x, "'自评表'!$A$1:$L$18", "'自评表'!$12:$13")
	checkValidations(t, x, map[string]string{
		"E14:E17": `"≥,>,=,≤,<,定性"`, "H17": `"达成年度指标,部分达成并具有一定效果,未达成且效果较差"`,
		"F14:F16": "decimal 0 10000000000", "H14:H16": "decimal -10000000000 10000000000",
		"I14:I17": "decimal 0 100", "J17": "decimal 0 100",
	})
}

func TestWriteOverallForm(t *testing.T) {
	x := opened(t, write(t, overallForm()))
	// 1 title, 2 year, 3 name, 4–6 tasks, 7–15 budget, 16–17 goal, 18–19 headers,
	// 20–22 indicators, 23 total, 24–26 texts.
	checkMerges(t, x, "B3:L3", "A4:A6", "B4:D4", "E4:H4", "I4:L4", "B5:D5", "E5:H5", "I5:L5",
		"A7:A15", "B9:B13", "C9:D9", "B14:B15", "C14:D14", "A16:A17", "A18:A22", "B21:B22", "A23:H23", "B24:L24", "B26:L26")
	checkCells(t, x, map[string]string{
		"A1": "部门整体支出绩效自评表", "A3": "部门（单位）名称", "B3": "广州市南沙区财政局",
		"A4": "年度主要任务", "B4": "任务名称", "E4": "主要内容", "I4": "完成情况",
		"B5": "预算评审", "E5": "评审全区项目预算。", "I5": "完成评审 42 个。", "M5": "21", "B6": "绩效管理", "M6": "22",
		"A7": "年度部门整体支出预算执行情况（万元）", "B8": "年度资金总额", "E8": "860", "F8": "880", "G8": "869.82", "H8": "", "I8": "98.84", "J8": "",
		"B9": "按收入性质分", "C9": "一般公共预算", "E9": "860", "F9": "880", "G9": "869.82", "C10": "政府性基金预算", "E10": "", "G10": "",
		"C13": "单位资金", "B14": "按支出性质分", "C14": "基本支出", "E14": "570", "F14": "580", "E15": "290", "G15": "296.4",
		"A16": "年度总体目标", "B17": "统筹财政资源，提高预算编制和执行质量。", "H17": "预算执行率98.84%。",
		"A18": "年度绩效指标", "H21": "98.843182", "E22": "定性", "H22": "达成年度指标", "J22": "26.72",
		"A23": "总分", "J23": "96.37", "A24": "自评结论", "B24": "较好完成年度目标。",
		"A25": "存在问题", "B25": "一是个别项目结算滞后。\n二是绩效目标细化不足。", "A26": "改进措施",
	})
	checkPrint(t, x, "'自评表'!$A$1:$L$26", "'自评表'!$18:$19")
}

// checkPrint checks the print area and titles, A4 landscape one page wide, and
// the hidden 编号 column.
func checkPrint(t *testing.T, x *excelize.File, area, titles string) {
	t.Helper()
	names := map[string]string{}
	for _, d := range x.GetDefinedName() {
		names[d.Name+"@"+d.Scope] = d.RefersTo
	}
	if got := names["_xlnm.Print_Area@"+SheetName]; got != area {
		t.Errorf("print area %q, want %q (%v)", got, area, names)
	}
	if got := names["_xlnm.Print_Titles@"+SheetName]; got != titles {
		t.Errorf("print titles %q, want %q", got, titles)
	}
	pl, err := x.GetPageLayout(SheetName)
	if err != nil || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v (%v), want A4 (9) landscape, one page wide", pl, err)
	}
	if visible, _ := x.GetColVisible(SheetName, "M"); visible {
		t.Error("the 编号 column M is visible")
	}
	if w, _ := x.GetColWidth(SheetName, "D"); w != widths[colName-1] {
		t.Errorf("column D is %v wide, want %v", w, widths[colName-1])
	}
}

// checkValidations requires a validation on each range: a list's formula, or
// "decimal lo hi".
func checkValidations(t *testing.T, x *excelize.File, want map[string]string) {
	t.Helper()
	dvs, err := x.GetDataValidations(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, dv := range dvs {
		for _, ref := range strings.Fields(dv.Sqref) {
			if dv.Type == "list" {
				got[ref] = dv.Formula1
			} else {
				got[ref] = dv.Type + " " + dv.Formula1 + " " + dv.Formula2
			}
		}
	}
	for ref, w := range want {
		if got[ref] != w {
			t.Errorf("validation of %s: %q, want %q (all: %v)", ref, got[ref], w, got)
		}
	}
}
