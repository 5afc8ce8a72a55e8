package citygen

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/evaluation"
)

// batchSize rows go into one INSERT. The widest table (indicators) has 18 columns, so a
// batch binds at most 18,000 variables: below SQLite's limit of 32,766 (and PostgreSQL's
// 65,535).
const batchSize = 1000

// txRows is how many indicator rows one transaction writes.
const txRows = 50_000

func inTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return err
	}
	return tx.Commit()
}

// inBatches calls fn for consecutive ranges [lo, hi) of at most batchSize out of n.
func inBatches(n int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += batchSize {
		if err := fn(lo, min(lo+batchSize, n)); err != nil {
			return err
		}
	}
	return nil
}

func (p *plan) write(ctx context.Context, client *ent.Client) error {
	steps := []struct {
		name string
		fn   func(context.Context, *ent.Client) error
	}{
		{"departments", p.writeDepartments},
		{"department-years", p.writeYears},
		{"projects", p.writeProjects},
		{"evaluations", p.writeEvaluations},
		{"indicators", p.writeIndicators},
	}
	for _, s := range steps {
		if err := s.fn(ctx, client); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// writeDepartments inserts the tree level by level, so that each level knows its
// parents' ids and paths, and reads the ids back by code.
func (p *plan) writeDepartments(ctx context.Context, client *ent.Client) error {
	return inTx(ctx, client, func(tx *ent.Tx) error {
		for lo := 0; lo < len(p.depts); {
			hi := lo
			for hi < len(p.depts) && p.depts[hi].level == p.depts[lo].level {
				hi++
			}
			level := p.depts[lo:hi]
			for i := range level {
				d := &level[i]
				d.path = "/"
				if d.parent >= 0 {
					par := &p.depts[d.parent]
					d.path = par.path + strconv.Itoa(par.id) + "/"
				}
			}
			err := inBatches(len(level), func(a, b int) error {
				bs := make([]*ent.DepartmentCreate, 0, b-a)
				for _, d := range level[a:b] {
					c := tx.Department.Create().
						SetCode(d.code).SetName(d.name).SetFunctions(d.functions).SetPath(d.path).
						SetCreatedAt(p.at).SetUpdatedAt(p.at)
					if d.parent >= 0 {
						c.SetParentID(p.depts[d.parent].id)
					}
					bs = append(bs, c)
				}
				return tx.Department.CreateBulk(bs...).Exec(ctx)
			})
			if err != nil {
				return err
			}
			rows, err := tx.Department.Query().Select("id", "code").All(ctx)
			if err != nil {
				return err
			}
			ids := make(map[string]int, len(rows))
			for _, row := range rows {
				ids[row.Code] = row.ID
			}
			for i := range level {
				id, ok := ids[level[i].code]
				if !ok {
					return fmt.Errorf("department %s not found after insert", level[i].code)
				}
				level[i].id = id
			}
			lo = hi
		}
		return nil
	})
}

// writeYears inserts the department-years, reads their ids back, then their months and
// key tasks.
func (p *plan) writeYears(ctx context.Context, client *ent.Client) error {
	r := newRand(p.cfg.Seed, streamTexts)
	return inTx(ctx, client, func(tx *ent.Tx) error {
		err := inBatches(len(p.years), func(a, b int) error {
			bs := make([]*ent.DepartmentYearCreate, 0, b-a)
			for i := a; i < b; i++ {
				y := &p.years[i]
				bs = append(bs, tx.DepartmentYear.Create().
					SetDepartmentID(p.depts[i].id).SetYear(p.cfg.Year).
					SetPersonnelBudget(money(y.personnelBudget)).SetPersonnelActual(money(y.personnelActual)).
					SetPublicBudget(money(y.publicBudget)).SetPublicActual(money(y.publicActual)).
					SetProjectBudget(money(y.projectBudget)).SetProjectActual(money(y.projectActual)).
					SetCarryoverStart(money(y.carryoverStart)).SetCarryoverEnd(money(y.carryoverEnd)).
					SetThreePublicBudget(money(y.threeBudget)).SetThreePublicActual(money(y.threeActual)).
					SetAssetsInUse(money(y.assetsInUse)).SetAssetsTotal(money(y.assetsTotal)).
					SetGoal(y.goal).SetCreatedAt(p.at).SetUpdatedAt(p.at))
			}
			return tx.DepartmentYear.CreateBulk(bs...).Exec(ctx)
		})
		if err != nil {
			return err
		}
		rows, err := tx.DepartmentYear.Query().Select("id", "department_id").All(ctx)
		if err != nil {
			return err
		}
		ids := make(map[int]int, len(rows))
		for _, row := range rows {
			ids[row.DepartmentID] = row.ID
		}
		for i := range p.years {
			id, ok := ids[p.depts[i].id]
			if !ok {
				return fmt.Errorf("department-year of %s not found after insert", p.depts[i].code)
			}
			p.years[i].id = id
		}

		// Twelve cumulative months each: a spending profile per department (even,
		// back-loaded or front-loaded), ending at the year's actual spending.
		months := make([]*ent.MonthlyExecutionCreate, 0, batchSize)
		flush := func(force bool) error {
			if len(months) == 0 || !force && len(months)+12 <= batchSize {
				return nil
			}
			err := tx.MonthlyExecution.CreateBulk(months...).Exec(ctx)
			months = months[:0]
			return err
		}
		for i := range p.years {
			y := &p.years[i]
			var cum [12]int64
			profile := r.IntN(10)
			for m := range 12 {
				w := between(r, 60, 140)
				switch {
				case profile < 3: // back-loaded: the year-end rush
					w = between(r, 40, 100) + int64(m)*10
					if m == 11 {
						w += 200
					}
				case profile == 9: // front-loaded
					w = between(r, 100, 160) - int64(m)*6
				}
				cum[m] = w
				if m > 0 {
					cum[m] += cum[m-1]
				}
			}
			total := y.totalActual()
			for m := range 12 {
				months = append(months, tx.MonthlyExecution.Create().
					SetDepartmentYearID(y.id).SetMonth(m+1).
					SetCumulativeExecuted(money(total*cum[m]/cum[11])).
					SetTargetPercent(fixed.FromInt(monthTargets[m])))
			}
			if err := flush(false); err != nil {
				return err
			}
		}
		if err := flush(true); err != nil {
			return err
		}

		// Two to four key tasks each: at most batchSize rows per 250 department-years.
		for a := 0; a < len(p.years); a += batchSize / 4 {
			var bs []*ent.KeyTaskCreate
			for i := a; i < min(a+batchSize/4, len(p.years)); i++ {
				perm := r.Perm(len(keyTaskTitles))
				for k := range int(between(r, 2, 4)) {
					title := keyTaskTitles[perm[k]]
					outcome := "已按计划全面完成。"
					if chance(r, 200) {
						outcome = "基本完成，部分事项结转下一年度继续推进。"
					}
					bs = append(bs, tx.KeyTask.Create().
						SetDepartmentYearID(p.years[i].id).SetPosition(k+1).SetTitle(title).
						SetContent("围绕"+title+"，制定实施方案，明确责任分工，按计划推进落实。").
						SetOutcome(outcome))
				}
			}
			if err := tx.KeyTask.CreateBulk(bs...).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

func (p *plan) writeProjects(ctx context.Context, client *ent.Client) error {
	return inTx(ctx, client, func(tx *ent.Tx) error {
		err := inBatches(len(p.projects), func(a, b int) error {
			bs := make([]*ent.ProjectCreate, 0, b-a)
			for _, pr := range p.projects[a:b] {
				bs = append(bs, tx.Project.Create().
					SetDepartmentYearID(p.years[pr.year].id).
					SetCode(pr.code).SetName(pr.name).SetCategory(pr.category).
					SetBudget(money(pr.budget)).SetExecuted(money(pr.executed)).
					SetGoal(pr.goal).SetCreatedAt(p.at).SetUpdatedAt(p.at))
			}
			return tx.Project.CreateBulk(bs...).Exec(ctx)
		})
		if err != nil {
			return err
		}
		rows, err := tx.Project.Query().Select("id", "code").All(ctx)
		if err != nil {
			return err
		}
		ids := make(map[string]int, len(rows))
		for _, row := range rows {
			ids[row.Code] = row.ID
		}
		for i := range p.projects {
			id, ok := ids[p.projects[i].code]
			if !ok {
				return fmt.Errorf("project %s not found after insert", p.projects[i].code)
			}
			p.projects[i].id = id
		}
		return nil
	})
}

// writeEvaluations inserts one overall evaluation per department-year, then one per project.
func (p *plan) writeEvaluations(ctx context.Context, client *ent.Client) error {
	r := newRand(p.cfg.Seed, streamTexts+100)
	eval := func(tx *ent.Tx, dyID int, projectID *int, status evaluation.Status) *ent.EvaluationCreate {
		c := tx.Evaluation.Create().SetDepartmentYearID(dyID).SetNillableProjectID(projectID).
			SetStatus(status).SetCreatedAt(p.at).SetUpdatedAt(p.at)
		if status == evaluation.StatusDRAFT && chance(r, 500) {
			return c // nothing written yet
		}
		k := r.IntN(len(problems))
		c.SetConclusion(fmt.Sprintf(pick(r, conclusions), p.cfg.Year)).
			SetProblems(problems[k]).SetImprovements(improvements[k])
		if status != evaluation.StatusDRAFT {
			at := p.at.Add(time.Duration(between(r, 30*24, 100*24)) * time.Hour).
				Add(time.Duration(r.IntN(3600)) * time.Second)
			c.SetSubmittedAt(at).SetUpdatedAt(at)
		}
		return c
	}
	return inTx(ctx, client, func(tx *ent.Tx) error {
		err := inBatches(len(p.years), func(a, b int) error {
			bs := make([]*ent.EvaluationCreate, 0, b-a)
			for i := a; i < b; i++ {
				bs = append(bs, eval(tx, p.years[i].id, nil, p.years[i].status))
			}
			return tx.Evaluation.CreateBulk(bs...).Exec(ctx)
		})
		if err != nil {
			return err
		}
		return inBatches(len(p.projects), func(a, b int) error {
			bs := make([]*ent.EvaluationCreate, 0, b-a)
			for i := a; i < b; i++ {
				pr := &p.projects[i]
				c := eval(tx, p.years[pr.year].id, &pr.id, pr.status)
				if pr.executed*10 < pr.budget*9 && (pr.status != evaluation.StatusDRAFT || chance(r, 500)) {
					c.SetExecutionExplanation(pick(r, executionExplanations))
				}
				bs = append(bs, c)
			}
			return tx.Evaluation.CreateBulk(bs...).Exec(ctx)
		})
	})
}

// indicatorWriter streams indicator rows into batches and transactions.
type indicatorWriter struct {
	ctx    context.Context
	client *ent.Client
	at     time.Time
	tx     *ent.Tx
	buf    []*ent.IndicatorCreate
	inTx   int
}

func (w *indicatorWriter) add(row *indRow, dyID int, projectID *int) error {
	if w.tx == nil {
		tx, err := w.client.Tx(w.ctx)
		if err != nil {
			return err
		}
		w.tx = tx
	}
	w.buf = append(w.buf, row.create(w.tx.Indicator.Create(), dyID, projectID).
		SetCreatedAt(w.at).SetUpdatedAt(w.at))
	if len(w.buf) == batchSize {
		return w.flush(false)
	}
	return nil
}

func (w *indicatorWriter) flush(commit bool) error {
	if len(w.buf) > 0 {
		if err := w.tx.Indicator.CreateBulk(w.buf...).Exec(w.ctx); err != nil {
			return err
		}
		w.inTx += len(w.buf)
		w.buf = w.buf[:0]
	}
	if w.tx != nil && (commit || w.inTx >= txRows) {
		err := w.tx.Commit()
		w.tx, w.inTx = nil, 0
		return err
	}
	return nil
}

func (w *indicatorWriter) abort() {
	if w.tx != nil {
		_ = w.tx.Rollback()
		w.tx = nil
	}
}

// writeIndicators writes each department-year's overall indicators followed by its
// projects' indicators.
func (p *plan) writeIndicators(ctx context.Context, client *ent.Client) error {
	g := &indicatorGen{r: newRand(p.cfg.Seed, streamIndicators), texts: newRand(p.cfg.Seed, streamTexts+200)}
	w := &indicatorWriter{ctx: ctx, client: client, at: p.at, buf: make([]*ent.IndicatorCreate, 0, batchSize)}
	err := func() error {
		for i := range p.years {
			y := &p.years[i]
			rows := g.overall(y, y.overall)
			for j := range rows {
				if err := w.add(&rows[j], y.id, nil); err != nil {
					return err
				}
			}
			for k := y.firstProject; k < y.firstProject+y.projects; k++ {
				pr := &p.projects[k]
				rows := g.project(pr)
				for j := range rows {
					if err := w.add(&rows[j], y.id, &pr.id); err != nil {
						return err
					}
				}
			}
		}
		return w.flush(true)
	}()
	if err != nil {
		w.abort()
	}
	return err
}
