package demo

// The district: about thirty illustrative departments of 广州市南沙区 (districtdata.go),
// beside the seed's office and 财政局 under the same district node, each with a
// department-year in 2022, 2023 and 2024: figures, months, key tasks, an overall indicator
// tree, two to five projects with their own trees, and evaluations in the statuses of the
// year's round. Every figure is drawn from one PCG stream with a constant seed, in integer
// arithmetic (cents of 万元, tenths of a percent), so every load writes the same rows.
// The planned scores only steer the drawing; the stored scores are the hooks' (package kept).

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/ent/privacy"
	"jixiao/ent/transition"
	"jixiao/platform/audit"
)

// districtSeed is the constant seed of the district's stream: the same rows every load.
const districtSeed = 20240115

// Planned scores (hundredths of a point) of the department-years that make the grades of
// every year differ: 2023 holds every grade, one department falls below 60 in 2023 and
// one in 2024; the others draw theirs around their department's level.
var plannedScores = map[string]map[int]int64{
	"008":       {2023: 5450},             // 交通运输局: 2023 poor, recovering after
	"020":       {2024: 5680},             // 南沙街道: 2024 poor (returned)
	"012":       {2023: 7240, 2024: 8350}, // 农业农村局
	"015":       {2022: 7480, 2023: 7820},
	"004-02":    {2023: 6950},
	"019":       {2022: 8120, 2024: 7150},
	"010-01-01": {2024: 6840},
}

// figures drawn for a department-year, in cents (0.01 万元).
type drawnYear struct {
	personnelBudget, personnelActual     int64
	publicBudget, publicActual           int64
	projectBudget                        int64
	carryoverStart, carryoverEnd         int64
	threePublicBudget, threePublicActual int64
	assetsInUse, assetsTotal             int64
	projects                             []drawnProject
}

func (y *drawnYear) projectActual() int64 {
	var s int64
	for _, p := range y.projects {
		s += p.executed
	}
	return s
}
func (y *drawnYear) budget() int64 { return y.personnelBudget + y.publicBudget + y.projectBudget }
func (y *drawnYear) actual() int64 {
	return y.personnelActual + y.publicActual + y.projectActual()
}

func (y *drawnYear) figures() figures {
	return figures{
		personnelBudget: cents(y.personnelBudget), personnelActual: cents(y.personnelActual),
		publicBudget: cents(y.publicBudget), publicActual: cents(y.publicActual),
		projectBudget: cents(y.projectBudget), projectActual: cents(y.projectActual()),
		carryoverStart: cents(y.carryoverStart), carryoverEnd: cents(y.carryoverEnd),
		threePublicBudget: cents(y.threePublicBudget), threePublicActual: cents(y.threePublicActual),
		assetsInUse: cents(y.assetsInUse), assetsTotal: cents(y.assetsTotal),
	}
}

func (y *drawnYear) scoringFigures() scoring.Figures {
	d := func(c int64) decimal.Decimal { return cents(c).Decimal() }
	return scoring.Figures{
		AdjustedBudget: d(y.budget()), Executed: d(y.actual()), CarryoverEnd: d(y.carryoverEnd),
		AssetsInUse: d(y.assetsInUse), AssetsTotal: d(y.assetsTotal),
		PublicBudget: d(y.publicBudget), PublicActual: d(y.publicActual),
		ThreePublicBudget: d(y.threePublicBudget), ThreePublicActual: d(y.threePublicActual),
	}
}

type drawnProject struct {
	code, name, category, goal string
	budget, executed           int64
	indicators                 []ind
	conclusion, explanation    string
	status                     evaluation.Status
	returnComment              string
}

// plannedYear is one department-year as it will be written.
type plannedYear struct {
	unit       int
	year       int
	score      int64 // planned, hundredths
	y          drawnYear
	goal       string
	months     [12]int64 // cumulative, cents
	tasks      []keyTask
	indicators []ind
	text       evaluationText
	status     evaluation.Status
	comment    string // a returned evaluation's review comment
}

func cents(c int64) fixed.Decimal { return fixed.Decimal(c * 10_000) }

// initialOf is an illustrative 年初预算数 for an adjusted budget of c cents: c rounded
// down to 10 万元. It draws nothing from the stream, so no drawn figure moves.
func initialOf(c int64) int64 { return c - c%1000 }

