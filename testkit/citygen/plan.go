package citygen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"jixiao/domain/fixed"
	"jixiao/ent/evaluation"
)

// Random streams: each part of the plan draws from its own PCG stream, so that a change
// in one part does not shift the numbers of the others.
const (
	streamTree uint64 = iota + 1
	streamProjects
	streamFigures
	streamCounts
	streamStatus
	streamIndicators
	streamTexts
)

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x6a697869616f0000|stream))
}

// between returns a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 { return lo + r.Int64N(hi-lo+1) }

// chance is true with probability perMille / 1000.
func chance(r *rand.Rand, perMille int) bool { return r.IntN(1000) < perMille }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// perMille scales v by m / 1000, rounding down.
func perMille(v, m int64) int64 { return v * m / 1000 }

// money turns hundredths of 万元 into a Decimal.
func money(cents int64) fixed.Decimal { return fixed.Decimal(cents * 10_000) }

// Department levels.
const (
	levelCity = iota + 1
	levelDistrict
	levelDepartment
	levelUnit
)

type deptPlan struct {
	code, name, functions string
	level                 int
	parent                int   // index into plan.depts, -1 for the root
	scale                 int64 // size, per mille of an ordinary department
	children              int   // children so far, numbers the next child's code
	id                    int
	path                  string
}

// yearPlan is a department's department-year; figures in hundredths of 万元.
type yearPlan struct {
	personnelBudget, personnelActual int64
	publicBudget, publicActual       int64
	projectBudget, projectActual     int64
	carryoverStart, carryoverEnd     int64
	threeBudget, threeActual         int64
	assetsInUse, assetsTotal         int64
	goal                             string
	overall                          int // overall indicators
	firstProject, projects           int // its projects: plan.projects[firstProject : firstProject+projects]
	status                           evaluation.Status
	id                               int
}

func (y *yearPlan) totalBudget() int64 { return y.personnelBudget + y.publicBudget + y.projectBudget }
func (y *yearPlan) totalActual() int64 { return y.personnelActual + y.publicActual + y.projectActual }

type projPlan struct {
	year                       int // index into plan.years
	code, name, category, goal string
	budget, executed           int64
	indicators                 int
	status                     evaluation.Status
	id                         int
}

type plan struct {
	cfg      Config
	at       time.Time // created_at and updated_at of every row
	depts    []deptPlan
	years    []yearPlan // years[i] belongs to depts[i]
	projects []projPlan
}

// Limits that keep every weight a positive multiple of 0.5 (see allocate).
const (
	minOverall         = 12
	maxOverall         = 100
	minProjectInds     = 3
	maxProjectInds     = 160
	defaultOverallLow  = 16
	defaultOverallHigh = 20
)

func newPlan(cfg Config) (*plan, error) {
	p := &plan{cfg: cfg, at: time.Date(cfg.Year+1, time.January, 10, 9, 0, 0, 0, time.UTC)}
	p.tree()
	p.years = make([]yearPlan, len(p.depts))
	if err := p.indicatorCounts(); err != nil {
		return nil, err
	}
	p.projectPlan()
	if err := p.projectIndicatorCounts(); err != nil {
		return nil, err
	}
	p.figures()
	p.statuses()
	return p, nil
}

// tree lays out the city root, up to 11 districts, departments under the districts and
// units under the departments: cfg.Departments in all, parents before children.
func (p *plan) tree() {
	r := newRand(p.cfg.Seed, streamTree)
	n := p.cfg.Departments
	districts := min(len(districtNames), n-1)
	rest := n - 1 - districts
	units := rest * 3 / 10
	departments := rest - units
	sizes := []int64{300, 500, 700, 850, 1000, 1000, 1200, 1500, 2000, 3000}
	add := func(d deptPlan, levelScale int64) {
		d.scale = max(perMille(levelScale, pick(r, sizes)), 50)
		p.depts = append(p.depts, d)
	}
	add(deptPlan{
		code: "JH", name: cityName + "人民政府", level: levelCity, parent: -1,
		functions: "统筹全市经济社会发展，组织实施市级预算和重大政策。",
	}, 5000)
	for i := range districts {
		add(deptPlan{
			code: fmt.Sprintf("JH-%02d", i+1), name: districtNames[i], level: levelDistrict, parent: 0,
			functions: "统筹" + districtNames[i] + "经济社会发展，组织实施区级预算和各项政策。",
		}, 3000)
	}
	p.depts[0].children = districts
	firstDept := len(p.depts)
	for range departments {
		par := 1 + r.IntN(districts)
		d := &p.depts[par]
		k := d.children
		d.children++
		child := deptPlan{code: fmt.Sprintf("%s-%03d", d.code, k+1), level: levelDepartment, parent: par}
		if k < len(bureaus) {
			b := bureaus[k]
			child.name = d.name + b.name
			child.functions = "负责" + d.name + b.area + "等工作，承担相关政策的组织实施和监督管理。"
		} else {
			s := k - len(bureaus)
			child.name = d.name + streets[s%len(streets)] + "街道办事处"
			if s >= len(streets) {
				child.name = fmt.Sprintf("%s%s第%d街道办事处", d.name, streets[s%len(streets)], s/len(streets)+1)
			}
			child.functions = "负责辖区内党建、社会治理、公共服务和社区建设等工作。"
		}
		add(child, 1000)
	}
	lastDept := len(p.depts)
	for range units {
		par := firstDept + r.IntN(lastDept-firstDept)
		d := &p.depts[par]
		k := d.children
		d.children++
		kind := unitKinds[k%len(unitKinds)]
		ord := ""
		if rep := k / len(unitKinds); rep < len(ordinals) {
			ord = ordinals[rep]
		} else {
			ord = fmt.Sprintf("第%d", rep+1)
		}
		add(deptPlan{
			code: fmt.Sprintf("%s-%02d", d.code, k+1), name: d.name + ord + kind,
			level: levelUnit, parent: par,
			functions: "承担" + d.name + "委托的" + kind + "相关事务性、技术性工作。",
		}, 300)
	}
}

