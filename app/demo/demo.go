// Package demo loads the demo data set: the seed report's department-year (南沙区委办公室, 2023)
// with its figures, months, key tasks, overall indicators (SCORING.md §6), projects and evaluations,
// and around it a district of illustrative departments over 2022–2024 (district.go).
// The seed's data are the tables in data.go; this file only writes them.
package demo

import (
	"context"
	"errors"
	"fmt"
	"jixiao/platform/access"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/evaluation"
)

// Load writes the demo data set (the seed report's department-year, and the district's
// departments over 2022–2024 beside it) into client in one transaction. It does nothing
// and returns loaded=false when the database already holds any department.
func Load(ctx context.Context, client *ent.Client) (loaded bool, err error) {
	return load(ctx, client, true)
}

// LoadSeed is Load without the district: the seed's office and its neighbour only, for
// callers (tests) that need the small data set.
func LoadSeed(ctx context.Context, client *ent.Client) (loaded bool, err error) {
	return load(ctx, client, false)
}

// load is Load, with the district's departments beside the seed's or without them.
func load(ctx context.Context, client *ent.Client, withDistrict bool) (loaded bool, err error) {
	// One transaction: the rules of each department-year are read once.
	ctx = kept.WithCache(access.System(ctx, "demo"))
	tx, err := client.Tx(ctx)
	if err != nil {
		return false, fmt.Errorf("demo: begin transaction: %w", err)
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	exists, err := tx.Department.Query().Exist(ctx)
	if err != nil || exists {
		return false, rollback(tx, err)
	}
	if err := write(ctx, tx, withDistrict); err != nil {
		return false, rollback(tx, fmt.Errorf("demo: %w", err))
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("demo: commit: %w", err)
	}
	return true, nil
}

// rollback ends tx and returns err, joined with the rollback's own error if any.
func rollback(tx *ent.Tx, err error) error {
	if rerr := tx.Rollback(); rerr != nil {
		return errors.Join(err, fmt.Errorf("demo: rollback: %w", rerr))
	}
	return err
}

func write(ctx context.Context, tx *ent.Tx, withDistrict bool) error {
	lib, err := writeLibrary(ctx, tx)
	if err != nil {
		return err
	}
	root, err := tx.Department.Create().
		SetCode(district.code).SetName(district.name).SetFunctions(district.functions).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("department %s: %w", district.code, err)
	}
	dep, err := tx.Department.Create().
		SetCode(office.code).SetName(office.name).SetFunctions(office.functions).
		SetParentID(root.ID).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("department %s: %w", office.code, err)
	}

	if err := writeNeighbour(ctx, tx, lib, root.ID); err != nil {
		return err
	}
	dy, err := createYear(ctx, tx, dep.ID, officeYear, officeGoal, func(c *ent.DepartmentYearCreate) {
		c.SetGoalOutcome(officeGoalOutcome).SetBasicInitialBudget(officeBasicInitial).SetProjectInitialBudget(officeProjectInitial)
	})
	if err != nil {
		return err
	}
	if err := createLines(ctx, tx, dy.ID, nil, officeRevenue); err != nil {
		return err
	}

	for _, m := range months {
		executed, err := fixed.Parse(m.executed)
		if err != nil {
			return fmt.Errorf("month %d: %w", m.month, err)
		}
		share, err := fixed.Parse(m.share)
		if err != nil {
			return fmt.Errorf("month %d: %w", m.month, err)
		}
		if err := tx.MonthlyExecution.Create().
			SetDepartmentYearID(dy.ID).SetMonth(m.month).
			SetCumulativeExecuted(executed).SetTargetPercent(share).
			Exec(ctx); err != nil {
			return fmt.Errorf("month %d: %w", m.month, err)
		}
	}

	for i, k := range keyTasks {
		if err := tx.KeyTask.Create().
			SetDepartmentYearID(dy.ID).SetPosition(i + 1).
			SetTitle(k.title).SetContent(k.content).SetOutcome(k.outcome).
			Exec(ctx); err != nil {
			return fmt.Errorf("key task %d: %w", i+1, err)
		}
	}

	if err := createIndicators(ctx, tx, lib, dy.ID, nil, overallIndicators); err != nil {
		return err
	}
	overall, err := tx.Evaluation.Create().
		SetDepartmentYearID(dy.ID).SetStatus(evaluation.StatusDRAFT).
		SetConclusion(overallEvaluation.conclusion).
		SetProblems(overallEvaluation.problems).
		SetImprovements(overallEvaluation.improvements).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("overall evaluation: %w", err)
	}
	if err := writeReportTexts(ctx, tx, overall.ID); err != nil {
		return err
	}

	for _, p := range projects {
		budget, err := fixed.Parse(p.budget)
		if err != nil {
			return fmt.Errorf("project %s budget: %w", p.code, err)
		}
		initial, err := fixed.Parse(p.initial)
		if err != nil {
			return fmt.Errorf("project %s initial budget: %w", p.code, err)
		}
		executed, err := fixed.Parse(p.executed)
		if err != nil {
			return fmt.Errorf("project %s executed: %w", p.code, err)
		}
		pr, err := tx.Project.Create().
			SetDepartmentYearID(dy.ID).
			SetCode(p.code).SetName(p.name).SetCategory(p.category).
			SetBudget(budget).SetExecuted(executed).SetGoal(p.goal).
			SetInitialBudget(initial).SetImplementingUnit(p.implementingUnit).SetGoalOutcome(p.goalOutcome).
			Save(ctx)
		if err != nil {
			return fmt.Errorf("project %s: %w", p.code, err)
		}
		if err := createLines(ctx, tx, dy.ID, &pr.ID, p.sources); err != nil {
			return fmt.Errorf("project %s: %w", p.code, err)
		}
		if err := createIndicators(ctx, tx, lib, dy.ID, &pr.ID, p.indicators); err != nil {
			return fmt.Errorf("project %s: %w", p.code, err)
		}
		if err := tx.Evaluation.Create().
			SetDepartmentYearID(dy.ID).SetProjectID(pr.ID).SetStatus(evaluation.StatusDRAFT).
			SetConclusion(p.conclusion).
			Exec(ctx); err != nil {
			return fmt.Errorf("project %s evaluation: %w", p.code, err)
		}
	}
	if !withDistrict {
		return nil
	}
	// The district's illustrative departments and years, after the seed's rows.
	return writeDistrict(ctx, tx, lib, root.ID)
}

