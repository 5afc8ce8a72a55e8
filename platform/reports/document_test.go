package reports

import (
	"reflect"
	"testing"

	"jixiao/domain/report"
	"jixiao/platform/doc"
)

func TestDocument(t *testing.T) {
	d := &report.Document{Title: "绩效自评报告", Sections: []*report.Section{{
		Key: "2", Number: "二、", Title: "绩效自评情况", Level: 1,
		Sections: []*report.Section{
			{Key: "2.1", Number: "（一）", Title: "自评结论", Level: 2, Paragraphs: []report.Paragraph{{Text: "得分99.69分。"}, {Text: "等级为优。"}}},
			{Key: "2.3.2.1", Number: "（1）", Title: "结转结余率", Level: 4, RunIn: true, Paragraphs: []report.Paragraph{{Text: "0.25%。"}, {Text: "控制在10%以内。"}}},
			{Key: "2.2", Number: "（二）", Title: "指标", Level: 2, Tables: []report.Table{{
				Title:  "表1",
				Header: []report.Row{{Cells: []report.Cell{{Text: "指标"}, {Text: "得分"}}}},
				Rows:   []report.Row{{Cells: []report.Cell{{Text: "产出", RowSpan: 2}, {Text: "5.00", Numeric: true}}}},
			}}},
		},
	}}}
	want := doc.Document{Title: "绩效自评报告", Blocks: []doc.Block{
		doc.Heading{Level: 1, Number: "二、", Text: "绩效自评情况"},
		doc.Heading{Level: 2, Number: "（一）", Text: "自评结论"},
		doc.Text("得分99.69分。"),
		doc.Text("等级为优。"),
		doc.Paragraph{Runs: []doc.Run{{Text: "（1）结转结余率：", Bold: true}, {Text: "0.25%。"}}},
		doc.Text("控制在10%以内。"),
		doc.Heading{Level: 2, Number: "（二）", Text: "指标"},
		doc.Table{Title: "表1",
			Header: []doc.Row{{Cells: []doc.Cell{{Text: "指标", Align: doc.AlignCenter}, {Text: "得分", Align: doc.AlignCenter}}}},
			Rows:   []doc.Row{{Cells: []doc.Cell{{Text: "产出", RowSpan: 2}, {Text: "5.00", Align: doc.AlignEnd}}}}},
	}}
	if got := Document(d); !reflect.DeepEqual(got, want) {
		t.Errorf("Document:\n got %#v\nwant %#v", got, want)
	}
}

func TestTitleLines(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2023年度某办公室部门整体支出绩效自评报告", "2023年度某办公室\n部门整体支出绩效自评报告"},
		{"2023年度会议保障项目支出绩效自评报告", "2023年度会议保障\n项目支出绩效自评报告"},
		{"部门整体支出绩效自评报告", "部门整体支出绩效自评报告"},
		{"另一种文件", "另一种文件"},
	} {
		if got := titleLines(tt.in); got != tt.want {
			t.Errorf("titleLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
