package kept_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/ruleset"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
)

// world is what the random changes pick from; it is re-read before every step.
type world struct {
	departments []*ent.Department
	years       []*ent.DepartmentYear
	projects    []*ent.Project
	indicators  []*ent.Indicator
	evaluations []*ent.Evaluation
}

func look(ctx context.Context, c *ent.Client) (w world, err error) {
	if w.departments, err = c.Department.Query().Order(department.ByID()).All(ctx); err != nil {
		return
	}
	if w.years, err = c.DepartmentYear.Query().All(ctx); err != nil {
		return
	}
	if w.projects, err = c.Project.Query().All(ctx); err != nil {
		return
	}
	if w.indicators, err = c.Indicator.Query().All(ctx); err != nil {
		return
	}
	w.evaluations, err = c.Evaluation.Query().All(ctx)
	return
}

// change is one kind of mutation; it returns errSkip when the world offers nothing to do it on.
type change struct {
	name string
	do   func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error
}

var errSkip = errors.New("nothing to change")

// errAbort is returned by a change that rolls back after its writes succeeded.
var errAbort = errors.New("rolled back on purpose")

func pick[T any](r *rand.Rand, xs []T) (T, error) {
	var zero T
	if len(xs) == 0 {
		return zero, errSkip
	}
	return xs[r.IntN(len(xs))], nil
}

// amount is a random figure in 万元 with up to 6 places; zero one time in eight.
func amount(r *rand.Rand, max int64) fixed.Decimal {
	if r.IntN(8) == 0 {
		return 0
	}
	return fixed.Decimal(r.Int64N(max * 1_000_000))
}

// indicatorValues fills an indicator's inputs at random: usually valid, sometimes
// refused by the rules (a bound project indicator, a rated score outside its band).
func indicatorValues(r *rand.Rand, m *ent.IndicatorMutation, project bool) {
	weight := fixed.Decimal(1+r.Int64N(30)) * 1_000_000
	m.SetWeight(weight)
	if r.IntN(3) == 0 {
		m.SetKind(indicator.KindQUALITATIVE)
		m.ClearOperator()
		m.ClearTarget()
		m.ClearActual()
		m.ClearBinding()
		ratings := []indicator.Rating{indicator.RatingACHIEVED, indicator.RatingPARTIAL, indicator.RatingNOT_ACHIEVED}
		m.SetRating(ratings[r.IntN(3)])
		m.SetRatedScore(fixed.Decimal(r.Int64N(int64(weight) + 1)))
		return
	}
	m.SetKind(indicator.KindQUANTITATIVE)
	m.ClearRating()
	m.ClearRatedScore()
	ops := []indicator.Operator{indicator.OperatorAtLeast, indicator.OperatorAbove, indicator.OperatorEqual, indicator.OperatorAtMost, indicator.OperatorBelow}
	m.SetOperator(ops[r.IntN(len(ops))])
	m.SetTarget(amount(r, 200))
	if !project && r.IntN(4) == 0 {
		bindings := []indicator.Binding{indicator.BindingEXECUTION_RATE, indicator.BindingCARRYOVER_RATE,
			indicator.BindingASSET_UTILIZATION, indicator.BindingPUBLIC_FUNDS_CONTROL, indicator.BindingTHREE_PUBLIC_CONTROL}
		m.SetBinding(bindings[r.IntN(len(bindings))])
		m.ClearActual()
		return
	}
	m.ClearBinding()
	if r.IntN(6) == 0 {
		m.ClearActual()
	} else {
		m.SetActual(amount(r, 300))
	}
}

func yearFigures(r *rand.Rand, u *ent.DepartmentYearUpdateOne) {
	setters := []func(fixed.Decimal) *ent.DepartmentYearUpdateOne{
		u.SetPersonnelBudget, u.SetPersonnelActual, u.SetPublicBudget, u.SetPublicActual,
		u.SetProjectBudget, u.SetProjectActual, u.SetCarryoverEnd, u.SetThreePublicBudget,
		u.SetThreePublicActual, u.SetAssetsInUse, u.SetAssetsTotal,
	}
	for _, i := range r.Perm(len(setters))[:1+r.IntN(4)] {
		setters[i](amount(r, 5000))
	}
}