// indicatorCounts decides how many overall indicators each department-year has.
func (p *plan) indicatorCounts() error {
	r := newRand(p.cfg.Seed, streamCounts)
	d := len(p.years)
	if p.cfg.Projects == 0 {
		if p.cfg.Indicators < minOverall*d || p.cfg.Indicators > maxOverall*d {
			return fmt.Errorf("citygen: without projects, Indicators must be between %d and %d (%d..%d per department)",
				minOverall*d, maxOverall*d, minOverall, maxOverall)
		}
		for i := range p.years {
			p.years[i].overall = p.cfg.Indicators / d
			if i < p.cfg.Indicators%d {
				p.years[i].overall++
			}
		}
		return nil
	}
	for i := range p.years {
		p.years[i].overall = int(between(r, defaultOverallLow, defaultOverallHigh))
	}
	return nil
}

// projectPlan spreads the projects over the department-years, bigger departments getting
// more, and draws each project's budget and execution.
func (p *plan) projectPlan() {
	r := newRand(p.cfg.Seed, streamProjects)
	prefix := make([]int64, len(p.depts)) // cumulative scale
	var sum int64
	for i, d := range p.depts {
		sum += d.scale
		prefix[i] = sum
	}
	counts := make([]int, len(p.depts))
	for range p.cfg.Projects {
		x := r.Int64N(sum)
		counts[sort.Search(len(prefix), func(i int) bool { return prefix[i] > x })]++
	}
	bases := []int64{10, 20, 30, 50, 80, 120, 200, 300, 500, 800} // 万元
	p.projects = make([]projPlan, 0, p.cfg.Projects)
	for i := range p.years {
		y := &p.years[i]
		y.firstProject, y.projects = len(p.projects), counts[i]
		for range counts[i] {
			budget := perMille(perMille(pick(r, bases)*100, p.depts[i].scale), between(r, 700, 1300))
			budget = max(budget, 50)
			var rate int64
			switch x := r.IntN(1000); {
			case x < 700:
				rate = between(r, 950, 1000)
			case x < 900:
				rate = between(r, 850, 949)
			case x < 980:
				rate = between(r, 500, 849)
			default:
				rate = between(r, 0, 499)
			}
			kind := pick(r, projectKinds)
			p.projects = append(p.projects, projPlan{
				year:     i,
				code:     fmt.Sprintf("XM%d-%06d", p.cfg.Year, len(p.projects)+1),
				name:     fmt.Sprintf("%d年%s", p.cfg.Year, kind.name),
				category: kind.category,
				goal:     "按计划实施" + kind.name + "，完成年度任务，资金使用规范高效，服务对象满意度不低于90%。",
				budget:   budget,
				executed: perMille(budget, rate),
			})
		}
	}
}

// projectIndicatorCounts gives the indicators that the overall sets leave to the projects,
// at least minProjectInds each, the rest spread at random with uneven weights.
func (p *plan) projectIndicatorCounts() error {
	overall := 0
	for _, y := range p.years {
		overall += y.overall
	}
	rest := p.cfg.Indicators - overall
	np := len(p.projects)
	if np == 0 {
		return nil
	}
	if rest < minProjectInds*np {
		return fmt.Errorf("citygen: Indicators = %d is too few: the overall sets take %d, leaving %d for %d projects (at least %d each)",
			p.cfg.Indicators, overall, rest, np, minProjectInds)
	}
	r := newRand(p.cfg.Seed, streamCounts+100)
	prefix := make([]int64, np)
	var sum int64
	for i := range p.projects {
		p.projects[i].indicators = minProjectInds
		sum += between(r, 1, 3)
		prefix[i] = sum
	}
	for range rest - minProjectInds*np {
		x := r.Int64N(sum)
		p.projects[sort.Search(np, func(i int) bool { return prefix[i] > x })].indicators++
	}
	for _, pr := range p.projects {
		if pr.indicators > maxProjectInds {
			return fmt.Errorf("citygen: Indicators = %d is too many for %d projects (a project would get %d, at most %d)",
				p.cfg.Indicators, np, pr.indicators, maxProjectInds)
		}
	}
	return nil
}

