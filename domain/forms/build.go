package forms

import (
	"context"
	"strings"

	"jixiao/domain/assess"
	"jixiao/domain/derivation"
	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	reviewrules "jixiao/domain/review"
	"jixiao/domain/scoring"
	"jixiao/domain/targets/review"
	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/ent/reviewscore"
	"jixiao/ent/targetversion"
)

// Source is what a form is built from: an evaluation and the rows of its subject.
type Source struct {
	Evaluation *ent.Evaluation
	Department *ent.Department
	Year       *ent.DepartmentYear
	Project    *ent.Project // nil for the overall evaluation
	Indicators []*ent.Indicator
	Tasks      []*ent.KeyTask     // the overall evaluation's year's key tasks
	Lines      []*ent.FundingLine // the breakdown: the project's by source, or the year's by revenue nature
	Rules      scoring.Rules      // the rules that score the evaluation (kept.RulesFor)
	// TargetVersions are the year's target versions: where an approved adjustment
	// changed a target, the form says so.
	TargetVersions []*ent.TargetVersion
	// RuleSet is the rule-set version Rules are (nil: the built-in rules), RulesFrozen whether
	// the evaluation keeps them since its submission.
	RuleSet     *ent.RuleSet
	RulesFrozen bool
	// ReviewScores are the reviewer's re-scores of the indicators, by indicator id.
	ReviewScores map[int]*ent.ReviewScore
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
	lines := db.FundingLine.Query().Where(fundingline.DepartmentYearID(ev.DepartmentYearID))
	if ev.ProjectID != nil {
		if s.Project, err = db.Project.Get(ctx, *ev.ProjectID); err != nil {
			return s, err
		}
		q = q.Where(indicator.ProjectID(*ev.ProjectID))
		lines = lines.Where(fundingline.ProjectID(*ev.ProjectID))
	} else {
		q = q.Where(indicator.ProjectIDIsNil())
		lines = lines.Where(fundingline.ProjectIDIsNil())
		if s.Tasks, err = db.KeyTask.Query().Where(keytask.DepartmentYearID(ev.DepartmentYearID)).
			Order(keytask.ByPosition(), keytask.ByID()).All(ctx); err != nil {
			return s, err
		}
	}
	if s.Lines, err = lines.All(ctx); err != nil {
		return s, err
	}
	if s.Indicators, err = q.Order(indicator.ByPosition(), indicator.ByID()).All(ctx); err != nil {
		return s, err
	}
	if s.TargetVersions, err = db.TargetVersion.Query().Where(targetversion.DepartmentYearID(ev.DepartmentYearID)).All(ctx); err != nil {
		return s, err
	}
	ids := make([]int, len(s.Indicators))
	for i, ind := range s.Indicators {
		ids[i] = ind.ID
	}
	scores, err := db.ReviewScore.Query().Where(reviewscore.IndicatorIDIn(ids...)).All(ctx)
	if err != nil {
		return s, err
	}
	s.ReviewScores = make(map[int]*ent.ReviewScore, len(scores))
	for _, rs := range scores {
		s.ReviewScores[rs.IndicatorID] = rs
	}
	rules, err := kept.RulesOfEvaluation(ctx, db, ev, s.Year)
	s.Rules, s.RuleSet, s.RulesFrozen = rules.Rules, rules.Set, rules.Frozen
	return s, err
}