var changes = []change{
	{"create indicator", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		dy, err := pick(r, w.years)
		if err != nil {
			return err
		}
		c := tx.Indicator.Create().SetDepartmentYearID(dy.ID).SetLevel1("产出指标").SetLevel2("数量指标").SetName(fmt.Sprint("指标", r.IntN(1000)))
		var project bool
		if ps := projectsOf(w, dy.ID); len(ps) > 0 && r.IntN(2) == 0 {
			c.SetProjectID(ps[r.IntN(len(ps))].ID)
			project = true
		}
		indicatorValues(r, c.Mutation(), project)
		return c.Exec(ctx)
	}},
	{"create indicators in bulk", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		dy, err := pick(r, w.years)
		if err != nil {
			return err
		}
		var bs []*ent.IndicatorCreate
		for i := range 1 + r.IntN(5) {
			c := tx.Indicator.Create().SetDepartmentYearID(dy.ID).SetLevel1("效益指标").SetLevel2("社会效益").SetName(fmt.Sprint("批量", i))
			indicatorValues(r, c.Mutation(), false)
			bs = append(bs, c)
		}
		return tx.Indicator.CreateBulk(bs...).Exec(ctx)
	}},
	{"update indicator", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ind, err := pick(r, w.indicators)
		if err != nil {
			return err
		}
		u := tx.Indicator.UpdateOneID(ind.ID)
		switch r.IntN(4) {
		case 0: // a new actual only, the commonest edit
			if ind.Kind == indicator.KindQUANTITATIVE && ind.Binding == nil {
				u.SetActual(amount(r, 300))
			} else {
				u.SetName("改名")
			}
		case 1:
			u.SetWeight(fixed.Decimal(1+r.Int64N(30)) * 1_000_000)
		default:
			indicatorValues(r, u.Mutation(), ind.ProjectID != nil)
		}
		return u.Exec(ctx)
	}},
	{"delete indicator", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ind, err := pick(r, w.indicators)
		if err != nil {
			return err
		}
		return tx.Indicator.DeleteOneID(ind.ID).Exec(ctx)
	}},
	{"update year figures", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		dy, err := pick(r, w.years)
		if err != nil {
			return err
		}
		u := tx.DepartmentYear.UpdateOneID(dy.ID)
		yearFigures(r, u)
		return u.Exec(ctx)
	}},
	{"create project", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		dy, err := pick(r, w.years)
		if err != nil {
			return err
		}
		return tx.Project.Create().SetDepartmentYearID(dy.ID).SetName("项目").
			SetBudget(amount(r, 800)).SetExecuted(amount(r, 900)).Exec(ctx)
	}},
	{"update project", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		p, err := pick(r, w.projects)
		if err != nil {
			return err
		}
		u := tx.Project.UpdateOneID(p.ID)
		if r.IntN(2) == 0 {
			u.SetBudget(amount(r, 800))
		}
		return u.SetExecuted(amount(r, 900)).Exec(ctx)
	}},
	{"delete project", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		p, err := pick(r, w.projects)
		if err != nil {
			return err
		}
		return tx.Project.DeleteOneID(p.ID).Exec(ctx) // refused while it has indicators or an evaluation
	}},
	{"create evaluation", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		dy, err := pick(r, w.years)
		if err != nil {
			return err
		}
		c := tx.Evaluation.Create().SetDepartmentYearID(dy.ID)
		if ps := projectsOf(w, dy.ID); len(ps) > 0 && r.IntN(2) == 0 {
			c.SetProjectID(ps[r.IntN(len(ps))].ID)
		}
		return c.Exec(ctx) // refused when the subject has one
	}},
	{"update evaluation", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ev, err := pick(r, w.evaluations)
		if err != nil {
			return err
		}
		return tx.Evaluation.UpdateOneID(ev.ID).SetConclusion("结论").Exec(ctx)
	}},
	{"delete evaluation", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ev, err := pick(r, w.evaluations)
		if err != nil {
			return err
		}
		return tx.Evaluation.DeleteOneID(ev.ID).Exec(ctx)
	}},
	{"move department", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		d, err := pick(r, w.departments[1:])
		if err != nil {
			return err
		}
		parent, err := pick(r, w.departments)
		if err != nil {
			return err
		}
		return tx.Department.UpdateOneID(d.ID).SetParentID(parent.ID).Exec(ctx) // refused when it would loop
	}},
	{"make a rule-set version", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		c := tx.RuleSet.Create().SetYear([]int{2023, 2024}[r.IntN(2)]).SetName("规则")
		if d, err := pick(r, w.departments); err == nil && r.IntN(3) > 0 {
			c.SetRegionID(d.ID)
		}
		ruleParameters(r, c)
		return c.Exec(ctx) // refused when its bands are out of order
	}},
	{"take a workflow step", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ev, err := pick(r, w.evaluations)
		if err != nil {
			return err
		}
		// Into review and back out, so that rules frozen at one step are let go
		// of at another, often after rule sets changed in between.
		var statuses []evaluation.Status
		switch ev.Status {
		case evaluation.StatusSUBMITTED, evaluation.StatusAPPROVED, evaluation.StatusPUBLISHED:
			statuses = []evaluation.Status{evaluation.StatusRETURNED, evaluation.StatusRETURNED, evaluation.StatusDRAFT,
				evaluation.StatusAPPROVED, evaluation.StatusPUBLISHED}
		default:
			statuses = []evaluation.Status{evaluation.StatusSUBMITTED, evaluation.StatusSUBMITTED, evaluation.StatusPUBLISHED,
				evaluation.StatusDRAFT}
		}
		return tx.Evaluation.UpdateOneID(ev.ID).SetStatus(statuses[r.IntN(len(statuses))]).Exec(ctx)
	}},
	{"set a kept value by hand", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ind, err := pick(r, w.indicators)
		if err != nil {
			return err
		}
		return tx.Indicator.UpdateOneID(ind.ID).SetScore(fixed.MustParse("99")).Exec(ctx) // always refused
	}},
	{"change, then roll back", func(ctx context.Context, tx *ent.Client, w world, r *rand.Rand) error {
		ind, err := pick(r, w.indicators)
		if err != nil {
			return err
		}
		u := tx.Indicator.UpdateOneID(ind.ID)
		indicatorValues(r, u.Mutation(), ind.ProjectID != nil)
		if err := u.Exec(ctx); err != nil {
			return err
		}
		return errAbort
	}},
}

