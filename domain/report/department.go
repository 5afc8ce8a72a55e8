package report

import (
	"strconv"
	"strings"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

// DepartmentReport writes a department-year's overall report in the seed report's
// structure: 一、部门基本情况 （一）–（五）, 二、绩效自评情况 （一）–（三）,
// 三、存在的主要问题, 四、下一步改进措施.
func DepartmentReport(in DepartmentInput) *Document {
	d := &dept{in: in, who: in.ShortName}
	if d.who == "" {
		d.who = "本部门"
	}
	for _, ind := range in.Indicators {
		g := groupOf(ind)
		d.groups[g] = append(d.groups[g], ind)
	}
	doc := &Document{
		Kind:  Department,
		Title: strconv.Itoa(in.Year) + "年度" + in.Department + "部门整体支出绩效自评报告",
		Sections: []*Section{
			section("1", "部门基本情况", d.functions(), d.tasks(), d.goal(), d.money(), d.management()),
			section("2", "绩效自评情况", d.conclusion(), d.effectiveness(), d.efficiency()),
			d.problems(),
			d.improvements(),
		},
	}
	numberSections(doc.Sections)
	return doc
}

// dept holds what the department report's sections share.
type dept struct {
	in     DepartmentInput
	who    string // how sentences name the department
	groups [management + 1][]Indicator
}

func (d *dept) slot(s *Section, draft string, generated bool) *Section {
	return s.slot(Department, d.in.Texts, draft, generated)
}

func (d *dept) year() string { return strconv.Itoa(d.in.Year) }

// （一）部门职能: the department's own words; its stored functions are the first draft.
func (d *dept) functions() *Section {
	s := section("1.1", "部门职能")
	if f := strings.TrimSpace(d.in.Functions); f != "" {
		return d.slot(s, f, false)
	}
	return d.slot(s, d.in.Department+"按照机构职能规定履行职责，承担本部门预算的编制、执行和绩效管理。", true)
}

// （二）年度总体工作和重点工作任务: the department's summary, then its key tasks.
func (d *dept) tasks() *Section {
	s := d.slot(section("1.2", "年度总体工作和重点工作任务"),
		d.year()+"年，"+d.who+"围绕部门职能和年度工作部署开展工作，落实部门整体支出绩效目标，统筹推进各项重点工作任务。", true)
	if len(d.in.KeyTasks) == 0 {
		return s.generated("本年度未填报重点工作任务。")
	}
	titles := make([]string, len(d.in.KeyTasks))
	for i, t := range d.in.KeyTasks {
		titles[i] = clause(t.Title)
	}
	return s.generated("重点工作任务：" + ordinals(titles))
}

// （三）部门整体支出绩效目标: the goal as stored with the year.
func (d *dept) goal() *Section {
	s := section("1.3", "部门整体支出绩效目标")
	if strings.TrimSpace(d.in.Goal) == "" {
		s.generated("本年度部门整体支出绩效目标尚未填报。")
	} else {
		s.stored("", d.in.Goal)
	}
	if adjusted := adjustedSentence(d.in.Indicators); adjusted != "" {
		s.generated(adjusted)
	}
	return s
}

// （四）部门整体收支情况: every amount, then what the money was for.
func (d *dept) money() *Section {
	m := d.in.Money
	s := section("1.4", "部门整体收支情况").generated(
		d.year() + "年" + d.who + "整体支出为" + wan(m.Total.Executed) + "，其中基本支出" + wan(m.Basic.Executed) +
			"（人员经费" + wan(m.Personnel.Executed) + "，公用支出" + wan(m.Public.Executed) + "），项目支出" +
			wan(m.Project.Executed) + "。")
	names := make([]string, 0, len(d.in.Projects))
	for _, p := range d.in.Projects {
		names = append(names, p.Name)
	}
	projects := "部门履职的专项工作"
	if len(names) > 0 {
		projects = strings.Join(names, "、") + "等项目"
	}
	d.slot(s, "人员经费主要用于在职人员工资福利、社会保障缴费和住房公积金等；公用支出主要用于日常办公运转；项目支出主要用于"+projects+"。", true)
	lines := []MoneyLine{withLabel(m.Total, "年度资金总额")}
	lines = append(lines, d.in.Funding...)
	lines = append(lines, withLabel(m.Basic, "基本支出"), withLabel(m.Personnel, "其中：人员经费"),
		withLabel(m.Public, "公用经费"), withLabel(m.Project, "项目支出"))
	s.Tables = append(s.Tables, moneyTable("部门整体收支情况（单位：万元）", lines))
	return s
}

func withLabel(l MoneyLine, label string) MoneyLine {
	if l.Label == "" {
		l.Label = label
	}
	return l
}

// （五）部门整体绩效管理情况 and its five parts.
func (d *dept) management() *Section {
	s := d.slot(section("1.5", "部门整体绩效管理情况"),
		d.who+"按照全面实施预算绩效管理的要求，以保障中心工作为核心编制年度预算，将绩效管理贯穿预算编制、执行和监督的全过程，"+
			"开展部门整体支出和项目支出的绩效目标管理、年中运行监控和年度绩效评价，及时发现和纠正执行中的偏差。", true)
	build := d.slot(section("1.5.1", "绩效建设情况"),
		d.who+"以提高财政资金使用效益为目标，健全预算绩效管理工作机制，明确各科室的绩效管理职责，推进部门整体支出和项目支出绩效管理全覆盖。", true)

	goals := section("1.5.2", "绩效目标管理情况").generated(d.goalFacts())
	d.slot(goals, "部门整体支出绩效目标按照“部门职责—工作任务—支出项目”的体系设置，指标细化量化、可衡量，反映部门的职能职责和年度工作重点。"+
		"项目绩效目标随部门预算一并公开。", true)

	monitor := d.slot(section("1.5.3", "绩效运行监控管理情况"),
		d.who+"按照财政部门绩效运行监控工作的要求，结合上半年预算执行和绩效目标实现情况开展绩效运行监控，及时填报监控情况，对执行中的偏差分析原因并采取纠正措施。", true)

	evaluations := section("1.5.4", "绩效评价开展情况").generated(d.evaluationFacts())
	d.slot(evaluations, d.who+"按照财政部门绩效评价工作的要求，组织开展部门整体支出绩效自评和项目支出绩效自评，自评报告随部门决算一并公开。", true)

	use := d.slot(section("1.5.5", "绩效结果应用情况"),
		d.who+"将绩效评价结果作为下一年度预算安排的重要参考依据，建立评价结果与预算安排挂钩的机制，评价结果按要求报送财政部门。", true)
	use.generated(priorParagraphs(d.in.Prior)...)
	return s.add(build, goals, monitor, evaluations, use)
}

// goalFacts counts the year's indicators and the projects that set theirs.
func (d *dept) goalFacts() string {
	s := d.year() + "年度部门整体支出设定绩效指标" + strconv.Itoa(len(d.in.Indicators)) + "项"
	n, with := len(d.in.Projects), 0
	for _, p := range d.in.Projects {
		if p.Indicators > 0 {
			with++
		}
	}
	switch {
	case n == 0:
		return s + "。"
	case with == n:
		return s + "；" + strconv.Itoa(n) + "个预算项目均设定了绩效目标和绩效指标。"
	}
	return s + "；" + strconv.Itoa(n) + "个预算项目中" + strconv.Itoa(with) + "个设定了绩效指标。"
}

// evaluationFacts says which self-evaluations the year has.
func (d *dept) evaluationFacts() string {
	n, done := len(d.in.Projects), 0
	for _, p := range d.in.Projects {
		if p.Evaluated {
			done++
		}
	}
	s := d.year() + "年度已开展部门整体支出绩效自评"
	switch {
	case done == 0:
		return s + "。"
	case done == n:
		return s + "和全部" + strconv.Itoa(n) + "个项目的绩效自评。"
	}
	return s + "和" + strconv.Itoa(done) + "个项目的绩效自评（共" + strconv.Itoa(n) + "个项目）。"
}

// （一）自评结论: the score, its grade and subtotals; the department's conclusion;
// the indicator table the score comes from.
func (d *dept) conclusion() *Section {
	r := d.in.Result
	s := section("2.1", "自评结论").generated(scoreSentence(d.year()+"年部门整体支出", r))
	if review := reviewSentence(d.in.Indicators, r); review != "" {
		s.generated(review)
	}
	d.slot(s, conclusionDraft(d.who, r.Grade), true)
	s.Tables = append(s.Tables, indicatorTable("部门整体支出绩效自评指标得分情况", d.in.Indicators, nil, r))
	return s
}

// scoreSentence is "2023年部门整体支出绩效自评综合得分为99.69分，评价等级为“优”。其中，…".
func scoreSentence(subject string, r Result) string {
	s := subject + "绩效自评综合得分为" + points(r.Score)
	if g := r.Grade.Chinese(); g != "" {
		s += "，评价等级为“" + g + "”"
	}
	s += "。"
	var parts []string
	for _, t := range r.Subtotals {
		if t.Level2 == "" {
			parts = append(parts, t.Level1+"得"+points(fixed.Round(t.Score))+"（分值"+points(fixed.Round(t.Weight))+"）")
		}
	}
	if len(parts) > 1 {
		s += "其中，" + strings.Join(parts, "，") + "。"
	}
	return s
}

func conclusionDraft(who string, g scoring.Grade) string {
	switch g {
	case scoring.Excellent:
		return "从自评得分情况看，" + who + "各项工作任务有序推进，预算编制、预算执行、信息公开、绩效管理、采购管理、资产管理和运行成本等方面管理规范，" +
			"履职效能和管理效率成效明显，较好地完成了年初设定的总体工作目标和重点工作任务。"
	case scoring.Good:
		return "从自评得分情况看，" + who + "总体完成了年初设定的工作目标和重点工作任务，履职效能和管理效率总体良好，部分方面仍有提升空间。"
	case scoring.Fair:
		return "从自评得分情况看，" + who + "基本完成了年初设定的工作目标，但部分指标未达到年度指标值，预算绩效管理有待加强。"
	}
	return "从自评得分情况看，" + who + "较多指标未达到年度指标值，年初设定的工作目标完成情况较差，需要认真分析原因并加以整改。"
}

// （二）履职效能分析: key tasks, output and benefit indicators, the execution rate.
func (d *dept) effectiveness() *Section {
	s := d.slot(section("2.2", "履职效能分析"),
		d.year()+"年，"+d.who+"围绕部门职能和年度绩效目标履职尽责，推进各项重点工作任务落实，履职效能情况如下。", true)
	s.stored("年度总体目标实际完成情况：", d.in.GoalOutcome)

	tasks := section("2.2.1", "各重点任务项目支出完成情况分析")
	if len(d.in.KeyTasks) == 0 {
		tasks.generated("本年度未填报重点工作任务。")
	}
	for i, t := range d.in.KeyTasks {
		n := strconv.Itoa(i + 1)
		tasks.add(section("2.2.1."+n, "任务"+chineseNumeral(i+1)+"："+clause(t.Title)).
			stored("主要实施内容：", t.Content).
			stored("年度目标实际完成情况：", t.Outcome))
	}
	s.add(tasks,
		d.indicatorGroup("2.2.2", "部门整体绩效目标产出指标完成情况", output, true),
		d.indicatorGroup("2.2.3", "部门整体绩效目标效益指标完成情况", benefit, true),
		d.execution(),
		d.indicatorGroup("2.2.5", "部门整体绩效目标满意度指标完成情况", satisfaction, false),
		d.indicatorGroup("2.2.6", "部门整体绩效目标其他指标完成情况", other, false))
	return s
}

// indicatorGroup is one group's section; an optional group without indicators is left out.
func (d *dept) indicatorGroup(key, title string, g group, always bool) *Section {
	inds := d.groups[g]
	if len(inds) == 0 && !always {
		return nil
	}
	generated, reasons := groupParagraphs(d.who, "年度预算编报时确定的整体预算绩效目标中", g, inds)
	s := section(key, title).generated(generated...)
	for _, r := range reasons {
		s.stored("", r)
	}
	return s
}

// 4.部门预算资金支出率.
func (d *dept) execution() *Section {
	s := section("2.2.4", "部门预算资金支出率")
	if d.in.Rates.Execution == nil {
		s.generated("全年预算数为0，" + d.who + "一般公共预算资金支出年度评价执行率无法计算。")
	} else {
		s.generated("按财政部门通报的月度支出执行率，经计算，" + d.who + d.year() + "年一般公共预算资金支出年度评价执行率为" +
			percent(d.in.Rates.Execution) + "。")
	}
	for _, ind := range d.groups[management] {
		if ind.Binding == scoring.BindExecutionRate && strings.TrimSpace(ind.DeviationReason) != "" {
			s.stored("", ind.Name+"偏差原因："+sentence(ind.DeviationReason))
		}
	}
	return s.stored("预算执行率偏低的原因：", d.in.ExecutionExplanation)
}

// The management-efficiency sections of the Guangdong department tree, matched to
// the indicators' level-2 names; other level-2 groups follow them.
var efficiencyGroups = []struct{ key, title, match string }{
	{"2.3.1", "预算编制情况", "预算编制"},
	{"2.3.2", "预算执行情况", "预算执行"},
	{"2.3.3", "信息公开情况", "公开"},
	{"2.3.4", "绩效管理情况", "绩效管理"},
	{"2.3.5", "采购管理情况", "采购"},
	{"2.3.6", "资产管理情况", "资产"},
	{"2.3.7", "运行成本情况", "成本"},
}

// Drafts of the management sections, by how their indicators fared: met, partly
// met, not met.
var efficiencyDrafts = map[string][3]string{
	"2.3.1": {
		"按要求编制部门预算，预算编制科学合理、内容完整，并在规定时间内报送财政部门审核。",
		"按要求编制部门预算并报送财政部门审核，但预算编制的精细化程度仍有提升空间。",
		"预算编制的规范性未达到要求，预算编制的科学性和完整性有待加强。",
	},
	"2.3.2.2": {
		"支出范围、程序、用途和会计核算符合国家财经法规、财务管理制度及有关专项资金管理办法的规定。",
		"支出总体符合财经法规和财务管理制度的规定，个别支出的审批程序和会计核算仍需进一步规范。",
		"部分支出的范围、程序或核算不符合财务管理制度的规定，需要整改。",
	},
	"2.3.3": {
		"按规定的内容、时限和范围公开部门预决算，部门绩效目标和绩效自评资料随部门预决算一并公开。",
		"公开了部门预决算，但绩效信息公开的内容或时限未完全达到要求。",
		"预决算及绩效信息未按规定公开，需要及时整改。",
	},
	"2.3.4": {
		"按照预算绩效管理的有关规定，开展绩效目标管理、绩效运行监控、绩效评价和评价结果应用等工作，按时报送绩效监控和绩效自评材料。",
		"开展了绩效目标管理、运行监控和绩效评价等工作，但绩效管理制度和工作机制仍需进一步完善。",
		"绩效管理制度不健全，绩效目标管理、运行监控和绩效评价工作未能有效开展。",
	},
	"2.3.5": {
		"按照政府采购管理的有关规定建立采购内部控制制度，及时公开采购意向，采购活动合法合规，按时签订采购合同并备案。",
		"政府采购活动总体合法合规，但采购意向公开、合同备案等环节仍需加强。",
		"政府采购管理不规范，需要健全采购内部控制制度。",
	},
	"2.3.6": {
		"建立资产管理内部控制制度，按标准配置办公用房和办公设备，按规定开展资产清查盘点，资产处置和使用收益及时上缴，资产年报数据完整准确。",
		"开展了资产管理工作，但资产配置、盘点或处置等环节仍需进一步规范。",
		"资产管理不规范，资产使用效率有待提高。",
	},
	"2.3.7": {
		"严格落实过紧日子的要求，公用经费和“三公”经费得到有效控制，实际支出数小于预算安排数。",
		"压减了一般性支出，但部分运行成本仍需进一步控制。",
		"运行成本控制不力，公用经费或“三公”经费超出预算安排。",
	},
}

// fared picks a draft: 0 when every indicator met its target, 2 when one is rated
// not achieved, 1 otherwise.
func fared(inds []Indicator) int {
	worst := 0
	for _, ind := range inds {
		switch {
		case ind.Kind == scoring.Qualitative && ind.Rating == scoring.NotAchieved:
			return 2
		case !met(ind):
			worst = 1
		}
	}
	return worst
}

// （三）管理效率分析: one section per management group of the seed's tree.
func (d *dept) efficiency() *Section {
	byKey := map[string][]Indicator{}
	var extraNames []string
	extra := map[string][]Indicator{}
	for _, ind := range d.groups[management] {
		key := ""
		for _, g := range efficiencyGroups {
			if strings.Contains(ind.Level2, g.match) {
				key = g.key
				break
			}
		}
		if key == "" {
			if _, seen := extra[ind.Level2]; !seen {
				extraNames = append(extraNames, ind.Level2)
			}
			extra[ind.Level2] = append(extra[ind.Level2], ind)
			continue
		}
		byKey[key] = append(byKey[key], ind)
	}
	s := section("2.3", "管理效率分析")
	for _, g := range efficiencyGroups {
		inds := byKey[g.key]
		switch g.key {
		case "2.3.2":
			s.add(d.budgetExecution(inds))
		case "2.3.6":
			s.add(d.assets(inds))
		case "2.3.7":
			s.add(d.runningCosts(inds))
		default:
			sec := d.slot(section(g.key, g.title), d.who+efficiencyDrafts[g.key][fared(inds)], true)
			s.add(described(sec, inds))
		}
	}
	for i, name := range extraNames {
		title := name
		if !strings.HasSuffix(title, "情况") {
			title += "情况"
		}
		s.add(described(section("2.3."+strconv.Itoa(len(efficiencyGroups)+i+1), title), extra[name]))
	}
	return s
}

// described appends each indicator's own sentence and its deviation reason.
func described(s *Section, inds []Indicator) *Section {
	for _, ind := range inds {
		s.generated(measured(ind))
		if r := strings.TrimSpace(ind.DeviationReason); r != "" {
			s.stored("", ind.Name+"偏差原因："+sentence(r))
		}
	}
	return s
}

// 2.预算执行情况: （1）结转结余率 with its formula and figures, （2）财务管理合规性,
// then any other indicator of the group. The execution rate itself is stated once,
// in 二（二）4.
func (d *dept) budgetExecution(inds []Indicator) *Section {
	s := section("2.3.2", "预算执行情况")
	var carryover, compliance *Indicator
	var rest []Indicator
	for i, ind := range inds {
		switch {
		case ind.Binding == scoring.BindExecutionRate:
		case ind.Binding == scoring.BindCarryoverRate && carryover == nil:
			carryover = &inds[i]
		case ind.Kind == scoring.Qualitative && strings.Contains(ind.Name, "合规") && compliance == nil:
			compliance = &inds[i]
		default:
			rest = append(rest, ind)
		}
	}

	c := section("2.3.2.1", "结转结余率")
	c.RunIn = true
	in := d.in
	line := d.who + "年末结转结余决算数为" + wan(in.CarryoverEnd) + "，年初结转结余决算数为" + wan(in.CarryoverStart) +
		"，一般公共预算财政拨款决算数为" + wan(in.Money.Total.Executed) +
		"，按公式计算（结转结余率=年末结转结余÷一般公共预算财政拨款决算数×100%），结转结余率为" + percent(in.Rates.Carryover)
	if carryover != nil && carryover.Target != nil {
		rule := "结转结余率" + target(*carryover)
		if met(*carryover) {
			line += "，符合" + rule + "的要求"
		} else {
			line += "，未达到" + rule + "的要求"
		}
	}
	c.generated(line + "。")
	if carryover != nil && strings.TrimSpace(carryover.DeviationReason) != "" {
		c.stored("", "偏差原因："+carryover.DeviationReason)
	}

	f := section("2.3.2.2", "财务管理合规性")
	f.RunIn = true
	var fc []Indicator
	if compliance != nil {
		fc = []Indicator{*compliance}
	}
	d.slot(f, d.who+efficiencyDrafts["2.3.2.2"][fared(fc)], true)
	described(f, fc)

	s.add(c, f)
	for i, ind := range rest {
		x := section("2.3.2."+strconv.Itoa(i+3), ind.Name)
		x.RunIn = true
		s.add(described(x, []Indicator{ind}))
	}
	return s
}

// 6.资产管理情况: the department's account, then the share of fixed assets in use.
func (d *dept) assets(inds []Indicator) *Section {
	s := d.slot(section("2.3.6", "资产管理情况"), d.who+efficiencyDrafts["2.3.6"][fared(inds)], true)
	var rest []Indicator
	var bound *Indicator
	for i, ind := range inds {
		if ind.Binding == scoring.BindAssetUtilization && bound == nil {
			bound = &inds[i]
			continue
		}
		rest = append(rest, ind)
	}
	share := "实际在用固定资产占所有固定资产的比率为"
	switch {
	case bound != nil && bound.Actual != nil && bound.Target != nil:
		reached := "达到"
		if !met(*bound) {
			reached = "未达到"
		}
		s.generated(share + quantity(*bound.Actual, "%") + "，" + reached + symbol(bound.Operator) + quantity(*bound.Target, "%") + "的目标。")
	case d.in.Rates.AssetUtilization != nil:
		s.generated(share + percent(d.in.Rates.AssetUtilization) + "。")
	}
	if bound != nil && strings.TrimSpace(bound.DeviationReason) != "" {
		s.stored("", bound.Name+"偏差原因："+sentence(bound.DeviationReason))
	}
	return described(s, rest)
}

// 7.运行成本情况: the department's account, the 三公 amounts, and how public and
// 三公 spending kept within budget.
func (d *dept) runningCosts(inds []Indicator) *Section {
	s := d.slot(section("2.3.7", "运行成本情况"), d.who+efficiencyDrafts["2.3.7"][fared(inds)], true)
	in := d.in
	if in.ThreePublicBudget != 0 || in.ThreePublicActual != 0 {
		s.generated("“三公”经费预算安排" + wan(in.ThreePublicBudget) + "，实际支出" + wan(in.ThreePublicActual) + "。")
	}
	subjects := map[scoring.Binding]string{
		scoring.BindPublicFundsControl: "公用经费实际支出占预算安排数的比例",
		scoring.BindThreePublicControl: "“三公”经费实际支出占预算安排数的比例",
	}
	var controls []string
	var rest []Indicator
	bound := map[scoring.Binding]bool{}
	for _, ind := range inds {
		if subject, ok := subjects[ind.Binding]; ok && ind.Operator.Reverse() && ind.Target != nil {
			controls = append(controls, reverse(ind, subject))
			bound[ind.Binding] = true
			continue
		}
		rest = append(rest, ind)
	}
	for _, b := range []struct {
		binding scoring.Binding
		rate    *fixed.Decimal
	}{{scoring.BindPublicFundsControl, in.Rates.PublicFundsControl}, {scoring.BindThreePublicControl, in.Rates.ThreePublicControl}} {
		if !bound[b.binding] && b.rate != nil {
			controls = append(controls, strings.TrimSuffix(subjects[b.binding], "的比例")+"的"+percent(b.rate))
		}
	}
	if len(controls) > 0 {
		s.generated(strings.Join(controls, "；") + "。")
	}
	for _, ind := range inds {
		if bound[ind.Binding] && strings.TrimSpace(ind.DeviationReason) != "" {
			s.stored("", ind.Name+"偏差原因："+sentence(ind.DeviationReason))
		}
	}
	return described(s, rest)
}

// finding is one problem the data shows, with the improvement it calls for.
type finding struct{ problem, measure string }

// findings reads problems from the scores and the monthly execution.
func (d *dept) findings() (facts string, found []finding) {
	var lost []string
	var missed []string
	execution := false
	seen := map[string]bool{}
	for _, ind := range d.in.Indicators {
		if !lostPoints(ind) {
			continue
		}
		lost = append(lost, ind.Name+scored(ind))
		g := groupOf(ind)
		switch {
		case ind.Binding == scoring.BindExecutionRate:
			execution = true
		case g == management:
			if !seen[ind.Level2] {
				seen[ind.Level2] = true
				found = append(found, finding{
					problem: ind.Level2 + "方面仍需进一步规范，" + ind.Name + "未得满分",
					measure: "完善" + ind.Level2 + "相关制度和工作机制，提升" + ind.Level2 + "的规范化水平",
				})
			}
		default:
			missed = append(missed, ind.Name)
		}
	}
	var parts []string
	if len(lost) > 0 {
		parts = append(parts, "自评扣分的指标有："+strings.Join(lost, "，"))
	}
	if len(d.in.MonthsBehind) > 0 {
		parts = append(parts, months(d.in.MonthsBehind)+"的累计支出进度低于财政部门下达的序时进度目标")
		execution = true
	}
	if len(missed) > 0 {
		found = append(found, finding{
			problem: strings.Join(missed, "、") + "未达到年度指标值",
			measure: "分析" + strings.Join(missed, "、") + "未达标的原因，改进工作措施，合理设定下一年度指标值",
		})
	}
	if execution {
		found = append(found, finding{
			problem: "预算资金支付进度和均衡性有待提高",
			measure: "加强预算执行进度管理，提前谋划各项工作，将项目支出计划分解到月，提高预算资金支付的均衡性",
		})
	}
	if len(parts) == 0 {
		return "从自评情况看，各项指标均得满分。", nil
	}
	return "从自评情况看，" + strings.Join(parts, "；") + "。", found
}

// 三、存在的主要问题: what the data shows, then the department's account of it.
func (d *dept) problems() *Section {
	facts, found := d.findings()
	s := section("3", "存在的主要问题").generated(facts)
	return d.slot(s, problemsDraft(found), true)
}

// 四、下一步改进措施.
func (d *dept) improvements() *Section {
	_, found := d.findings()
	return d.slot(section("4", "下一步改进措施"), improvementsDraft(found), true)
}

func problemsDraft(found []finding) string {
	if len(found) == 0 {
		return "本年度自评未发现突出问题，预算绩效管理的精细化水平仍需持续提升。"
	}
	items := make([]string, len(found))
	for i, f := range found {
		items[i] = f.problem
	}
	return ordinals(items)
}

func improvementsDraft(found []finding) string {
	if len(found) == 0 {
		return "持续加强预算绩效管理，巩固和提升绩效管理成效，提高财政资金使用效益。"
	}
	items := make([]string, len(found))
	for i, f := range found {
		items[i] = f.measure
	}
	return ordinals(items)
}
