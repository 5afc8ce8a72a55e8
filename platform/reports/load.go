// Package reports reads what an evaluation's report states and writes it with
// package report: for the API (Evaluation.report) and the downloads alike.
package reports

import (
	"context"

	"jixiao/domain/assess"
	"jixiao/domain/kept"
	"jixiao/domain/report"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/project"
	"jixiao/ent/rectification"
	"jixiao/ent/reporttext"
	"jixiao/ent/reviewscore"
	"jixiao/ent/targetversion"
	"jixiao/platform/access"
)

// Load writes the report of evaluation id from db (a client, or a transaction's).
// The caller has read the evaluation under its own rules: the report is readable
// by whoever may read the evaluation.
// What it states is read with the rules lifted, so that everybody who reads a
// report reads the same document: a published overall report counts the year's
// projects and their evaluations even for readers who see only published rows.
// It reads directly, never through the request's loaders, which must not hold
// rows read without the caller's rules.
func Load(ctx context.Context, db *ent.Client, id int) (*report.Document, assess.ReportRows, error) {
	sys := access.System(ctx, "report")
	var rows assess.ReportRows
	ev, err := db.Evaluation.Get(sys, id)
	if err != nil {
		return nil, rows, err
	}
	rows.Evaluation = ev
	if rows.Subject.Year, err = db.DepartmentYear.Get(sys, ev.DepartmentYearID); err != nil {
		return nil, rows, err
	}
	if rows.Department, err = db.Department.Get(sys, rows.Subject.Year.DepartmentID); err != nil {
		return nil, rows, err
	}
	inds := db.Indicator.Query().Where(indicator.DepartmentYearID(ev.DepartmentYearID)).
		Order(indicator.ByPosition(), indicator.ByID())
	if ev.ProjectID != nil {
		inds.Where(indicator.ProjectID(*ev.ProjectID))
		if rows.Subject.Project, err = db.Project.Get(sys, *ev.ProjectID); err != nil {
			return nil, rows, err
		}
	} else {
		inds.Where(indicator.ProjectIDIsNil())
		if err := yearRows(sys, db, &rows); err != nil {
			return nil, rows, err
		}
	}
	if rows.Subject.Indicators, err = inds.All(sys); err != nil {
		return nil, rows, err
	}
	if rows.Texts, err = db.ReportText.Query().Where(reporttext.EvaluationID(id)).All(sys); err != nil {
		return nil, rows, err
	}
	if rows.TargetVersions, err = db.TargetVersion.Query().Where(targetversion.DepartmentYearID(ev.DepartmentYearID)).All(sys); err != nil {
		return nil, rows, err
	}
	if err := reviewRows(sys, db, &rows); err != nil {
		return nil, rows, err
	}
	rules, err := kept.RulesOfEvaluation(sys, db, ev, rows.Subject.Year)
	if err != nil {
		return nil, rows, err
	}
	rows.Rules, rows.RuleSet, rows.RulesFrozen = rules.Rules, rules.Set, rules.Frozen
	return assess.Report(rows), rows, nil
}

// reviewRows reads the re-scores of the subject's indicators and, for an overall
// evaluation, the department's rectification items of the year before.
func reviewRows(ctx context.Context, db *ent.Client, rows *assess.ReportRows) error {
	ids := make([]int, len(rows.Subject.Indicators))
	for i, ind := range rows.Subject.Indicators {
		ids[i] = ind.ID
	}
	scores, err := db.ReviewScore.Query().Where(reviewscore.IndicatorIDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	rows.ReviewScores = make(map[int]*ent.ReviewScore, len(scores))
	for _, rs := range scores {
		rows.ReviewScores[rs.IndicatorID] = rs
	}
	if rows.Evaluation.ProjectID != nil {
		return nil
	}
	dy := rows.Subject.Year
	rows.PriorYear = dy.Year - 1
	rows.Prior, err = db.Rectification.Query().
		Where(rectification.HasEvaluationWith(evaluation.HasDepartmentYearWith(
			departmentyear.DepartmentID(dy.DepartmentID), departmentyear.Year(dy.Year-1)))).
		WithIndicator().WithEvaluation(func(q *ent.EvaluationQuery) { q.WithProject() }).
		Order(rectification.ByID()).All(ctx)
	return err
}

// yearRows reads what only an overall report states: the months, the key tasks,
// the projects with their indicator counts and evaluations.
func yearRows(ctx context.Context, db *ent.Client, rows *assess.ReportRows) error {
	dy := rows.Subject.Year.ID
	var err error
	if rows.Subject.Months, err = db.MonthlyExecution.Query().Where(monthlyexecution.DepartmentYearID(dy)).
		Order(ent.Asc(monthlyexecution.FieldMonth)).All(ctx); err != nil {
		return err
	}
	if rows.KeyTasks, err = db.KeyTask.Query().Where(keytask.DepartmentYearID(dy)).
		Order(keytask.ByPosition(), keytask.ByID()).All(ctx); err != nil {
		return err
	}
	if rows.Projects, err = db.Project.Query().Where(project.DepartmentYearID(dy)).
		Order(project.ByCode(), project.ByID()).All(ctx); err != nil {
		return err
	}
	rows.ProjectIndicators, rows.Evaluated = map[int]int{}, map[int]bool{}
	var counts []struct {
		ProjectID int `json:"project_id"`
		Count     int `json:"count"`
	}
	if err := db.Indicator.Query().Where(indicator.DepartmentYearID(dy), indicator.ProjectIDNotNil()).
		GroupBy(indicator.FieldProjectID).Aggregate(ent.Count()).Scan(ctx, &counts); err != nil {
		return err
	}
	for _, c := range counts {
		rows.ProjectIndicators[c.ProjectID] = c.Count
	}
	evaluated, err := db.Evaluation.Query().Where(evaluation.DepartmentYearID(dy), evaluation.ProjectIDNotNil()).All(ctx)
	if err != nil {
		return err
	}
	for _, e := range evaluated {
		rows.Evaluated[*e.ProjectID] = true
	}
	return nil
}