// ruleParameters gives a rule set random parameters, one time in eight with its
// grade bands out of order (refused).
func ruleParameters(r *rand.Rand, c *ent.RuleSetCreate) {
	n := func(v int) fixed.Decimal { return fixed.FromInt(int64(v)) }
	exec := 5 + r.IntN(16)
	fair := 50 + r.IntN(15)
	good := fair + 5 + r.IntN(10)
	excellent := good + 5 + r.IntN(6)
	if r.IntN(8) == 0 {
		good = excellent
	}
	partial := 50 + r.IntN(15)
	c.SetReverseRule([]ruleset.ReverseRule{ruleset.ReverseRuleLINEAR, ruleset.ReverseRuleRATIO}[r.IntN(2)]).
		SetEqualLikeAtLeast(r.IntN(2) == 0).
		SetDeviationBelow(n(80 + r.IntN(21))).SetDeviationAtOrAbove(n(110 + r.IntN(60))).
		SetExecutionExplanationBelow(n(80 + r.IntN(15))).
		SetExecutionWeight(n(exec)).SetOutputWeight(n(60 - exec)).SetBenefitWeight(n(30)).SetSatisfactionWeight(n(10)).
		SetCheckWeightSplit(r.IntN(2) == 0).
		SetExcellentFrom(n(excellent)).SetGoodFrom(n(good)).SetFairFrom(n(fair)).
		SetAchievedFrom(n(partial + 5 + r.IntN(20))).SetPartialFrom(n(partial))
}

func projectsOf(w world, dyID int) []*ent.Project {
	var out []*ent.Project
	for _, p := range w.projects {
		if p.DepartmentYearID == dyID {
			out = append(out, p)
		}
	}
	return out
}

// TestKeptValuesStayTrue applies random sequences of every kind of change, each in
// its own transaction as the API runs them, refused ones and rolled-back ones
// included, and after every step requires Check to find each kept value equal to a
// full recomputation from the stored figures under the rules that score it: new
// rule-set versions (everywhere and by region), workflow steps that freeze and
// let go of an evaluation's rules, departments moved between regions.
func TestKeptValuesStayTrue(t *testing.T) {
	const steps = 250
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		ctx := access.System(context.Background(), "test")
		seedWorld(t, ctx, c)
		r := rand.New(rand.NewPCG(9, 2026))
		done := map[string]int{}
		for step := range steps {
			w, err := look(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			ch := changes[r.IntN(len(changes))]
			tx, err := c.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			err = ch.do(ctx, tx.Client(), w, r)
			if err == nil {
				if err := tx.Commit(); err != nil {
					t.Fatalf("step %d (%s): commit: %v", step, ch.name, err)
				}
				done[ch.name]++
			} else if rerr := tx.Rollback(); rerr != nil {
				t.Fatalf("step %d (%s): rollback: %v", step, ch.name, rerr)
			}
			if _, err := kept.Check(ctx, c, false, func(d kept.Difference) {
				t.Errorf("step %d, after %s (err %v): %s", step, ch.name, err, d)
			}); err != nil {
				t.Fatal(err)
			}
			if t.Failed() {
				t.FailNow()
			}
		}
		// Each kind that can succeed must have, or the sequence proved little.
		for _, ch := range changes {
			if n := done[ch.name]; n == 0 && !slices.Contains([]string{"set a kept value by hand", "change, then roll back", "delete project"}, ch.name) {
				t.Errorf("%q never succeeded in %d steps", ch.name, steps)
			}
		}
		if done["set a kept value by hand"] > 0 {
			t.Errorf("a kept value was set by hand %d times", done["set a kept value by hand"])
		}
		t.Logf("changes applied: %v", done)
	})
}