// Explain adds to f, built from s, the derivation of every score (package derivation writes
// it): each indicator's, a project's execution item's, and the total's with its subtotals and
// grade, under the rules that score the evaluation.
func Explain(f *Form, s Source) {
	f.Explained = true
	f.RulesName = assess.RulesName(s.RuleSet, s.RulesFrozen)
	for i, ind := range s.Indicators {
		if i < len(f.Indicators) && f.Indicators[i].ID == ind.ID {
			f.Indicators[i].Formula = derivation.Text(assess.ExplainIndicator(ind, s.Year, s.Rules), ind.Unit)
		}
	}
	total := assess.ExplainEvaluation(assess.Subject{Year: s.Year, Project: s.Project, Indicators: s.Indicators}, s.Rules)
	lines := derivation.Lines(total, "")
	var rest []string
	for i, l := range lines {
		if s.Project != nil && i == 0 {
			f.ExecutionFormula = l.String() // the execution item comes first
			continue
		}
		rest = append(rest, l.String())
	}
	f.TotalFormula = strings.Join(rest, "\n")
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
		Review:       reviewNote(s),
	}
	if s.Department != nil {
		f.DepartmentName = s.Department.Name
	}
	total := &MoneyRow{Line: LineTotal}
	if p := s.Project; p != nil {
		f.Subject.ProjectID, f.Subject.ProjectVersion = p.ID, p.Version
		f.ProjectName = p.Name
		// An empty 主管部门 is the department the project belongs to, shown by name.
		f.SupervisingDepartment = f.DepartmentName
		if p.SupervisingDepartment != "" {
			f.SupervisingDepartment = p.SupervisingDepartment
		}
		f.ImplementingUnit = p.ImplementingUnit
		f.GoalExpected, f.GoalOutcome = p.Goal, p.GoalOutcome
		total.Initial, total.Adjusted, total.Executed = ptr(p.InitialBudget), ptr(p.Budget), ptr(p.Executed)
		total.Weight = ptr(fixed.Round(s.Rules.ExecutionWeight))
		total.Rate, total.Score = ev.ExecutionRate, ev.ExecutionScore
		f.TotalWeight = fixed.Round(s.Rules.ExecutionWeight)
	} else {
		f.GoalExpected, f.GoalOutcome = dy.Goal, dy.GoalOutcome
		total.Initial = ptr(assess.TotalInitialBudget(dy))
		total.Adjusted, total.Executed = ptr(dy.TotalBudget), ptr(dy.TotalActual)
		// The overall form's execution is scored by its bound indicator (预算资金支出率),
		// not by a fixed item: the rate is shown, 分值 and 得分 stay empty.
		total.Rate = dy.ExecutionRate
		for _, t := range s.Tasks {
			f.Tasks = append(f.Tasks, Task{ID: t.ID, Version: t.Version, Position: t.Position,
				Title: t.Title, Content: t.Content, Outcome: t.Outcome})
		}
	}
	stored := map[Line]*ent.FundingLine{}
	for _, l := range s.Lines {
		stored[Line(l.Category)] = l
	}
	for _, l := range Lines[f.Kind] {
		switch l {
		case LineTotal:
			f.Money = append(f.Money, *total)
		case LineBasic:
			f.Money = append(f.Money, MoneyRow{Line: l, Initial: ptr(dy.BasicInitialBudget), Adjusted: ptr(dy.BasicBudget), Executed: ptr(dy.BasicActual)})
		case LineProject:
			f.Money = append(f.Money, MoneyRow{Line: l, Initial: ptr(dy.ProjectInitialBudget), Adjusted: ptr(dy.ProjectBudget), Executed: ptr(dy.ProjectActual)})
		default:
			// A category without a line prints empty: the breakdown has no such row,
			// which is not a line of 0.
			row := MoneyRow{Line: l}
			if fl := stored[l]; fl != nil {
				row.ID, row.Initial, row.Adjusted, row.Executed = fl.ID, ptr(fl.InitialBudget), ptr(fl.AdjustedBudget), ptr(fl.Executed)
			}
			f.Money = append(f.Money, row)
		}
	}
	adjusted := review.AdjustedIn(s.TargetVersions)
	for _, ind := range s.Indicators {
		row := Indicator{
			ID: ind.ID, Version: ind.Version, Position: ind.Position,
			Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name,
			Kind: string(ind.Kind), Target: ind.Target, Unit: ind.Unit,
			Actual: ind.Actual, RatedScore: ind.RatedScore,
			Weight: ptr(ind.Weight), Score: ind.Score, DeviationReason: ind.DeviationReason,
			ScoringCriteria: ind.ScoringCriteria,
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
		if a := adjusted[ind.ID]; a != nil {
			row.Adjusted = adjustedNote(a, ind)
		}
		if rs := s.ReviewScores[ind.ID]; rs != nil {
			row.Review = "复核得分" + rs.Score.Decimal().String() + "；复核意见：" + rs.Reason
		}
		f.Indicators = append(f.Indicators, row)
		f.TotalWeight += ind.Weight
	}
	return f
}

func ptr(d fixed.Decimal) *fixed.Decimal { return &d }

// reviewNote is the note on the total's score when an indicator was re-scored:
// the review total (domain/review.Total, as the API and the report give it).
func reviewNote(s Source) string {
	if len(s.ReviewScores) == 0 {
		return ""
	}
	scored := make([]reviewrules.Scored, len(s.Indicators))
	for i, ind := range s.Indicators {
		scored[i].Self = ind.Score
		if rs := s.ReviewScores[ind.ID]; rs != nil {
			score := rs.Score
			scored[i].Review = &score
		}
	}
	var execution *fixed.Decimal
	if s.Evaluation.ProjectID != nil {
		execution = s.Evaluation.ExecutionScore
	}
	total, grade := reviewrules.Total(scored, execution, s.Rules)
	return "复核总分" + total.Decimal().Round(2).StringFixed(2) + "，评价等级：" + grade.Chinese()
}

// adjustedNote is the form's note on an adjusted indicator's target: "年中经批复调整：
// 原指标值85，原分值6；调整原因：…".
func adjustedNote(a *review.Adjusted, ind *ent.Indicator) string {
	var was []string
	if t := a.Original.Target; t != nil && (ind.Target == nil || *t != *ind.Target) {
		was = append(was, "原指标值"+t.Decimal().String())
	}
	if a.Original.Weight != ind.Weight {
		was = append(was, "原分值"+a.Original.Weight.Decimal().String())
	}
	reasons := make([]string, len(a.Adjustments))
	for i, v := range a.Adjustments {
		reasons[i] = v.Reason
	}
	return "年中经批复调整：" + strings.Join(was, "，") + "；调整原因：" + strings.Join(reasons, "；")
}
