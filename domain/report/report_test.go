package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"jixiao/domain/scoring"
)

// headings lists the report's sections as "number title", in document order.
func headings(d *Document) []string {
	var out []string
	d.Walk(func(s *Section) { out = append(out, s.Key+" "+s.Number+s.Title) })
	return out
}

// TestDepartmentSections: the seed's department-year report has the real report's
// sections, numbered as it numbers them, with the key tasks under 二（二）1.
func TestDepartmentSections(t *testing.T) {
	want := []string{
		"1 一、部门基本情况",
		"1.1 （一）部门职能",
		"1.2 （二）年度总体工作和重点工作任务",
		"1.3 （三）部门整体支出绩效目标",
		"1.4 （四）部门整体收支情况",
		"1.5 （五）部门整体绩效管理情况",
		"1.5.1 1.绩效建设情况",
		"1.5.2 2.绩效目标管理情况",
		"1.5.3 3.绩效运行监控管理情况",
		"1.5.4 4.绩效评价开展情况",
		"1.5.5 5.绩效结果应用情况",
		"2 二、绩效自评情况",
		"2.1 （一）自评结论",
		"2.2 （二）履职效能分析",
		"2.2.1 1.各重点任务项目支出完成情况分析",
		"2.2.1.1 （1）任务一：围绕区委中心工作，做好以文辅政",
		"2.2.1.2 （2）任务二：积极发挥中枢机关作用",
		"2.2.2 2.部门整体绩效目标产出指标完成情况",
		"2.2.3 3.部门整体绩效目标效益指标完成情况",
		"2.2.4 4.部门预算资金支出率",
		"2.3 （三）管理效率分析",
		"2.3.1 1.预算编制情况",
		"2.3.2 2.预算执行情况",
		"2.3.2.1 （1）结转结余率",
		"2.3.2.2 （2）财务管理合规性",
		"2.3.3 3.信息公开情况",
		"2.3.4 4.绩效管理情况",
		"2.3.5 5.采购管理情况",
		"2.3.6 6.资产管理情况",
		"2.3.7 7.运行成本情况",
		"3 三、存在的主要问题",
		"4 四、下一步改进措施",
	}
	d := DepartmentReport(seedInput())
	if got := headings(d); !slices.Equal(got, want) {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Title != "2023年度中共广州市南沙区委员会办公室部门整体支出绩效自评报告" {
		t.Errorf("title %q", d.Title)
	}
	for _, key := range []string{"2.3.2.1", "2.3.2.2"} {
		if !d.Section(key).RunIn {
			t.Errorf("%s is printed as the seed prints it, at the start of its paragraph", key)
		}
	}
}

// seedFigures are the figure-bearing sentences of the real report, each with the
// section the real report states it in: the generated report states each there,
// with the same figures.
var seedFiguresBySection = []struct{ section, text string }{
	{"1.4", "整体支出为1829.4万元"},
	{"1.4", "基本支出962.44万元"},
	{"1.4", "人员经费886.83万元"},
	{"1.4", "公用支出75.61万元"},
	{"1.4", "项目支出866.96万元"},
	{"2.1", "综合得分为99.69分"},
	{"2.2.2", "交办任务事项完成率为100%，指标完成率为100%"},
	{"2.2.2", "业务岗位培训人数88人次，指标完成率为110%"},
	{"2.2.2", "会议参与人数1300人次，指标完成率为144%"},
	{"2.2.2", "后勤保障服务完成及时性为100%，指标完成率为100%"},
	{"2.2.3", "成果被采纳应用率为100%，指标完成率为100%"},
	{"2.2.3", "信息稿件被省采纳20篇，指标完成率为133%"},
	{"2.2.3", "信息稿件被国家采纳3篇，指标完成率为100%"},
	{"2.2.3", "信息稿件或批示次数36次，指标完成率为120%"},
	{"2.2.4", "一般公共预算资金支出年度评价执行率为99.63%"},
	{"2.3.2.1", "年末结转结余决算数为4.58万元，年初结转结余决算数为4.58万元，一般公共预算财政拨款决算数为1829.4万元"},
	{"2.3.2.1", "≤10%"},
	{"2.3.6", "实际在用固定资产占所有固定资产的比率为96%，达到≥95%的目标"},
	{"3", "3月、6月的累计支出进度低于财政部门下达的序时进度目标"},
}

// generatedText is a section's generated paragraphs (drafts left out).
func generatedText(s *Section) string {
	var b strings.Builder
	for _, p := range s.Paragraphs {
		if p.Generated && !p.Draft {
			b.WriteString(p.Text + "\n")
		}
	}
	return b.String()
}

// TestSeedFigures: every figure of the real report comes out of the seed's data,
// generated, in the section the real report states it in.
func TestSeedFigures(t *testing.T) {
	d := DepartmentReport(seedInput())
	for _, f := range seedFiguresBySection {
		s := d.Section(f.section)
		if s == nil {
			t.Errorf("no section %s", f.section)
			continue
		}
		if !strings.Contains(generatedText(s), f.text) {
			t.Errorf("section %s does not state %q:\n%s", f.section, f.text, s.Plain())
		}
	}
}

// TestNothingTwice: no paragraph is printed twice, and the carry-over rate, which
// the browser's report printed twice, is stated once.
func TestNothingTwice(t *testing.T) {
	d := DepartmentReport(seedInput())
	seen := map[string]string{}
	rate := 0
	d.Walk(func(s *Section) {
		for _, p := range s.Paragraphs {
			if where, twice := seen[p.Text]; twice {
				t.Errorf("printed in %s and %s: %s", where, s.Key, p.Text)
			}
			seen[p.Text] = s.Key
			rate += strings.Count(p.Text, "结转结余率为0.25%")
			if strings.Contains(p.Text, "0.25%") && s.Key != "2.3.2.1" {
				t.Errorf("the carry-over rate in %s: %s", s.Key, p.Text)
			}
		}
	})
	if rate != 1 {
		t.Errorf("the carry-over rate is stated %d times, want once", rate)
	}
}

// TestReverseIndicator: an indicator where less is better says what it was kept
// under, never a completion rate that reads as a failure.
func TestReverseIndicator(t *testing.T) {
	in := seedInput()
	in.Indicators = append(in.Indicators,
		quant("履职效能", "产出", "差错率", scoring.LE, "2", "%", "0", "0.05"),
		quant("履职效能", "效益", "投诉次数", scoring.LT, "10", "次", "0", "12"))
	d := DepartmentReport(in)
	for _, tt := range []struct{ section, want string }{
		{"2.2.2", "差错率控制在2%以内，实际为0.05%，达成目标"},
		{"2.2.3", "投诉次数控制在10次以下，实际为12次，未达成目标"},
		{"2.3.7", "公用经费实际支出占预算安排数的比例控制在100%以内，实际为94.51%，达成目标"},
		{"2.3.7", "“三公”经费实际支出占预算安排数的比例控制在100%以内，实际为80%，达成目标"},
	} {
		text := d.Section(tt.section).Plain()
		if !strings.Contains(text, tt.want) {
			t.Errorf("%s: no %q in\n%s", tt.section, tt.want, text)
		}
	}
	d.Walk(func(s *Section) {
		for _, p := range s.Paragraphs {
			for _, bad := range []string{"差错率0.05%，指标完成率", "完成率为3%", "完成率为2.5%", "完成率为95%", "完成率为80%", "投诉次数12次，指标完成率"} {
				if strings.Contains(p.Text, bad) {
					t.Errorf("%s prints a reverse indicator's completion rate: %s", s.Key, p.Text)
				}
			}
		}
	})
	for _, r := range d.Section("2.1").Tables[0].Rows {
		if r.Cells[0].Text == "结转结余率" && r.Cells[3].Text != "达成目标" {
			t.Errorf("the table prints the carry-over rate's completion: %+v", r)
		}
	}
}

// TestDrafts: a section whose text the department has not written shows the
// generator's draft, marked; once written, the department's text, unmarked.
func TestDrafts(t *testing.T) {
	in := seedInput()
	d := DepartmentReport(in)
	s := d.Section("2.3.4")
	if s.Text == nil || s.Text.Store != StoreReportText || s.Text.Written != "" || s.Text.Draft == "" {
		t.Fatalf("2.3.4's slot: %+v", s.Text)
	}
	if p := s.Paragraphs[0]; !p.Draft || !p.Generated || p.Text != s.Text.Draft {
		t.Errorf("2.3.4 without a text: %+v", p)
	}
	if p := d.Section("1.1").Paragraphs[0]; !p.Draft || p.Generated || p.Text != in.Functions {
		t.Errorf("1.1 offers the stored functions as its draft: %+v", p)
	}

	in.Texts = Texts{Sections: map[string]string{"2.3.4": "一是按规定开展绩效目标管理。\n\n二是按时报送监控材料。"}, Problems: "一是制度需规范。"}
	d = DepartmentReport(in)
	s = d.Section("2.3.4")
	if s.Text.Written == "" || len(s.Paragraphs) != 3 {
		t.Fatalf("2.3.4 with its text: %+v", s.Paragraphs)
	}
	for i, want := range []string{"一是按规定开展绩效目标管理。", "二是按时报送监控材料。"} {
		if p := s.Paragraphs[i]; p.Text != want || p.Draft || p.Generated {
			t.Errorf("paragraph %d: %+v, want the department's %q", i, p, want)
		}
	}
	if p := s.Paragraphs[2]; !p.Generated || p.Draft || !strings.Contains(p.Text, "得4.73分") {
		t.Errorf("the rating after the department's text: %+v", p)
	}
	problems := d.Section("3")
	if problems.Text.Store != StoreProblems || problems.Paragraphs[1].Text != "一是制度需规范。" || problems.Paragraphs[1].Draft {
		t.Errorf("三 with the evaluation's problems: %+v", problems.Paragraphs)
	}
}

// TestWritableSections: the sections that take a department text are exactly
// those Writable names, in both kinds of report, so that every key setReportText
// accepts has a section to show it.
func TestWritableSections(t *testing.T) {
	for _, d := range []*Document{DepartmentReport(seedInput()), ProjectReport(seedProject())} {
		var slots []string
		d.Walk(func(s *Section) {
			if s.Text != nil {
				slots = append(slots, s.Key)
				if store, ok := Writable(d.Kind, s.Key); !ok || store != s.Text.Store {
					t.Errorf("%s %s: slot %s, Writable says %s %v", d.Kind, s.Key, s.Text.Store, store, ok)
				}
			}
		})
		if want := WritableKeys(d.Kind); !slices.Equal(slots, want) {
			t.Errorf("%s: slots %v, Writable %v", d.Kind, slots, want)
		}
	}
	if _, ok := Writable(Department, "2.2.2"); ok {
		t.Error("the output indicators' section is generated alone")
	}
}

// TestSeedLength reports the seed report's length against the real one's 3,573
// Chinese characters (drafts standing in for the department's texts).
func TestSeedLength(t *testing.T) {
	n := DepartmentReport(seedInput()).Characters()
	t.Logf("the seed's report with drafts only: %d Chinese characters (the real report: 3573)", n)
	if n < 2000 {
		t.Errorf("%d Chinese characters: the report lost its breadth", n)
	}
}

// TestDepartmentOptionalInputs: what the data may gain later (年初预算数, funding
// by revenue nature, the goal's outcome, 评（扣）分标准, an explanation of low
// execution) is printed once it is there.
func TestDepartmentOptionalInputs(t *testing.T) {
	in := seedInput()
	in.Money.Total.Initial = decp("1800")
	in.Funding = []MoneyLine{{Label: "其中：一般公共预算", Initial: decp("1800"), Budget: dec("1836.19"), Executed: dec("1829.40")}}
	in.GoalOutcome = "全年各项工作目标全部完成。"
	in.ExecutionExplanation = "个别项目按实际工作量结算。"
	in.Indicators[1].Criteria = "每少10人次扣1分"
	d := DepartmentReport(in)
	money := d.Section("1.4").Tables[0]
	if h := money.Header[0].Cells; h[1].Text != "年初预算数" || money.Rows[0].Cells[1].Text != "1800" ||
		money.Rows[1].Cells[0].Text != "其中：一般公共预算" || money.Rows[2].Cells[1].Text != "—" {
		t.Errorf("the money table with 年初预算数 and funding: %+v", money)
	}
	for _, tt := range []struct{ section, text string }{
		{"2.2", "年度总体目标实际完成情况：全年各项工作目标全部完成。"},
		{"2.2.4", "预算执行率偏低的原因：个别项目按实际工作量结算。"},
	} {
		if !strings.Contains(d.Section(tt.section).Plain(), tt.text) {
			t.Errorf("%s does not say %q", tt.section, tt.text)
		}
	}
	table := d.Section("2.1").Tables[0]
	if h := table.Header[0].Cells; h[len(h)-2].Text != "评（扣）分标准" || !strings.Contains(fmt.Sprint(table.Rows[1]), "每少10人次扣1分") {
		t.Errorf("the indicator table with its criteria: %+v", table.Header)
	}
}

func TestFormats(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{wan(dec("1829.40")), "1829.4万元"},
		{wan(dec("962.44")), "962.44万元"},
		{wan(dec("80.00")), "80万元"},
		{wan(dec("0.005")), "0.01万元"},
		{percent(decp("99.63")), "99.63%"},
		{percent(decp("96.00")), "96%"},
		{percent(nil), "—"},
		{completion(decp("144.44")), "144%"},
		{completion(decp("133.33")), "133%"},
		{completion(decp("110")), "110%"},
		{completion(decp("100.4")), "100%"},
		{completion(decp("99.6")), "99.6%"},
		{completion(decp("99.5")), "99.5%"},
		{completion(decp("99.49")), "99%"},
		{completion(decp("0.3")), "0.3%"},
		{completion(decp("0")), "0%"},
		{chineseNumeral(1), "一"}, {chineseNumeral(10), "十"}, {chineseNumeral(12), "十二"},
		{chineseNumeral(20), "二十"}, {chineseNumeral(21), "二十一"},
		{months([]int{3, 6}), "3月、6月"},
		{ordinals([]string{"甲", "乙"}), "一是甲；二是乙。"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