// between draws an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// tier is the band of a planned score, for the texts: 0 ≥ 90, 1 ≥ 80, 2 ≥ 60, 3 below.
func tier(score int64) int {
	switch {
	case score >= 9000:
		return 0
	case score >= 8000:
		return 1
	case score >= 6000:
		return 2
	}
	return 3
}

// planDistrict draws every department-year of the district, in a fixed order.
func planDistrict() []plannedYear {
	r := rand.New(rand.NewPCG(districtSeed, 0x6a697869616f))
	var out []plannedYear
	for ui, u := range districtUnits {
		level := between(r, 8300, 9700) // the department's usual score
		size := u.size * 100 * between(r, 90, 110) / 100
		carry := size * between(r, 5, 30) / 1000
		for _, year := range DistrictYears {
			score := level + between(r, -450, 450)
			if s, ok := plannedScores[u.suffix][year]; ok {
				score = s
			}
			score = min(score, 9850)
			p := plannedYear{unit: ui, year: year, score: score}
			p.y = drawFigures(r, u, size, carry, score)
			size = size * between(r, 94, 112) / 100
			carry = p.y.carryoverEnd
			p.plan(r, u)
			out = append(out, p)
		}
	}
	showWarnings(out)
	return out
}

// drawFigures draws the year's budget, spending and projects for a department whose
// total budget is about size cents and whose planned score is score.
func drawFigures(r *rand.Rand, u unit, size, carryStart, score int64) drawnYear {
	var y drawnYear
	personnelShare := between(r, 320, 480)
	if strings.Contains(u.name, "中学") || strings.Contains(u.name, "院") || u.sector == "library" {
		personnelShare = between(r, 520, 660)
	}
	y.personnelBudget = size * personnelShare / 1000
	y.publicBudget = size * between(r, 40, 80) / 1000
	y.projectBudget = size - y.personnelBudget - y.publicBudget
	y.personnelActual = y.personnelBudget * between(r, 985, 1000) / 1000
	y.publicActual = y.publicBudget * between(r, 900, 990) / 1000
	if score < 7000 {
		y.publicActual = y.publicBudget * between(r, 1000, 1040) / 1000
	}
	y.threePublicBudget = size * between(r, 2, 6) / 1000
	y.threePublicActual = y.threePublicBudget * between(r, 720, 980) / 1000
	y.assetsTotal = size * between(r, 150, 400) / 1000
	y.assetsInUse = y.assetsTotal * between(r, 930, 995) / 1000
	y.carryoverStart = carryStart

	// Project execution: the better the year, the closer to its budget.
	lo, hi := int64(940), int64(995)
	switch tier(score) {
	case 1:
		lo, hi = 880, 975
	case 2:
		lo, hi = 780, 930
	case 3:
		lo, hi = 600, 760
	}
	n := int(between(r, 2, 5))
	weights := make([]int64, n)
	var sum int64
	for i := range weights {
		weights[i] = between(r, 10, 40)
		sum += weights[i]
	}
	left := y.projectBudget
	for i := range n {
		b := y.projectBudget * weights[i] / sum
		if i == n-1 {
			b = left
		}
		left -= b
		rate := between(r, lo, hi)
		if rate >= 990 && r.IntN(2) == 0 {
			rate = 1000
		}
		y.projects = append(y.projects, drawnProject{budget: b, executed: b * rate / 1000})
	}
	carry := between(r, 5, 45)
	if tier(score) >= 2 {
		carry = between(r, 60, 140)
	}
	y.carryoverEnd = y.actual() * carry / 1000
	return y
}

// monthTargets are the finance bureau's cumulative monthly targets, percent.
var monthTargets = [12]int64{5, 12, 25, 33, 42, 50, 58, 66, 75, 83, 91, 95}

var categories = []string{"部门履职类", "民生保障类", "基础设施建设类", "公共服务类"}

