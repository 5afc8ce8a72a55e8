package kept

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"jixiao/domain/assess"
	"jixiao/domain/scoring"
	"jixiao/domain/workflow"
	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/ruleset"
)

// Which rules score what: a department-year is scored by the latest version of
// the most specific rule set of its year (the set whose region is the department
// or its nearest ancestor), else of the year's set for everywhere, else by the
// built-in rules (scoring.Default). An evaluation that is submitted, approved or
// published keeps the version it was submitted with (Evaluation.rule_set_id, set
// by the schema's hook), and so do its subject's indicators and project.

// Rules are the scoring rules of a subject and where they come from.
type Rules struct {
	scoring.Rules
	// Set is the rule-set version they are; nil for the built-in rules.
	Set *gen.RuleSet
	// Frozen: the subject's evaluation is under review or published and keeps
	// the rules it was submitted with, whatever governs its year now.
	Frozen bool
}

func rulesOf(rs *gen.RuleSet, frozen bool) Rules {
	return Rules{Rules: assess.RulesOf(rs), Set: rs, Frozen: frozen}
}

// Key is a Subject usable as a map key: Project 0 for the overall evaluation.
type Key struct{ Year, Project int }

// Key is s as a map key.
func (s Subject) Key() Key {
	k := Key{Year: s.Year}
	if s.Project != nil {
		k.Project = *s.Project
	}
	return k
}

// book resolves the rules of many department-years and subjects from a few reads.
type book struct {
	latest  map[int][]*gen.RuleSet // by year: the latest version of each of its sets
	byID    map[int]*gen.RuleSet   // the versions locked evaluations keep
	lineage map[int][]int          // by department id: itself, then its ancestors, nearest first
	years   map[int]yearRef        // by department-year id
	locked  map[Key]*int           // subjects whose evaluation is locked: the version it keeps (nil: built-in)
}

type yearRef struct{ year, department int }

