package report

import (
	"strconv"
	"strings"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

// ProjectReport writes a project's own report: 一、项目基本情况 (the project and its
// goal), 二、项目资金使用及管理情况 (budget and execution), 三、绩效自评情况 (the
// score and the indicators), 四、存在的主要问题, 五、下一步改进措施.
func ProjectReport(in ProjectInput) *Document {
	p := &proj{in: in, who: in.ShortName}
	if p.who == "" {
		p.who = "本部门"
	}
	doc := &Document{
		Kind:  Project,
		Title: strconv.Itoa(in.Year) + "年度" + in.Department + in.Project + "项目支出绩效自评报告",
		Sections: []*Section{
			section("1", "项目基本情况", p.overview(), p.goal()),
			section("2", "项目资金使用及管理情况", p.money(), p.moneyManagement()),
			section("3", "绩效自评情况", p.conclusion(), p.indicators()),
			p.problems(),
			p.improvements(),
		},
	}
	numberSections(doc.Sections)
	return doc
}

type proj struct {
	in  ProjectInput
	who string
}

func (p *proj) slot(s *Section, draft string) *Section {
	return s.slot(Project, p.in.Texts, draft, true)
}

// （一）项目概况.
func (p *proj) overview() *Section {
	in := p.in
	s := in.Project + "项目"
	if in.Code != "" {
		s += "（项目编码" + in.Code + "）"
	}
	s += "是" + in.Department + strconv.Itoa(in.Year) + "年度"
	if in.Category != "" {
		s += in.Category
	}
	s += "预算项目。"
	var who []string
	if in.Supervisor != "" {
		who = append(who, "主管部门为"+in.Supervisor)
	}
	if in.Implementer != "" {
		who = append(who, "实施单位为"+in.Implementer)
	}
	if len(who) > 0 {
		s += strings.Join(who, "，") + "。"
	}
	sec := section("1.1", "项目概况").generated(s)
	return p.slot(sec, "项目按照年度预算和绩效目标组织实施，资金按规定的用途使用。")
}

// （二）项目绩效目标: the goal as stored with the project.
func (p *proj) goal() *Section {
	s := section("1.2", "项目绩效目标")
	if strings.TrimSpace(p.in.Goal) == "" {
		s.generated("项目绩效目标尚未填报。")
	} else {
		s.stored("", p.in.Goal)
	}
	if adjusted := adjustedSentence(p.in.Indicators); adjusted != "" {
		s.generated(adjusted)
	}
	return s
}

// execution is the project's fixed 预算执行率 item as an indicator row.
func (p *proj) execution() Indicator {
	m := p.in.Money
	return Indicator{
		Name: "预算执行率", Kind: scoring.Quantitative, Operator: scoring.GE,
		Target: ptr(fixed.FromInt(100)), Unit: "%", Weight: p.in.ExecutionWeight,
		Actual: lineRate(m), CompletionRate: lineRate(m), Score: p.in.ExecutionScore,
	}
}

func ptr[T any](v T) *T { return &v }

// （一）资金安排及执行情况.
func (p *proj) money() *Section {
	in := p.in
	m := in.Money
	s := strconv.Itoa(in.Year) + "年项目全年预算数为" + wan(m.Budget)
	if m.Initial != nil {
		s += "（年初预算数" + wan(*m.Initial) + "）"
	}
	s += "，全年执行数为" + wan(m.Executed) + "，预算执行率为" + percent(lineRate(m)) +
		"，预算执行率指标得" + points(in.ExecutionScore) + "（分值" + points(in.ExecutionWeight) + "）。"
	sec := section("2.1", "资金安排及执行情况").generated(s)
	sec.stored("预算执行率偏低的原因：", in.ExecutionExplanation)
	lines := []MoneyLine{withLabel(m, "年度资金总额")}
	lines = append(lines, in.Funding...)
	sec.Tables = append(sec.Tables, moneyTable("项目资金（单位：万元）", lines))
	return sec
}

// （二）资金管理情况.
func (p *proj) moneyManagement() *Section {
	return p.slot(section("2.2", "资金管理情况"),
		"项目资金按照财务管理制度和专项资金管理办法使用，支出范围、程序和用途符合规定，会计核算规范。")
}

// （一）自评结论.
func (p *proj) conclusion() *Section {
	r := p.in.Result
	s := section("3.1", "自评结论").generated(scoreSentence(p.in.Project+"项目", r))
	if review := reviewSentence(p.in.Indicators, r); review != "" {
		s.generated(review)
	}
	p.slot(s, projectConclusionDraft(r.Grade))
	ex := p.execution()
	s.Tables = append(s.Tables, indicatorTable("项目支出绩效自评指标得分情况", p.in.Indicators, &ex, r))
	return s
}

func projectConclusionDraft(g scoring.Grade) string {
	switch g {
	case scoring.Excellent:
		return "项目按计划实施，资金使用规范，各项绩效指标总体达到年度指标值，较好地实现了年度绩效目标。"
	case scoring.Good:
		return "项目总体按计划实施，绩效目标基本实现，部分指标仍有提升空间。"
	case scoring.Fair:
		return "项目基本按计划实施，但部分绩效指标未达到年度指标值，绩效目标实现程度有待提高。"
	}
	return "项目较多绩效指标未达到年度指标值，年度绩效目标实现程度较差，需要认真分析原因并加以整改。"
}

// （二）绩效指标完成情况: 产出, 效益, 满意度 and any other group.
func (p *proj) indicators() *Section {
	var groups [management + 1][]Indicator
	for _, ind := range p.in.Indicators {
		g := groupOf(ind)
		if g == management {
			g = other
		}
		groups[g] = append(groups[g], ind)
	}
	s := section("3.2", "绩效指标完成情况")
	s.stored("年度总体目标实际完成情况：", p.in.GoalOutcome)
	for _, g := range []struct {
		key    string
		g      group
		always bool
	}{{"3.2.1", output, true}, {"3.2.2", benefit, true}, {"3.2.3", satisfaction, true}, {"3.2.4", other, false}} {
		if len(groups[g.g]) == 0 && !g.always {
			continue
		}
		generated, reasons := groupParagraphs("", "项目", g.g, groups[g.g])
		sec := section(g.key, groupName[g.g]+"指标完成情况").generated(generated...)
		for _, r := range reasons {
			sec.stored("", r)
		}
		s.add(sec)
	}
	return s
}

// findings are what the scores show: the items that lost points.
func (p *proj) findings() (facts string, found []finding) {
	var lost, missed []string
	ex := p.execution()
	if lostPoints(ex) {
		lost = append(lost, ex.Name+scored(ex))
		found = append(found, finding{
			problem: "项目预算执行率未达到100%，资金支付进度有待加快",
			measure: "加强项目预算执行管理，按项目实施进度及时支付资金",
		})
	}
	for _, ind := range p.in.Indicators {
		if lostPoints(ind) {
			lost = append(lost, ind.Name+scored(ind))
			missed = append(missed, ind.Name)
		}
	}
	if len(missed) > 0 {
		found = append(found, finding{
			problem: strings.Join(missed, "、") + "未达到年度指标值",
			measure: "分析" + strings.Join(missed, "、") + "未达标的原因，改进项目实施措施，合理设定下一年度指标值",
		})
	}
	if len(lost) == 0 {
		return "从自评情况看，预算执行率和各项绩效指标均得满分。", nil
	}
	return "从自评情况看，自评扣分的指标有：" + strings.Join(lost, "，") + "。", found
}

// 四、存在的主要问题.
func (p *proj) problems() *Section {
	facts, found := p.findings()
	return p.slot(section("4", "存在的主要问题").generated(facts), problemsDraft(found))
}

// 五、下一步改进措施.
func (p *proj) improvements() *Section {
	_, found := p.findings()
	return p.slot(section("5", "下一步改进措施"), improvementsDraft(found))
}