// plan draws the year's texts, months, key tasks, indicator trees and statuses.
func (p *plannedYear) plan(r *rand.Rand, u unit) {
	s := sectors[u.sector]
	t := tier(p.score)

	// Months: cumulative, ending at the year's spending; some back-loaded.
	var cum [12]int64
	backLoaded := r.IntN(3) == 0
	for m := range 12 {
		w := between(r, 60, 140)
		if backLoaded {
			w = between(r, 40, 100) + int64(m)*8
		}
		cum[m] = w
		if m > 0 {
			cum[m] += cum[m-1]
		}
	}
	total := p.y.actual()
	for m := range 12 {
		p.months[m] = total * cum[m] / cum[11]
	}

	outcomes := [4]string{"全面完成年度任务，成效明显。", "基本完成年度任务，个别事项推进滞后。",
		"部分完成，主要指标未达到年度目标。", "未能按计划完成，已列入整改事项。"}
	ntasks := min(len(s.tasks), int(between(r, 2, 3)))
	for i := range ntasks {
		p.tasks = append(p.tasks, keyTask{
			title:   s.tasks[i],
			content: "按照年度工作计划" + s.tasks[i] + "，落实资金保障和责任分工，按季度跟踪推进。",
			outcome: outcomes[min(3, t+r.IntN(2))],
		})
	}
	p.goal = strings.Join(s.tasks[:ntasks], "；") + "；加强预算绩效管理，提高资金使用效益。"
	p.text = evaluationText{conclusion: prefix + u.name + conclusions[t], problems: problemTexts[t], improvements: improvementTexts[t]}

	p.indicators = overallTree(r, s, &p.y, p.score)

	for i := range p.y.projects {
		pr := &p.y.projects[i]
		name := s.projects[(i+p.year)%len(s.projects)]
		if slices.ContainsFunc(p.y.projects[:i], func(q drawnProject) bool { return q.name == name }) {
			name = s.projects[(i+p.year+1)%len(s.projects)] + "（二期）"
		}
		pr.name = name
		pr.code = fmt.Sprintf("NS%d-%s-%02d", p.year, strings.ReplaceAll(u.suffix, "-", ""), i+1)
		pr.category = pick(r, categories)
		pr.goal = "做好" + name + "工作，按期完成年度建设和服务任务，提高资金使用效益。"
		ps := min(9900, max(4000, p.score+between(r, -500, 400)))
		pr.indicators = projectTree(r, s, pr, ps)
		pt := tier(ps)
		pr.conclusion = name + "项目" + [4]string{"按计划实施，各项绩效目标均已完成。", "总体按计划实施，个别指标未达到预期。",
			"实施进度滞后，部分绩效目标未完成。", "未按计划实施，主要绩效目标未完成。"}[pt]
		if pr.executed*100 < pr.budget*90 {
			pr.explanation = "项目前期手续办理时间较长，部分合同未能在年内支付，资金已按规定结转。"
		}
	}
	p.statuses(r)
}

// statuses: 2022 published; 2023 mostly published or approved, a few under review;
// 2024 the round in progress.
func (p *plannedYear) statuses(r *rand.Rand) {
	switch p.year {
	case 2022:
		p.status = evaluation.StatusPUBLISHED
	case 2023:
		switch {
		case p.unit%7 == 3:
			p.status = evaluation.StatusAPPROVED
		case p.unit%11 == 5:
			p.status = evaluation.StatusSUBMITTED
		default:
			p.status = evaluation.StatusPUBLISHED
		}
	default:
		p.status = pick(r, []evaluation.Status{evaluation.StatusDRAFT, evaluation.StatusDRAFT, evaluation.StatusSUBMITTED,
			evaluation.StatusSUBMITTED, evaluation.StatusRETURNED, evaluation.StatusAPPROVED})
		if p.score < 6000 {
			p.status = evaluation.StatusRETURNED
		}
	}
	if p.status == evaluation.StatusRETURNED {
		p.comment = pick(r, returnComments)
	}
	for i := range p.y.projects {
		pr := &p.y.projects[i]
		pr.status = p.status
		if p.year == 2024 && p.status != evaluation.StatusRETURNED {
			pr.status = pick(r, []evaluation.Status{evaluation.StatusDRAFT, evaluation.StatusSUBMITTED, p.status})
		}
		if pr.status == evaluation.StatusRETURNED {
			pr.returnComment = pick(r, returnComments)
		}
	}
}

// splitWeight splits total points into n whole-point weights (hundredths), the larger first.
func splitWeight(total int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = total / int64(n) * 100
		if int64(i) < total%int64(n) {
			out[i] += 100
		}
	}
	return out
}

// draft is an indicator being drawn: its metric, weight and whether it may lose points.
type draft struct {
	level1, level2 string
	m              metric
	qualitative    bool
	weight         int64 // hundredths
	target         int64 // tenths for %, else units
	loss           int64 // hundredths of a point
}

func isPercent(unit string) bool { return unit == "%" }

