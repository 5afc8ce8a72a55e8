package report

import (
	"strings"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

func TestReviewInReport(t *testing.T) {
	d := func(s string) fixed.Decimal { return fixed.MustParse(s) }
	inds := []Indicator{
		{Level1: "履职效能", Level2: "产出", Name: "业务岗位培训人数", Kind: scoring.Quantitative, Operator: scoring.GE, Weight: d("6"), Score: d("6"),
			Review: &Rescore{Score: d("4.5"), Reason: "培训记录不全。"}},
		{Level1: "履职效能", Level2: "产出", Name: "会议参与人数", Kind: scoring.Quantitative, Operator: scoring.GE, Weight: d("6"), Score: d("6")},
	}
	r := Result{Score: d("12"), Grade: scoring.Poor, Review: &ReviewResult{Score: d("10.5"), Grade: "差"}}
	if got, want := reviewSentence(inds, r), "经财政部门复核，复核得分为10.5分，评价等级为“差”。其中，业务岗位培训人数自评得6分，复核得4.5分（复核意见：培训记录不全）。"; got != want {
		t.Errorf("sentence:\n got %s\nwant %s", got, want)
	}
	if got := reviewSentence(inds, Result{Score: d("12")}); got != "" {
		t.Errorf("nothing re-scored: %q", got)
	}
	tb := indicatorTable("t", inds, nil, r)
	head := tb.Header[0].Cells
	if head[7].Text != "自评得分" || head[8].Text != "复核得分" {
		t.Errorf("header: %+v", head)
	}
	cells := func(row Row) []string {
		var out []string
		for _, c := range row.Cells {
			out = append(out, c.Text)
		}
		return out
	}
	if got := strings.Join(cells(tb.Rows[0]), "|"); !strings.Contains(got, "|6|6|4.5|") {
		t.Errorf("the re-scored row: %s", got)
	}
	if got := strings.Join(cells(tb.Rows[1]), "|"); !strings.Contains(got, "|6|6|6|") {
		t.Errorf("the other row keeps its self-score as the review's: %s", got)
	}
	if got := strings.Join(cells(tb.Rows[2]), "|"); got != "合计|12|12|10.5|" {
		t.Errorf("the total: %s", got)
	}
	if plain := indicatorTable("t", inds[1:], nil, Result{Score: d("6")}); len(plain.Header[0].Cells) != 9 || plain.Header[0].Cells[7].Text != "得分" {
		t.Errorf("without re-scores the table is as before: %+v", plain.Header[0].Cells)
	}
}

func TestPriorRectifications(t *testing.T) {
	if priorParagraphs(nil) != nil || priorParagraphs(&PriorReview{Year: 2023}) != nil {
		t.Error("no items, no paragraph")
	}
	p := &PriorReview{Year: 2023, Items: []Rectification{
		{Indicator: "业务岗位培训人数", Issue: "培训台账不完整。", Requirement: "补齐培训签到及课件", DueDate: "2024-06-30",
			Status: "ACCEPTED", Measures: "已补齐签到表和课件", Outcome: "台账完整"},
		{Subject: "区委重要会议保障", Issue: "会议经费超支", Requirement: "加强预算控制", DueDate: "2024-09-30", Status: "ANSWERED", Measures: "已修订会议经费管理办法"},
		{Issue: "绩效管理制度不健全", Requirement: "修订制度", DueDate: "2024-12-31", Status: "OPEN", Measures: "草拟中"},
	}}
	got := priorParagraphs(p)
	want := "对上年度（2023年）绩效评价复核提出的3项整改事项，已完成整改1项，其余2项正在整改。整改情况如下：" +
		"一是培训台账不完整（业务岗位培训人数），整改要求：补齐培训签到及课件，整改期限2024年6月30日；整改措施：已补齐签到表和课件；整改结果：台账完整；已完成整改，经财政部门复核通过；" +
		"二是区委重要会议保障项目会议经费超支，整改要求：加强预算控制，整改期限2024年9月30日；整改措施：已修订会议经费管理办法；已反馈整改情况，待财政部门复核；" +
		"三是绩效管理制度不健全，整改要求：修订制度，整改期限2024年12月31日；尚未完成整改。"
	if len(got) != 1 || got[0] != want {
		t.Errorf("paragraphs:\n got %v\nwant %s", got, want)
	}
	p.Items = p.Items[:1]
	if got := priorParagraphs(p); !strings.HasPrefix(got[0], "对上年度（2023年）绩效评价复核提出的1项整改事项，已全部完成整改。") {
		t.Errorf("all done: %s", got[0])
	}
	doc := DepartmentReport(DepartmentInput{Year: 2024, Department: "区委办", Prior: p})
	found := false
	for _, s := range doc.Sections[0].Sections {
		for _, c := range s.Sections {
			if c.Title == "绩效结果应用情况" {
				for _, para := range c.Paragraphs {
					found = found || strings.HasPrefix(para.Text, "对上年度（2023年）")
				}
			}
		}
	}
	if !found {
		t.Error("the items are not under 绩效结果应用情况")
	}
}
