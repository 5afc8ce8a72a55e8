package report

import (
	"slices"
	"strings"
	"testing"

	"jixiao/domain/fixed"
)

// TestProjectReport: a project's report is its own: the project's goal, its budget
// and execution, its indicators and score, its problems and improvements.
func TestProjectReport(t *testing.T) {
	in := seedProject()
	d := ProjectReport(in)
	if d.Kind != Project || d.Title != "2023年度中共广州市南沙区委员会办公室督查督办项目支出绩效自评报告" {
		t.Errorf("kind %s, title %q", d.Kind, d.Title)
	}
	want := []string{
		"1 一、项目基本情况", "1.1 （一）项目概况", "1.2 （二）项目绩效目标",
		"2 二、项目资金使用及管理情况", "2.1 （一）资金安排及执行情况", "2.2 （二）资金管理情况",
		"3 三、绩效自评情况", "3.1 （一）自评结论", "3.2 （二）绩效指标完成情况",
		"3.2.1 1.产出指标完成情况", "3.2.2 2.效益指标完成情况", "3.2.3 3.满意度指标完成情况",
		"4 四、存在的主要问题", "5 五、下一步改进措施",
	}
	if got := headings(d); !slices.Equal(got, want) {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, tt := range []struct{ section, text string }{
		{"1.1", "督查督办项目（项目编码NS-2023-01）是中共广州市南沙区委员会办公室2023年度部门履职类预算项目。"},
		{"1.2", in.Goal},
		{"2.1", "全年预算数为120万元，全年执行数为118.5万元，预算执行率为98.75%，预算执行率指标得9.88分（分值10分）"},
		{"3.1", "督查督办项目绩效自评综合得分为99.88分，评价等级为“优”"},
		{"3.1", in.Texts.Conclusion},
		{"3.2.1", "督查督办事项数168件，指标完成率为112%"},
		{"3.2.1", "督办事项按期办结率为98%（年度指标值≥95%），指标完成率为103%"},
		{"3.2.3", "承办单位对督办工作满意度为95%（年度指标值≥90%），指标完成率为106%"},
		{"4", "自评扣分的指标有：预算执行率得9.88分（分值10分）"},
		{"5", "加强项目预算执行管理"},
	} {
		if s := d.Section(tt.section); s == nil || !strings.Contains(s.Plain(), tt.text) {
			t.Errorf("%s does not say %q", tt.section, tt.text)
		}
	}
	table := d.Section("3.1").Tables[0]
	if first := table.Rows[0].Cells; first[0].Text != "预算执行率" || first[0].ColSpan != 3 || first[len(first)-2].Text != "9.88" {
		t.Errorf("the execution item's row: %+v", first)
	}

	// 主管部门, 实施单位, 年初预算数 and funding by source, once the data has them.
	in.Supervisor, in.Implementer = "中共广州市南沙区委员会办公室", "南沙区委督查室"
	initial := fixed.MustParse("100")
	in.Money.Initial = &initial
	in.Funding = []MoneyLine{{Label: "其中：当年财政拨款", Initial: &initial, Budget: fixed.MustParse("120"), Executed: fixed.MustParse("118.5")}}
	in.GoalOutcome = "全年督办事项168件，按期办结率98%。"
	d = ProjectReport(in)
	for _, tt := range []struct{ section, text string }{
		{"1.1", "主管部门为中共广州市南沙区委员会办公室，实施单位为南沙区委督查室。"},
		{"2.1", "全年预算数为120万元（年初预算数100万元）"},
		{"3.2", "年度总体目标实际完成情况：全年督办事项168件，按期办结率98%。"},
	} {
		if !strings.Contains(d.Section(tt.section).Plain(), tt.text) {
			t.Errorf("%s does not say %q", tt.section, tt.text)
		}
	}
	money := d.Section("2.1").Tables[0]
	if h := money.Header[0].Cells; h[1].Text != "年初预算数" || len(money.Rows) != 2 || money.Rows[1].Cells[0].Text != "其中：当年财政拨款" {
		t.Errorf("the funding table: %+v", money)
	}
}