func (d *draft) scale() int64 {
	if isPercent(d.m.unit) {
		return 100_000 // a tenth in millionths
	}
	return 1_000_000
}

func drafts(r *rand.Rand, level1, level2 string, ms []metric, n int, divide int64) []draft {
	start := r.IntN(len(ms))
	var out []draft
	for i := range min(n, len(ms)) {
		m := ms[(start+i)%len(ms)]
		t := between(r, m.lo, m.hi)
		if !isPercent(m.unit) && divide > 1 && t > 0 {
			t = max(1, t/divide)
		}
		if isPercent(m.unit) && m.op != indicator.OperatorAtMost {
			t = t / 10 * 10 // whole percents
		}
		out = append(out, draft{level1: level1, level2: level2, m: m, target: t})
	}
	return out
}

func qualitativeDraft(level1, level2, name string) draft {
	return draft{level1: level1, level2: level2, m: metric{name: name}, qualitative: true}
}

func satisfactionDraft(r *rand.Rand, s sector) draft {
	return draft{level1: "满意度指标", level2: "服务对象满意度指标",
		m: metric{name: s.served + "满意度", unit: "%"}, target: between(r, 85, 95) * 10}
}

func setWeights(ds []draft, total int64) {
	ws := splitWeight(total, len(ds))
	for i := range ds {
		ds[i].weight = ws[i]
	}
}

// performanceDrafts are the output, benefit and satisfaction indicators of a subject.
func performanceDrafts(r *rand.Rand, s sector, output, benefit, sat int64, project bool) []draft {
	var divide int64 = 1
	if project {
		divide = 3
	}
	out := drafts(r, "产出指标", "数量指标", s.quantity, int(between(r, 2, 3)), divide)
	out = append(out, drafts(r, "产出指标", "质量指标", qualityMetrics, int(between(r, 1, 2)), 1)...)
	out = append(out, drafts(r, "产出指标", "时效指标", timelyMetrics, 1, 1)...)
	if r.IntN(2) == 0 {
		out = append(out, drafts(r, "产出指标", "成本指标", costMetrics, 1, 1)...)
	}
	setWeights(out, output)
	ben := drafts(r, "效益指标", "社会效益指标", s.benefit, 2, divide)
	if strings.Contains(ben[0].m.name, "收入") || strings.Contains(ben[0].m.name, "投资") || strings.Contains(ben[0].m.name, "游客") {
		ben[0].level2 = "经济效益指标"
	}
	ben = append(ben, qualitativeDraft("效益指标", "可持续影响指标", pick(r, sustainNames)))
	setWeights(ben, benefit)
	sd := []draft{satisfactionDraft(r, s)}
	setWeights(sd, sat)
	return append(append(out, ben...), sd...)
}

// spread takes loss hundredths of a point off the drafts, at random, each losing at
// most capShare‰ of its weight; a reverse indicator with target 0 loses nothing.
func spread(r *rand.Rand, ds []draft, loss int64) {
	for pass, capShare := range []int64{500, 900} {
		if loss <= 0 {
			return
		}
		order := r.Perm(len(ds))
		for _, i := range order {
			d := &ds[i]
			if loss <= 0 {
				return
			}
			if !d.qualitative && d.m.op == indicator.OperatorAtMost && d.target == 0 {
				continue
			}
			room := d.weight*capShare/1000 - d.loss
			if room <= 0 {
				continue
			}
			take := min(loss, room*between(r, 30, 100)/100)
			if pass == 1 {
				take = min(loss, room)
			}
			d.loss += take
			loss -= take
		}
	}
}