// figures draws each department-year's budget and final accounts. Project spending is the
// sum of its projects.
func (p *plan) figures() {
	r := newRand(p.cfg.Seed, streamFigures)
	for i := range p.years {
		y, d := &p.years[i], &p.depts[i]
		y.personnelBudget = max(perMille(perMille(60000, d.scale), between(r, 800, 1250)), 100)
		y.personnelActual = perMille(y.personnelBudget, between(r, 930, 1020))
		y.publicBudget = max(perMille(y.personnelBudget, between(r, 60, 150)), 10)
		if chance(r, 800) {
			y.publicActual = perMille(y.publicBudget, between(r, 850, 1000))
		} else {
			y.publicActual = perMille(y.publicBudget, between(r, 1001, 1050))
		}
		y.threeBudget = max(perMille(y.publicBudget, between(r, 50, 200)), 1)
		if chance(r, 850) {
			y.threeActual = perMille(y.threeBudget, between(r, 500, 1000))
		} else {
			y.threeActual = perMille(y.threeBudget, between(r, 1001, 1050))
		}
		for _, pr := range p.projects[y.firstProject : y.firstProject+y.projects] {
			y.projectBudget += pr.budget
			y.projectActual += pr.executed
		}
		y.carryoverStart = perMille(y.totalBudget(), between(r, 0, 60))
		if chance(r, 850) {
			y.carryoverEnd = perMille(y.totalActual(), between(r, 0, 90))
		} else {
			y.carryoverEnd = perMille(y.totalActual(), between(r, 101, 200))
		}
		y.assetsTotal = max(perMille(perMille(80000, d.scale), between(r, 500, 2000)), 100)
		if chance(r, 850) {
			y.assetsInUse = perMille(y.assetsTotal, between(r, 950, 1000))
		} else {
			y.assetsInUse = perMille(y.assetsTotal, between(r, 750, 949))
		}
		y.goal = fmt.Sprintf("%d年度，%s围绕%s，统筹安排预算资金%s万元，全面完成年度重点工作任务，"+
			"预算执行率不低于95%%，各项绩效指标达到年初设定目标。",
			p.cfg.Year, d.name, pick(r, keyTaskTitles), money(y.totalBudget()))
	}
}

// drawStatus spreads statuses 20 % draft, 25 % submitted, 30 % approved, 25 % published.
func drawStatus(r *rand.Rand) evaluation.Status {
	switch x := r.IntN(100); {
	case x < 20:
		return evaluation.StatusDRAFT
	case x < 45:
		return evaluation.StatusSUBMITTED
	case x < 75:
		return evaluation.StatusAPPROVED
	default:
		return evaluation.StatusPUBLISHED
	}
}

// statuses sets each evaluation's status; a project mostly follows its department-year.
func (p *plan) statuses() {
	r := newRand(p.cfg.Seed, streamStatus)
	for i := range p.years {
		p.years[i].status = drawStatus(r)
	}
	for i := range p.projects {
		if chance(r, 800) {
			p.projects[i].status = p.years[p.projects[i].year].status
		} else {
			p.projects[i].status = drawStatus(r)
		}
	}
}

// allocate splits total (≥ len(prefs)) into len(prefs) positive parts roughly in
// proportion to prefs, exactly summing to total.
func allocate(total int, prefs []int) []int {
	sum := 0
	for _, v := range prefs {
		sum += v
	}
	out := make([]int, len(prefs))
	got := 0
	for i, v := range prefs {
		out[i] = max(1, total*v/sum)
		got += out[i]
	}
	for i := 0; got < total; i = (i + 1) % len(out) {
		out[i]++
		got++
	}
	for i := 0; got > total; i = (i + 1) % len(out) {
		if out[i] > 1 {
			out[i]--
			got--
		}
	}
	return out
}

// choose draws k templates from pool without repeating one until all have been used,
// in pool order (so grouped by level 2); repeats get a numbered name.
func choose(r *rand.Rand, pool []tmpl, k int) []tmpl {
	type slot struct{ idx, rep int }
	slots := make([]slot, 0, k)
	perm := r.Perm(len(pool))
	for j := range k {
		slots = append(slots, slot{perm[j%len(pool)], j / len(pool)})
	}
	slices.SortFunc(slots, func(a, b slot) int {
		if a.idx != b.idx {
			return a.idx - b.idx
		}
		return a.rep - b.rep
	})
	out := make([]tmpl, k)
	for j, s := range slots {
		out[j] = pool[s.idx]
		if s.rep > 0 {
			out[j].name = fmt.Sprintf("%s（%d）", out[j].name, s.rep+1)
		}
	}
	return out
}