// loadBook reads what the rules of years (each with its year and department) and
// of the subjects of evs need: the departments' ancestors, the rule sets of those
// years, the versions the locked evaluations keep. Three queries at most.
func loadBook(ctx context.Context, c *gen.Client, years []*gen.DepartmentYear, evs []*gen.Evaluation) (*book, error) {
	b := &book{latest: map[int][]*gen.RuleSet{}, byID: map[int]*gen.RuleSet{}, lineage: map[int][]int{},
		years: map[int]yearRef{}, locked: map[Key]*int{}}
	var depts, fiscal []int
	for _, dy := range years {
		b.years[dy.ID] = yearRef{dy.Year, dy.DepartmentID}
		if !slices.Contains(depts, dy.DepartmentID) {
			depts = append(depts, dy.DepartmentID)
		}
		if !slices.Contains(fiscal, dy.Year) {
			fiscal = append(fiscal, dy.Year)
		}
	}
	var kept []int
	for _, ev := range evs {
		if !workflow.Locked(ev.Status) {
			continue
		}
		b.locked[Subject{ev.DepartmentYearID, ev.ProjectID}.Key()] = ev.RuleSetID
		if ev.RuleSetID != nil && !slices.Contains(kept, *ev.RuleSetID) {
			kept = append(kept, *ev.RuleSetID)
		}
	}
	if len(fiscal) > 0 {
		sets, err := c.RuleSet.Query().Where(ruleset.YearIn(fiscal...)).All(ctx)
		if err != nil {
			return nil, err
		}
		b.addLatest(sets)
		// The tree matters only to a region's set.
		if slices.ContainsFunc(sets, func(rs *gen.RuleSet) bool { return rs.RegionID != nil }) {
			rows, err := c.Department.Query().Where(department.IDIn(depts...)).
				Select(department.FieldID, department.FieldPath).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, d := range rows {
				b.lineage[d.ID] = lineage(d.ID, d.Path)
			}
		}
	}
	var missing []int
	for _, id := range kept {
		if b.byID[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		sets, err := c.RuleSet.Query().Where(ruleset.IDIn(missing...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, rs := range sets {
			b.byID[rs.ID] = rs
		}
	}
	return b, nil
}

// addLatest keeps the latest version of each set among sets.
func (b *book) addLatest(sets []*gen.RuleSet) {
	for _, rs := range sets {
		b.byID[rs.ID] = rs
		list := b.latest[rs.Year]
		i := slices.IndexFunc(list, func(o *gen.RuleSet) bool { return sameRegion(o.RegionID, rs.RegionID) })
		switch {
		case i < 0:
			b.latest[rs.Year] = append(list, rs)
		case list[i].Version < rs.Version:
			list[i] = rs
		}
	}
}

func sameRegion(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// lineage is department id and its ancestors, nearest first, from its path ("/1/5/").
func lineage(id int, path string) []int {
	out := []int{id}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if n, err := strconv.Atoi(parts[i]); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// governing is the rules department-year dyID is scored by when nothing is frozen.
func (b *book) governing(dyID int) Rules {
	ref, ok := b.years[dyID]
	if !ok {
		return rulesOf(nil, false)
	}
	sets := b.latest[ref.year]
	for _, id := range b.lineage[ref.department] {
		for _, rs := range sets {
			if rs.RegionID != nil && *rs.RegionID == id {
				return rulesOf(rs, false)
			}
		}
	}
	for _, rs := range sets {
		if rs.RegionID == nil {
			return rulesOf(rs, false)
		}
	}
	return rulesOf(nil, false)
}

// of is the rules subject k is scored by: its evaluation's while that is locked.
func (b *book) of(k Key) Rules {
	if id, ok := b.locked[k]; ok {
		if id == nil {
			return rulesOf(nil, true)
		}
		return rulesOf(b.byID[*id], true)
	}
	return b.governing(k.Year)
}

// RulesFor returns the rules subject s is scored by, read through c (inside a
// change, its transaction's client). With a cache in ctx (WithCache) each
// subject's rules are read once per request.
func RulesFor(ctx context.Context, c *gen.Client, s Subject) (Rules, error) {
	ctx = system(ctx)
	cc := cacheOf(ctx)
	if r, ok := cc.subject(s.Key()); ok {
		return r, nil
	}
	q := c.Evaluation.Query().Where(evaluation.DepartmentYearID(s.Year))
	if s.Project != nil {
		q.Where(evaluation.ProjectID(*s.Project))
	} else {
		q.Where(evaluation.ProjectIDIsNil())
	}
	evs, err := q.Select(evaluation.FieldStatus, evaluation.FieldRuleSetID,
		evaluation.FieldDepartmentYearID, evaluation.FieldProjectID).All(ctx)
	if err != nil {
		return Rules{}, err
	}
	var r Rules
	if len(evs) == 1 && workflow.Locked(evs[0].Status) {
		b, err := loadBook(ctx, c, nil, evs)
		if err != nil {
			return Rules{}, err
		}
		r = b.of(s.Key())
	} else if r, err = Governing(ctx, c, s.Year); err != nil {
		return Rules{}, err
	}
	cc.putSubject(s.Key(), r)
	return r, nil
}

// Governing returns the rules that govern department-year dyID now, whatever its
// evaluations keep: the latest version of the most specific rule set of its year.
func Governing(ctx context.Context, c *gen.Client, dyID int) (Rules, error) {
	ctx = system(ctx)
	cc := cacheOf(ctx)
	if r, ok := cc.year(dyID); ok {
		return r, nil
	}
	dy, err := c.DepartmentYear.Query().Where(departmentyear.ID(dyID)).
		Select(departmentyear.FieldYear, departmentyear.FieldDepartmentID).Only(ctx)
	if err != nil {
		return Rules{}, err
	}
	b, err := loadBook(ctx, c, []*gen.DepartmentYear{dy}, nil)
	if err != nil {
		return Rules{}, err
	}
	r := b.governing(dyID)
	cc.putYear(dyID, r)
	return r, nil
}

// RulesOfEvaluation returns the rules that score ev, whose department-year dy
// the caller has read: one query, two when a region's set is in its year.
func RulesOfEvaluation(ctx context.Context, c *gen.Client, ev *gen.Evaluation, dy *gen.DepartmentYear) (Rules, error) {
	b, err := loadBook(system(ctx), c, []*gen.DepartmentYear{dy}, []*gen.Evaluation{ev})
	if err != nil {
		return Rules{}, err
	}
	return b.of(Subject{ev.DepartmentYearID, ev.ProjectID}.Key()), nil
}

// YearRules are the rules of one department-year: those that govern it, and the
// versions of its year's sets that an evaluation of it may keep (a frozen
// version is one of its year's, as it governed the year when it was frozen).
type YearRules struct {
	governing Rules
	sets      map[int]*gen.RuleSet
}

// Governing is the rules that score the year's subjects whose evaluation keeps none.
func (y YearRules) Governing() Rules { return y.governing }

// Of is the rules that score the subject of ev (nil: a subject without an
// evaluation): the version ev keeps while it is locked, else the governing rules.
func (y YearRules) Of(ev *gen.Evaluation) Rules {
	if ev == nil || !workflow.Locked(ev.Status) {
		return y.governing
	}
	if ev.RuleSetID == nil {
		return rulesOf(nil, true)
	}
	return rulesOf(y.sets[*ev.RuleSetID], true)
}

// YearRulesAll returns the rules of department-years ids at once (for the API's
// batched reads): two queries whatever their number, three when a region's set
// is among their years'. A year that does not exist has the built-in rules.
func YearRulesAll(ctx context.Context, c *gen.Client, ids []int) (map[int]YearRules, error) {
	ctx = system(ctx)
	years, err := c.DepartmentYear.Query().Where(departmentyear.IDIn(ids...)).
		Select(departmentyear.FieldYear, departmentyear.FieldDepartmentID).All(ctx)
	if err != nil {
		return nil, err
	}
	b, err := loadBook(ctx, c, years, nil)
	if err != nil {
		return nil, err
	}
	out := make(map[int]YearRules, len(ids))
	for _, id := range ids {
		y := YearRules{governing: b.governing(id), sets: map[int]*gen.RuleSet{}}
		if ref, ok := b.years[id]; ok {
			for _, rs := range b.byID {
				if rs.Year == ref.year {
					y.sets[rs.ID] = rs
				}
			}
		}
		out[id] = y
	}
	return out, nil
}

// cache holds the rules read during one request (one transaction), so that a
// change of many indicators reads them once. Changes that move rules (a new
// rule-set version, a workflow step, a department moved, an evaluation created
// or deleted) clear it (Forget).
type cache struct {
	mu       sync.Mutex
	years    map[int]Rules
	subjects map[Key]Rules
}

type cacheKey struct{}

// WithCache returns ctx with an empty rules cache: for one request or one load,
// whose transaction changes rules only through the hooks that call Forget.
func WithCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, cacheKey{}, &cache{})
}

// cacheOf is ctx's cache; nil (which caches nothing) without one.
func cacheOf(ctx context.Context) *cache { c, _ := ctx.Value(cacheKey{}).(*cache); return c }

// Forget empties ctx's rules cache: the change in progress moves some rules.
func Forget(ctx context.Context) {
	if c := cacheOf(ctx); c != nil {
		c.mu.Lock()
		c.years, c.subjects = nil, nil
		c.mu.Unlock()
	}
}

func (c *cache) year(id int) (Rules, bool) {
	if c == nil {
		return Rules{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.years[id]
	return r, ok
}

func (c *cache) putYear(id int, r Rules) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.years == nil {
		c.years = map[int]Rules{}
	}
	c.years[id] = r
}

func (c *cache) subject(k Key) (Rules, bool) {
	if c == nil {
		return Rules{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.subjects[k]
	return r, ok
}

func (c *cache) putSubject(k Key, r Rules) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.subjects == nil {
		c.subjects = map[Key]Rules{}
	}
	c.subjects[k] = r
}