// toInd turns a draft into an indicator row: its actual gives about weight − loss.
func (d *draft) toInd(r *rand.Rand) ind {
	w := fixed.Decimal(d.weight * 10_000)
	row := ind{level1: d.level1, level2: d.level2, name: d.m.name, unit: d.m.unit, weight: w.String()}
	if d.qualitative {
		rated := d.weight - d.loss
		row.kind, row.rated = qual, fixed.Decimal(rated*10_000).String()
		switch share := rated * 1000 / d.weight; {
		case share >= 800:
			row.rating = indicator.RatingACHIEVED
		case share >= 600:
			row.rating = indicator.RatingPARTIAL
		default:
			row.rating = indicator.RatingNOT_ACHIEVED
		}
		return row
	}
	row.kind, row.op = quant, d.m.op
	if row.op == "" {
		row.op = ge
	}
	t := d.target
	var a int64
	switch {
	case row.op == le && d.loss > 0:
		a = (t*(d.weight+d.loss) + d.weight - 1) / d.weight
	case row.op == le:
		a = t * between(r, 700, 1000) / 1000
	case d.loss > 0:
		a = t * (d.weight - d.loss) / d.weight
	case row.op == eq:
		a = t
	case isPercent(d.m.unit):
		a = between(r, t, max(t, 1000))
	case r.IntN(25) == 0:
		a = t * between(r, 130, 150) / 100 // far beyond the target: a reason is required
	default:
		a = t * between(r, 100, 125) / 100
	}
	row.target = fixed.Decimal(t * d.scale()).String()
	row.actual = fixed.Decimal(a * d.scale()).String()
	return row
}

