package assess

import (
	"jixiao/domain/fixed"
	"jixiao/domain/report"
	"jixiao/domain/review"
	"jixiao/domain/scoring"
	targetreview "jixiao/domain/targets/review"
	"jixiao/ent"
)

// ReportRows are the stored rows an evaluation's report is written from: the
// evaluation with every column, what it evaluates (Subject: the department-year,
// the project, its indicators in order, the months), the department, and for an
// overall evaluation the year's key tasks and projects with their indicator counts
// and evaluations; Texts are the evaluation's report texts.
type ReportRows struct {
	Evaluation *ent.Evaluation
	Subject    Subject
	Department *ent.Department
	KeyTasks   []*ent.KeyTask
	Projects   []*ent.Project
	// ProjectIndicators counts each project's indicators; Evaluated says which
	// projects have an evaluation.
	ProjectIndicators map[int]int
	Evaluated         map[int]bool
	Texts             []*ent.ReportText
	// Rules are the rules that score the evaluation (kept.RulesFor); RuleSet is the rule-set
	// version they are (nil: the built-in rules), RulesFrozen whether the evaluation keeps them
	// since its submission.
	Rules       scoring.Rules
	RuleSet     *ent.RuleSet
	RulesFrozen bool
	// TargetVersions are the year's target versions, for where an approved
	// adjustment changed a target.
	TargetVersions []*ent.TargetVersion
	// ReviewScores are the reviewer's re-scores of the subject's indicators, by indicator id.
	ReviewScores map[int]*ent.ReviewScore
	// Prior is, for an overall evaluation, the year before's rectification items
	// of the department (each with its evaluation, project and indicator loaded);
	// PriorYear is that year.
	Prior     []*ent.Rectification
	PriorYear int
}

// Report writes the evaluation's report from the rows: the kept values as they
// are stored, the derived rates by scoring.Derive, as the API serves them.
func Report(rows ReportRows) *report.Document {
	if rows.Subject.Project != nil {
		return report.ProjectReport(projectReportInput(rows))
	}
	return report.DepartmentReport(departmentReportInput(rows))
}

func texts(rows ReportRows) report.Texts {
	ev := rows.Evaluation
	t := report.Texts{
		Sections:   make(map[string]string, len(rows.Texts)),
		Conclusion: ev.Conclusion, Problems: ev.Problems, Improvements: ev.Improvements,
	}
	for _, rt := range rows.Texts {
		t.Sections[rt.Section] = rt.Text
	}
	return t
}

func result(rows ReportRows) report.Result {
	ev := rows.Evaluation
	r := report.Result{Score: ev.Score, Grade: scoring.Grade(ev.Grade), Subtotals: Subtotals(rows.Subject, rows.Rules)}
	if len(rows.ReviewScores) == 0 {
		return r
	}
	// The review total by the same rule as the API's (domain/review.Total).
	scored := make([]review.Scored, len(rows.Subject.Indicators))
	for i, ind := range rows.Subject.Indicators {
		scored[i].Self = ind.Score
		if rs := rows.ReviewScores[ind.ID]; rs != nil {
			s := rs.Score
			scored[i].Review = &s
		}
	}
	var execution *fixed.Decimal
	if ev.ProjectID != nil {
		execution = ev.ExecutionScore
	}
	total, grade := review.Total(scored, execution, rows.Rules)
	r.Review = &report.ReviewResult{Score: total, Grade: grade.Chinese()}
	return r
}

// prior is the year before's rectification items as the report lists them.
func prior(rows ReportRows) *report.PriorReview {
	if len(rows.Prior) == 0 {
		return nil
	}
	p := &report.PriorReview{Year: rows.PriorYear}
	for _, x := range rows.Prior {
		item := report.Rectification{Issue: x.Issue, Requirement: x.Requirement, DueDate: x.DueDate,
			Status: string(x.Status), Measures: x.Measures, Outcome: x.Outcome}
		if ind := x.Edges.Indicator; ind != nil {
			item.Indicator = ind.Name
		}
		if ev := x.Edges.Evaluation; ev != nil && ev.Edges.Project != nil {
			item.Subject = ev.Edges.Project.Name
		}
		p.Items = append(p.Items, item)
	}
	return p
}