// seedWorld builds a tree of four departments with two years each, figures, a project
// per year and both kinds of evaluation.
func seedWorld(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 1))
	root := c.Department.Create().SetCode("R").SetName("区").SaveX(ctx)
	parents := []*ent.Department{root}
	for i := range 3 {
		d := c.Department.Create().SetCode(fmt.Sprint("D", i)).SetName(fmt.Sprint("部门", i)).SetParent(parents[r.IntN(len(parents))]).SaveX(ctx)
		parents = append(parents, d)
	}
	for _, d := range parents {
		for _, year := range []int{2023, 2024} {
			dy := c.DepartmentYear.Create().SetDepartment(d).SetYear(year).
				SetPersonnelBudget(amount(r, 900)).SetPersonnelActual(amount(r, 900)).
				SetProjectBudget(amount(r, 900)).SetProjectActual(amount(r, 900)).
				SetCarryoverEnd(amount(r, 50)).SetAssetsInUse(amount(r, 90)).SetAssetsTotal(amount(r, 100)).SaveX(ctx)
			p := c.Project.Create().SetDepartmentYear(dy).SetName("项目").SetBudget(amount(r, 500)).SetExecuted(amount(r, 500)).SaveX(ctx)
			c.Evaluation.Create().SetDepartmentYear(dy).SetStatus(evaluation.StatusDRAFT).ExecX(ctx)
			c.Evaluation.Create().SetDepartmentYear(dy).SetProject(p).ExecX(ctx)
		}
	}
}

// TestKeptUnderConcurrentChanges runs writers at once on the rows of one
// department-year, as system jobs (so that only kept's own locks order them, not the
// API's write rules), and requires every kept value to be true afterwards. On
// PostgreSQL two writers each computing the evaluation's total from the other's
// old score would leave it wrong; a writer the database aborts (a deadlock) changes
// nothing, so it may fail but not corrupt.
func TestKeptUnderConcurrentChanges(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		ctx := access.System(context.Background(), "test")
		seedWorld(t, ctx, c)
		dy := c.DepartmentYear.Query().FirstX(ctx)
		var inds []*ent.Indicator
		for i := range 6 {
			inds = append(inds, c.Indicator.Create().SetDepartmentYearID(dy.ID).SetLevel1("产出指标").SetLevel2("数量指标").
				SetName(fmt.Sprint("并发", i)).SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).
				SetTarget(fixed.FromInt(100)).SetWeight(fixed.FromInt(10)).SetActual(fixed.FromInt(50)).SaveX(ctx))
		}
		c.Indicator.Create().SetDepartmentYearID(dy.ID).SetLevel1("产出指标").SetLevel2("数量指标").SetName("绑定").
			SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).SetTarget(fixed.FromInt(95)).
			SetWeight(fixed.FromInt(10)).SetBinding(indicator.BindingEXECUTION_RATE).ExecX(ctx)

		const writers, rounds = 4, 15
		errs := make(chan error, writers*rounds)
		done := make(chan struct{})
		for w := range writers {
			go func() {
				defer func() { done <- struct{}{} }()
				r := rand.New(rand.NewPCG(uint64(w), 7))
				for range rounds {
					tx, err := c.Tx(ctx)
					if err != nil {
						errs <- err
						return
					}
					if w == 0 {
						err = tx.DepartmentYear.UpdateOneID(dy.ID).SetProjectActual(amount(r, 900)).Exec(ctx)
					} else {
						err = tx.Indicator.UpdateOneID(inds[r.IntN(len(inds))].ID).SetActual(amount(r, 120)).Exec(ctx)
					}
					if err == nil {
						err = tx.Commit()
					} else {
						_ = tx.Rollback()
					}
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		for range writers {
			<-done
		}
		close(errs)
		failed := 0
		for err := range errs {
			failed++
			t.Logf("a writer failed (allowed, it changed nothing): %v", err)
		}
		if failed > writers*rounds/2 {
			t.Fatalf("%d of %d changes failed: too few ran to prove anything", failed, writers*rounds)
		}
		if _, err := kept.Check(ctx, c, false, func(d kept.Difference) { t.Error(d) }); err != nil {
			t.Fatal(err)
		}
	})
}