// createYear creates department deptID's figures for Year, with what more sets.
func createYear(ctx context.Context, tx *ent.Tx, deptID int, f figures, goal string, more ...func(*ent.DepartmentYearCreate)) (*ent.DepartmentYear, error) {
	c := tx.DepartmentYear.Create().
		SetDepartmentID(deptID).SetYear(Year).
		SetPersonnelBudget(f.personnelBudget).SetPersonnelActual(f.personnelActual).
		SetPublicBudget(f.publicBudget).SetPublicActual(f.publicActual).
		SetProjectBudget(f.projectBudget).SetProjectActual(f.projectActual).
		SetCarryoverStart(f.carryoverStart).SetCarryoverEnd(f.carryoverEnd).
		SetThreePublicBudget(f.threePublicBudget).SetThreePublicActual(f.threePublicActual).
		SetAssetsInUse(f.assetsInUse).SetAssetsTotal(f.assetsTotal).
		SetGoal(goal)
	for _, m := range more {
		m(c)
	}
	dy, err := c.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("department-year %d of department %d: %w", Year, deptID, err)
	}
	return dy, nil
}

// writeNeighbour adds a second department beside the office, so that the demo's
// editor (who edits the office) meets data that is not theirs.
func writeNeighbour(ctx context.Context, tx *ent.Tx, lib libraryIndex, districtID int) error {
	dep, err := tx.Department.Create().
		SetCode(neighbour.code).SetName(neighbour.name).SetFunctions(neighbour.functions).
		SetParentID(districtID).Save(ctx)
	if err != nil {
		return fmt.Errorf("department %s: %w", neighbour.code, err)
	}
	dy, err := createYear(ctx, tx, dep.ID, neighbourYear, neighbourGoal)
	if err != nil {
		return err
	}
	if err := createIndicators(ctx, tx, lib, dy.ID, nil, neighbourIndicators); err != nil {
		return err
	}
	return tx.Evaluation.Create().SetDepartmentYearID(dy.ID).SetStatus(evaluation.StatusDRAFT).Exec(ctx)
}

// createIndicators creates rows as the indicators of department-year dyID (projectID nil)
// or of a project, at positions 1..len(rows), each marked as made from its library entry.
func createIndicators(ctx context.Context, tx *ent.Tx, lib libraryIndex, dyID int, projectID *int, rows []ind) error {
	for i, r := range rows {
		c := tx.Indicator.Create().
			SetDepartmentYearID(dyID).SetNillableProjectID(projectID).SetNillableLibraryIndicatorID(lib.of(r)).
			SetPosition(i + 1).
			SetLevel1(r.level1).SetLevel2(r.level2).SetName(r.name).
			SetKind(r.kind).SetUnit(r.unit).SetDeviationReason(r.deviation).SetScoringCriteria(criteria(r))
		weight, err := fixed.Parse(r.weight)
		if err != nil {
			return fmt.Errorf("indicator %s weight: %w", r.name, err)
		}
		c.SetWeight(weight)
		if r.op != "" {
			c.SetOperator(r.op)
		}
		if r.binding != "" {
			c.SetBinding(r.binding)
		}
		if r.rating != "" {
			c.SetRating(r.rating)
		}
		for _, v := range []struct {
			field, text string
			set         func(fixed.Decimal) *ent.IndicatorCreate
		}{
			{"target", r.target, c.SetTarget},
			{"actual", r.actual, c.SetActual},
			{"rated score", r.rated, c.SetRatedScore},
		} {
			if v.text == "" {
				continue
			}
			d, err := fixed.Parse(v.text)
			if err != nil {
				return fmt.Errorf("indicator %s %s: %w", r.name, v.field, err)
			}
			v.set(d)
		}
		if err := c.Exec(ctx); err != nil {
			return fmt.Errorf("indicator %d %s: %w", i+1, r.name, err)
		}
	}
	return nil
}

// createLines writes the lines of a breakdown: a project's by source (projectID set)
// or the year's revenue by nature.
func createLines(ctx context.Context, tx *ent.Tx, dyID int, projectID *int, lines []line) error {
	for _, l := range lines {
		var amounts [3]fixed.Decimal
		for i, text := range []string{l.initial, l.adjusted, l.executed} {
			d, err := fixed.Parse(text)
			if err != nil {
				return fmt.Errorf("funding line %s: %w", l.category, err)
			}
			amounts[i] = d
		}
		if err := tx.FundingLine.Create().SetDepartmentYearID(dyID).SetNillableProjectID(projectID).SetCategory(l.category).
			SetInitialBudget(amounts[0]).SetAdjustedBudget(amounts[1]).SetExecuted(amounts[2]).Exec(ctx); err != nil {
			return fmt.Errorf("funding line %s: %w", l.category, err)
		}
	}
	return nil
}