// indicators maps the rows to the report's indicators, their kept values as
// stored, each with what an approved adjustment changed of it.
func indicators(inds []*ent.Indicator, versions []*ent.TargetVersion, rescores map[int]*ent.ReviewScore) []report.Indicator {
	adjusted := targetreview.AdjustedIn(versions)
	out := make([]report.Indicator, len(inds))
	for i, ind := range inds {
		r := report.Indicator{
			Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name,
			Kind: scoring.Kind(ind.Kind), Target: ind.Target, Unit: ind.Unit, Weight: ind.Weight,
			Actual: ind.EffectiveActual, CompletionRate: ind.CompletionRate, Score: ind.Score,
			DeviationReason: ind.DeviationReason,
		}
		if ind.Operator != nil {
			r.Operator = scoring.Operator(*ind.Operator)
		}
		if ind.Binding != nil {
			r.Binding = scoring.Binding(*ind.Binding)
		}
		if ind.Rating != nil {
			r.Rating = scoring.Rating(*ind.Rating)
		}
		if rs := rescores[ind.ID]; rs != nil {
			r.Review = &report.Rescore{Score: rs.Score, Reason: rs.Reason}
		}
		if a := adjusted[ind.ID]; a != nil {
			r.Adjusted = &report.Adjustment{OriginalTarget: a.Original.Target, OriginalWeight: a.Original.Weight}
			for _, v := range a.Adjustments {
				r.Adjusted.Reasons = append(r.Adjusted.Reasons, v.Reason)
			}
		}
		out[i] = r
	}
	return out
}

// derived is a rate of the year's figures (scoring.Derive) as the report shows it,
// to 2 places; nil when undefined.
func derived(b scoring.Binding, dy *ent.DepartmentYear) *fixed.Decimal {
	v, ok := scoring.Derive(b, Figures(dy))
	if !ok {
		return nil
	}
	d, ok := fixed.RoundOK(v.Round(2))
	if !ok {
		return nil
	}
	return &d
}

func departmentReportInput(rows ReportRows) report.DepartmentInput {
	dy := rows.Subject.Year
	line := func(budget, executed fixed.Decimal) report.MoneyLine {
		return report.MoneyLine{Budget: budget, Executed: executed}
	}
	in := report.DepartmentInput{
		Year:       dy.Year,
		Department: rows.Department.Name,
		Functions:  rows.Department.Functions,
		Goal:       dy.Goal,
		Money: report.Money{
			Personnel: line(dy.PersonnelBudget, dy.PersonnelActual),
			Public:    line(dy.PublicBudget, dy.PublicActual),
			Basic:     line(dy.BasicBudget, dy.BasicActual),
			Project:   line(dy.ProjectBudget, dy.ProjectActual),
			Total:     report.MoneyLine{Budget: dy.TotalBudget, Executed: dy.TotalActual, Rate: dy.ExecutionRate},
		},
		CarryoverStart: dy.CarryoverStart, CarryoverEnd: dy.CarryoverEnd,
		ThreePublicBudget: dy.ThreePublicBudget, ThreePublicActual: dy.ThreePublicActual,
		Rates: report.Rates{
			Execution: dy.ExecutionRate, Carryover: dy.CarryoverRate,
			AssetUtilization:   derived(scoring.BindAssetUtilization, dy),
			PublicFundsControl: derived(scoring.BindPublicFundsControl, dy),
			ThreePublicControl: derived(scoring.BindThreePublicControl, dy),
		},
		MonthsBehind:         MonthsBehind(dy, rows.Subject.Months),
		ExecutionExplanation: rows.Evaluation.ExecutionExplanation,
		Indicators:           indicators(rows.Subject.Indicators, rows.TargetVersions, rows.ReviewScores),
		Result:               result(rows),
		Texts:                texts(rows),
		Prior:                prior(rows),
	}
	for _, t := range rows.KeyTasks {
		in.KeyTasks = append(in.KeyTasks, report.KeyTask{Title: t.Title, Content: t.Content, Outcome: t.Outcome})
	}
	for _, p := range rows.Projects {
		in.Projects = append(in.Projects, report.ProjectSummary{
			Name: p.Name, Budget: p.Budget, Executed: p.Executed,
			Indicators: rows.ProjectIndicators[p.ID], Evaluated: rows.Evaluated[p.ID],
		})
	}
	return in
}

func projectReportInput(rows ReportRows) report.ProjectInput {
	p, dy := rows.Subject.Project, rows.Subject.Year
	return report.ProjectInput{
		Year:                 dy.Year,
		Department:           rows.Department.Name,
		Project:              p.Name,
		Code:                 p.Code,
		Category:             p.Category,
		Goal:                 p.Goal,
		Money:                report.MoneyLine{Budget: p.Budget, Executed: p.Executed, Rate: p.ExecutionRate},
		ExecutionScore:       p.ExecutionScore,
		ExecutionWeight:      fixed.Round(rows.Rules.ExecutionWeight),
		ExecutionExplanation: rows.Evaluation.ExecutionExplanation,
		Indicators:           indicators(rows.Subject.Indicators, rows.TargetVersions, rows.ReviewScores),
		Result:               result(rows),
		Texts:                texts(rows),
	}
}