// management: the 管理效率 group of an overall tree (30 points), bound to the figures.
func management(r *rand.Rand) []ind {
	rated := func(w int64) string { return fixed.Decimal(w * 10_000).String() }
	return []ind{
		{level1: "管理效率", level2: "预算执行", name: "预算资金支出率", kind: quant, op: ge, target: "100", unit: "%", weight: "8", binding: indicator.BindingEXECUTION_RATE},
		{level1: "管理效率", level2: "预算执行", name: "结转结余率", kind: quant, op: le, target: "10", unit: "%", weight: "4", binding: indicator.BindingCARRYOVER_RATE},
		{level1: "管理效率", level2: "预算编制", name: "预算编制规范性", kind: qual, weight: "3", rating: indicator.RatingACHIEVED, rated: rated(between(r, 270, 300))},
		{level1: "管理效率", level2: "信息公开", name: "预决算及绩效信息公开", kind: qual, weight: "3", rating: indicator.RatingACHIEVED, rated: "3"},
		{level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性", kind: qual, weight: "4", rating: indicator.RatingACHIEVED, rated: rated(between(r, 340, 400))},
		{level1: "管理效率", level2: "资产管理", name: "固定资产利用率", kind: quant, op: ge, target: "95", unit: "%", weight: "3", binding: indicator.BindingASSET_UTILIZATION},
		{level1: "管理效率", level2: "运行成本", name: "公用经费控制率", kind: quant, op: le, target: "100", unit: "%", weight: "2.5", binding: indicator.BindingPUBLIC_FUNDS_CONTROL},
		{level1: "管理效率", level2: "运行成本", name: "三公经费控制率", kind: quant, op: le, target: "100", unit: "%", weight: "2.5", binding: indicator.BindingTHREE_PUBLIC_CONTROL},
	}
}

// boundReasons explain a bound indicator off its target.
var boundReasons = map[indicator.Binding]string{
	indicator.BindingEXECUTION_RATE:       "部分项目按实际进度和工作量结算，少量预算资金未支出。",
	indicator.BindingCARRYOVER_RATE:       "部分项目跨年度实施，年末结转资金较多。",
	indicator.BindingASSET_UTILIZATION:    "部分老旧设备待报废处置，在用资产比例偏低。",
	indicator.BindingPUBLIC_FUNDS_CONTROL: "办公场所搬迁增加了部分运行费用。",
	indicator.BindingTHREE_PUBLIC_CONTROL: "公务用车维修费用超出年初预算。",
}

// overallTree draws a department-year's indicators: output 35, benefit 25, satisfaction 10
// and the management group 30, losing about 100 − score points in all.
func overallTree(r *rand.Rand, s sector, y *drawnYear, score int64) []ind {
	mgmt := management(r)
	f := y.scoringFigures()
	var mgmtLoss int64
	for _, row := range mgmt {
		si := scoringOf(row, f)
		mgmtLoss += (si.Weight.Sub(scoring.Default().Score(si))).Shift(2).IntPart()
	}
	ds := performanceDrafts(r, s, 35, 25, 10, false)
	spread(r, ds, 10_000-score-mgmtLoss)
	var out []ind
	for i := range ds {
		out = append(out, ds[i].toInd(r))
	}
	return withReasons(r, append(out, mgmt...), f)
}

// projectTree draws a project's indicators (90 points; the execution item carries 10).
func projectTree(r *rand.Rand, s sector, p *drawnProject, score int64) []ind {
	exec := scoring.Default().ExecutionItemScore(cents(p.executed).Decimal(), cents(p.budget).Decimal())
	execLoss := decimal.NewFromInt(10).Sub(exec).Shift(2).IntPart()
	ds := performanceDrafts(r, s, 50, 30, 10, true)
	spread(r, ds, 10_000-score-execLoss)
	var out []ind
	for i := range ds {
		out = append(out, ds[i].toInd(r))
	}
	return withReasons(r, out, scoring.Figures{})
}

// withReasons gives every indicator the rules require a deviation reason for one.
func withReasons(r *rand.Rand, rows []ind, f scoring.Figures) []ind {
	for i := range rows {
		if !scoring.Default().DeviationRequired(scoringOf(rows[i], f)) {
			continue
		}
		switch {
		case rows[i].binding != "":
			rows[i].deviation = boundReasons[rows[i].binding]
		case rows[i].op == le:
			rows[i].deviation = deviationTexts[1+r.IntN(2)]
		default:
			if a, t := fixed.MustParse(rows[i].actual), fixed.MustParse(rows[i].target); a > t {
				rows[i].deviation = deviationTexts[3]
			} else {
				rows[i].deviation = deviationTexts[r.IntN(3)]
			}
		}
	}
	return rows
}

// scoringOf is row as the scoring package takes it, a bound actual derived from f.
func scoringOf(row ind, f scoring.Figures) scoring.Indicator {
	si := scoring.Indicator{Kind: scoring.Kind(row.kind), Weight: fixed.MustParse(row.weight).Decimal(),
		Operator: scoring.Operator(row.op), Rating: scoring.Rating(row.rating)}
	opt := func(s string) *decimal.Decimal {
		if s == "" {
			return nil
		}
		d := fixed.MustParse(s).Decimal()
		return &d
	}
	if t := opt(row.target); t != nil {
		si.Target = *t
	}
	si.Actual, si.RatedScore = opt(row.actual), opt(row.rated)
	if row.binding != "" {
		if v, ok := scoring.Derive(scoring.Binding(row.binding), f); ok {
			si.Actual = &v
		}
	}
	return si
}

// writeDistrict writes the district's departments under districtID and their years.
func writeDistrict(ctx context.Context, tx *ent.Tx, lib libraryIndex, districtID int) error {
	plans := planDistrict()
	ids := map[string]int{"": districtID}
	for _, u := range districtUnits {
		d, err := tx.Department.Create().
			SetCode(DistrictCode + "-" + u.suffix).SetName(prefix + u.name).SetFunctions(u.functions).
			SetParentID(ids[u.parent]).Save(ctx)
		if err != nil {
			return fmt.Errorf("department %s: %w", u.suffix, err)
		}
		ids[u.suffix] = d.ID
	}

	// Years, then what hangs on them; evaluations last, after their subjects' indicators,
	// so that indicators need not carry over to evaluations (kept.Deferred).
	ctx = audit.Off(kept.Deferred(ctx))
	years := make([]*ent.DepartmentYearCreate, len(plans))
	for i, p := range plans {
		f := p.y.figures()
		years[i] = tx.DepartmentYear.Create().
			SetDepartmentID(ids[districtUnits[p.unit].suffix]).SetYear(p.year).
			SetPersonnelBudget(f.personnelBudget).SetPersonnelActual(f.personnelActual).
			SetPublicBudget(f.publicBudget).SetPublicActual(f.publicActual).
			SetProjectBudget(f.projectBudget).SetProjectActual(f.projectActual).
			SetCarryoverStart(f.carryoverStart).SetCarryoverEnd(f.carryoverEnd).
			SetThreePublicBudget(f.threePublicBudget).SetThreePublicActual(f.threePublicActual).
			SetAssetsInUse(f.assetsInUse).SetAssetsTotal(f.assetsTotal).
			SetGoal(p.goal).
			SetBasicInitialBudget(cents(initialOf(p.y.personnelBudget + p.y.publicBudget))).
			SetProjectInitialBudget(cents(initialOf(p.y.projectBudget)))
	}
	dys, err := tx.DepartmentYear.CreateBulk(years...).Save(ctx)
	if err != nil {
		return fmt.Errorf("district years: %w", err)
	}

	var months []*ent.MonthlyExecutionCreate
	var tasks []*ent.KeyTaskCreate
	var inds []*ent.IndicatorCreate
	var projects []*ent.ProjectCreate
	var lines []*ent.FundingLineCreate
	for i, p := range plans {
		// All of a year's money is 一般公共预算: its line is the year's totals.
		lines = append(lines, tx.FundingLine.Create().SetDepartmentYearID(dys[i].ID).
			SetCategory(fundingline.CategoryGENERAL_PUBLIC_BUDGET).
			SetInitialBudget(cents(initialOf(p.y.personnelBudget+p.y.publicBudget)+initialOf(p.y.projectBudget))).
			SetAdjustedBudget(cents(p.y.budget())).SetExecuted(cents(p.y.actual())))
		for m, c := range p.months {
			months = append(months, tx.MonthlyExecution.Create().SetDepartmentYearID(dys[i].ID).SetMonth(m+1).
				SetCumulativeExecuted(cents(c)).SetTargetPercent(fixed.FromInt(monthTargets[m])))
		}
		for k, t := range p.tasks {
			tasks = append(tasks, tx.KeyTask.Create().SetDepartmentYearID(dys[i].ID).SetPosition(k+1).
				SetTitle(t.title).SetContent(t.content).SetOutcome(t.outcome))
		}
		for k, row := range p.indicators {
			inds = append(inds, indicatorCreate(tx, lib, dys[i].ID, nil, k+1, row))
		}
		for _, pr := range p.y.projects {
			projects = append(projects, tx.Project.Create().SetDepartmentYearID(dys[i].ID).
				SetCode(pr.code).SetName(pr.name).SetCategory(pr.category).SetGoal(pr.goal).
				SetBudget(cents(pr.budget)).SetExecuted(cents(pr.executed)).SetInitialBudget(cents(initialOf(pr.budget))))
		}
	}
	if err := bulk(ctx, months, tx.MonthlyExecution.CreateBulk); err != nil {
		return fmt.Errorf("district months: %w", err)
	}
	if err := bulk(ctx, tasks, tx.KeyTask.CreateBulk); err != nil {
		return fmt.Errorf("district key tasks: %w", err)
	}
	prs, err := tx.Project.CreateBulk(projects...).Save(ctx)
	if err != nil {
		return fmt.Errorf("district projects: %w", err)
	}
	// A project's money is this year's appropriation.
	for _, pr := range prs {
		lines = append(lines, tx.FundingLine.Create().SetDepartmentYearID(pr.DepartmentYearID).SetProjectID(pr.ID).
			SetCategory(fundingline.CategoryCURRENT_APPROPRIATION).
			SetInitialBudget(pr.InitialBudget).SetAdjustedBudget(pr.Budget).SetExecuted(pr.Executed))
	}
	if err := bulk(ctx, lines, tx.FundingLine.CreateBulk); err != nil {
		return fmt.Errorf("district funding lines: %w", err)
	}

	var evs []*ent.EvaluationCreate
	var steps []step
	n := 0
	for i, p := range plans {
		for _, pr := range p.y.projects {
			for k, row := range pr.indicators {
				inds = append(inds, indicatorCreate(tx, lib, dys[i].ID, &prs[n].ID, k+1, row))
			}
			evs = append(evs, evaluationCreate(tx, dys[i].ID, &prs[n].ID, p.year, pr.status, pr.returnComment,
				evaluationText{conclusion: pr.conclusion}).SetExecutionExplanation(pr.explanation))
			steps = append(steps, step{p.year, pr.status, pr.returnComment})
			n++
		}
		evs = append(evs, evaluationCreate(tx, dys[i].ID, nil, p.year, p.status, p.comment, p.text))
		steps = append(steps, step{p.year, p.status, p.comment})
	}
	if err := bulk(ctx, inds, tx.Indicator.CreateBulk); err != nil {
		return fmt.Errorf("district indicators: %w", err)
	}
	var saved []*ent.Evaluation
	for lo := 0; lo < len(evs); lo += batch {
		part, err := tx.Evaluation.CreateBulk(evs[lo:min(lo+batch, len(evs))]...).Save(ctx)
		if err != nil {
			return fmt.Errorf("district evaluations: %w", err)
		}
		saved = append(saved, part...)
	}
	var ts []*ent.TransitionCreate
	for i, ev := range saved {
		ts = append(ts, steps[i].transitions(tx, ev.ID)...)
	}
	// Transitions are the server's record (access.Recorded), as the workflow's hook writes them.
	if err := bulk(privacy.DecisionContext(ctx, privacy.Allow), ts, tx.Transition.CreateBulk); err != nil {
		return fmt.Errorf("district transitions: %w", err)
	}
	if err := writeTargets(ctx, tx, dys, plans); err != nil {
		return err
	}
	if err := writeRounds(ctx, tx); err != nil {
		return err
	}
	yearOf := make(map[int]int, len(dys))
	for i, dy := range dys {
		yearOf[dy.ID] = plans[i].year
	}
	return writeReview(ctx, tx, saved, yearOf)
}

// batch rows go into one INSERT: the widest table (indicators, about 25 columns) binds
// fewer than SQLite's 32,766 variables.
const batch = 500

// bulk inserts rows in batches.
func bulk[C any, B interface{ Exec(context.Context) error }](ctx context.Context, rows []C, create func(...C) B) error {
	for lo := 0; lo < len(rows); lo += batch {
		if err := create(rows[lo:min(lo+batch, len(rows))]...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func indicatorCreate(tx *ent.Tx, lib libraryIndex, dyID int, projectID *int, position int, r ind) *ent.IndicatorCreate {
	c := tx.Indicator.Create().
		SetDepartmentYearID(dyID).SetNillableProjectID(projectID).SetPosition(position).SetNillableLibraryIndicatorID(lib.of(r)).
		SetLevel1(r.level1).SetLevel2(r.level2).SetName(r.name).
		SetKind(r.kind).SetUnit(r.unit).SetDeviationReason(r.deviation).SetScoringCriteria(criteria(r)).
		SetWeight(fixed.MustParse(r.weight))
	if r.op != "" {
		c.SetOperator(r.op)
	}
	if r.binding != "" {
		c.SetBinding(r.binding)
	}
	if r.rating != "" {
		c.SetRating(r.rating)
	}
	if r.target != "" {
		c.SetTarget(fixed.MustParse(r.target))
	}
	if r.actual != "" {
		c.SetActual(fixed.MustParse(r.actual))
	}
	if r.rated != "" {
		c.SetRatedScore(fixed.MustParse(r.rated))
	}
	return c
}

// submitted is when the year's round had the evaluation submitted: February after the year.
func submitted(year int) time.Time {
	return time.Date(year+1, time.February, 20, 10, 0, 0, 0, time.UTC)
}

func evaluationCreate(tx *ent.Tx, dyID int, projectID *int, year int, status evaluation.Status, comment string, t evaluationText) *ent.EvaluationCreate {
	c := tx.Evaluation.Create().SetDepartmentYearID(dyID).SetNillableProjectID(projectID).
		SetStatus(status).SetConclusion(t.conclusion).SetProblems(t.problems).SetImprovements(t.improvements).
		SetReviewComment(comment)
	if status != evaluation.StatusDRAFT {
		c.SetSubmittedAt(submitted(year))
	}
	return c
}

// step is an evaluation's place in the workflow, whose history transitions writes.
type step struct {
	year    int
	status  evaluation.Status
	comment string
}

// transitions are the steps that led to the status: submitted, then returned or
// approved, then published, by the roles that take them.
func (s step) transitions(tx *ent.Tx, evID int) []*ent.TransitionCreate {
	at := submitted(s.year)
	t := func(from, to evaluation.Status, who string, days int, comment string) *ent.TransitionCreate {
		return tx.Transition.Create().SetEvaluationID(evID).
			SetFrom(transition.From(from)).SetTo(transition.To(to)).
			SetActorName(who).SetComment(comment).SetAt(at.AddDate(0, 0, days))
	}
	var out []*ent.TransitionCreate
	if s.status == evaluation.StatusDRAFT {
		return nil
	}
	out = append(out, t(evaluation.StatusDRAFT, evaluation.StatusSUBMITTED, "部门填报员", 0, ""))
	switch s.status {
	case evaluation.StatusRETURNED:
		out = append(out, t(evaluation.StatusSUBMITTED, evaluation.StatusRETURNED, "财政局审核员", 12, s.comment))
	case evaluation.StatusAPPROVED, evaluation.StatusPUBLISHED:
		out = append(out, t(evaluation.StatusSUBMITTED, evaluation.StatusAPPROVED, "财政局审核员", 20, ""))
	}
	if s.status == evaluation.StatusPUBLISHED {
		out = append(out, t(evaluation.StatusAPPROVED, evaluation.StatusPUBLISHED, "财政局管理员", 60, ""))
	}
	return out
}
