package forms

import (
	"context"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
)

// Source is what a form is built from: an evaluation and the rows of its subject.
type Source struct {
	Evaluation *ent.Evaluation
	Department *ent.Department
	Year       *ent.DepartmentYear
	Project    *ent.Project // nil for the overall evaluation
	Indicators []*ent.Indicator
	Tasks      []*ent.KeyTask // the overall evaluation's year's key tasks
	Rules      scoring.Rules  // the rules that score the evaluation (kept.RulesFor)
}

// Kind is the form of the source's evaluation.
func (s Source) Kind() Kind {
	if s.Project != nil {
		return ProjectForm
	}
	return OverallForm
}

// Load reads the evaluation with id and its subject through db, under the
// caller's access rules in ctx: an evaluation the caller may not read is not
// found (ent's NotFoundError), as one that does not exist.
func Load(ctx context.Context, db *ent.Client, id int) (Source, error) {
	var s Source
	ev, err := db.Evaluation.Get(ctx, id)
	if err != nil {
		return s, err
	}
	s.Evaluation = ev
	if s.Year, err = db.DepartmentYear.Query().Where(departmentyear.ID(ev.DepartmentYearID)).WithDepartment().Only(ctx); err != nil {
		return s, err
	}
	s.Department = s.Year.Edges.Department
	q := db.Indicator.Query().Where(indicator.DepartmentYearID(ev.DepartmentYearID))
	if ev.ProjectID != nil {
		if s.Project, err = db.Project.Get(ctx, *ev.ProjectID); err != nil {
			return s, err
		}
		q = q.Where(indicator.ProjectID(*ev.ProjectID))
	} else {
		q = q.Where(indicator.ProjectIDIsNil())
		if s.Tasks, err = db.KeyTask.Query().Where(keytask.DepartmentYearID(ev.DepartmentYearID)).
			Order(keytask.ByPosition(), keytask.ByID()).All(ctx); err != nil {
			return s, err
		}
	}
	if s.Indicators, err = q.Order(indicator.ByPosition(), indicator.ByID()).All(ctx); err != nil {
		return s, err
	}
	rules, err := kept.RulesOfEvaluation(ctx, db, ev, s.Year)
	s.Rules = rules.Rules
	return s, err
}

// Build makes the form of s: the figures as stored, and every score, rate and
// total as the system keeps them (never recomputed here).
func Build(s Source) *Form {
	ev, dy := s.Evaluation, s.Year
	f := &Form{
		Kind: s.Kind(),
		Subject: Subject{
			EvaluationID: ev.ID, EvaluationVersion: ev.Version,
			YearID: dy.ID, YearVersion: dy.Version,
		},
		Year:         dy.Year,
		TotalScore:   ev.Score,
		Grade:        scoring.Grade(ev.Grade).Chinese(),
		Conclusion:   ev.Conclusion,
		Problems:     ev.Problems,
		Improvements: ev.Improvements,
	}
	if s.Department != nil {
		f.DepartmentName = s.Department.Name
	}
	total := &MoneyRow{Line: LineTotal}
	if p := s.Project; p != nil {
		f.Subject.ProjectID, f.Subject.ProjectVersion = p.ID, p.Version
		f.ProjectName = p.Name
		// The project belongs to the department's year: its 主管部门 until the forms
		// data names another (fillFormsData).
		f.SupervisingDepartment = f.DepartmentName
		f.GoalExpected = p.Goal
		total.Adjusted, total.Executed = ptr(p.Budget), ptr(p.Executed)
		total.Weight = ptr(fixed.Round(s.Rules.ExecutionWeight))
		total.Rate, total.Score = ev.ExecutionRate, ev.ExecutionScore
		f.TotalWeight = fixed.Round(s.Rules.ExecutionWeight)
	} else {
		f.GoalExpected = dy.Goal
		total.Adjusted, total.Executed = ptr(dy.TotalBudget), ptr(dy.TotalActual)
		// The overall form's execution is scored by its bound indicator (预算资金支出率),
		// not by a fixed item: the rate is shown, 分值 and 得分 stay empty.
		total.Rate = dy.ExecutionRate
		for _, t := range s.Tasks {
			f.Tasks = append(f.Tasks, Task{ID: t.ID, Version: t.Version, Position: t.Position,
				Title: t.Title, Content: t.Content, Outcome: t.Outcome})
		}
	}
	for _, l := range Lines[f.Kind] {
		switch l {
		case LineTotal:
			f.Money = append(f.Money, *total)
		case LineBasic:
			f.Money = append(f.Money, MoneyRow{Line: l, Adjusted: ptr(dy.BasicBudget), Executed: ptr(dy.BasicActual)})
		case LineProject:
			f.Money = append(f.Money, MoneyRow{Line: l, Adjusted: ptr(dy.ProjectBudget), Executed: ptr(dy.ProjectActual)})
		default:
			f.Money = append(f.Money, MoneyRow{Line: l})
		}
	}
	for _, ind := range s.Indicators {
		row := Indicator{
			ID: ind.ID, Version: ind.Version, Position: ind.Position,
			Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name,
			Kind: string(ind.Kind), Target: ind.Target, Unit: ind.Unit,
			Actual: ind.Actual, RatedScore: ind.RatedScore,
			Weight: ptr(ind.Weight), Score: ind.Score, DeviationReason: ind.DeviationReason,
		}
		if ind.Operator != nil {
			row.Operator = string(*ind.Operator)
		}
		if ind.Rating != nil {
			row.Rating = string(*ind.Rating)
		}
		if ind.Binding != nil {
			row.Bound, row.Actual = true, ind.EffectiveActual
		}
		f.Indicators = append(f.Indicators, row)
		f.TotalWeight += ind.Weight
	}
	fillFormsData(f, s)
	return f
}

// fillFormsData fills what the forms-data schema adds (branch i11-formsdata) and
// the store does not hold yet; until it is merged they stay empty, never made up:
//
//   - Project.initial_budget → the total row's Initial; the project's FundingLines
//     (CURRENT_APPROPRIATION, PRIOR_YEAR_CARRYOVER, OTHER_FUNDS) → their rows'
//     Initial, Adjusted and Executed;
//   - Project.supervising_department (when set) → SupervisingDepartment,
//     Project.implementing_unit → ImplementingUnit;
//   - DepartmentYear.basic_initial_budget and project_initial_budget → the BASIC
//     and PROJECT rows' Initial, their sum the total row's; the year's FundingLines
//     (GENERAL_PUBLIC_BUDGET … UNIT_FUNDS) → their rows;
//   - Project.goal_outcome or DepartmentYear.goal_outcome → GoalOutcome;
//   - Indicator.scoring_criteria → each row's ScoringCriteria.
//
// Load must then read the funding lines too (Source gains them). The import side
// is storeFormsData in apply.go.
func fillFormsData(*Form, Source) {}

func ptr(d fixed.Decimal) *fixed.Decimal { return &d }
