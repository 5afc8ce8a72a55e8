package forms

import (
	"context"
	"errors"
	"fmt"

	"jixiao/domain/fixed"
	"jixiao/domain/funding/breakdown"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/platform/inputerr"
)

// Apply makes changes through db, with the caller of ctx: the same create, update
// and delete mutations the API's resolvers make (and setFundingLines' code path
// for the breakdown's lines), so that every access rule, lock, validator,
// cross-field rule, kept value and audit record applies as it does there. db must
// be a transaction's client: the caller commits or rolls back.
//
// A value a rule refuses becomes a problem at its cell, and the other changes are
// still tried, so that one run reports every refusal; the refused change is left
// undone. Anything else (a refusal of access, a lock, a stale version, a failing
// database) stops Apply with that error, and the caller must roll back. Each
// change's ScoreAfter is set from what its mutation returned.
func Apply(ctx context.Context, db *ent.Client, f *Form, changes []Change) ([]Problem, error) {
	a := &applier{db: db, form: f}
	var lines []*Change
	// Removals last, so that a row renamed into another's place frees it first.
	for _, removals := range []bool{false, true} {
		for i := range changes {
			c := &changes[i]
			switch {
			case c.Entity == EntityFundingLine:
				if !removals {
					lines = append(lines, c)
				}
			case (c.Kind == Removed) == removals:
				if err := a.apply(ctx, c); err != nil {
					return a.problems, err
				}
			}
		}
	}
	if len(lines) > 0 {
		if err := a.lines(ctx, lines); err != nil {
			return a.problems, err
		}
	}
	return a.problems, nil
}

type applier struct {
	db       *ent.Client
	form     *Form
	problems []Problem
}

// rules are the rules that score the form's evaluation, as the hooks that refuse
// a value apply them.
func (a *applier) rules(ctx context.Context) (scoring.Rules, error) {
	s := kept.Subject{Year: a.form.Subject.YearID}
	if id := a.form.Subject.ProjectID; id != 0 {
		s.Project = &id
	}
	r, err := kept.RulesFor(ctx, a.db, s)
	return r.Rules, err
}

func (a *applier) apply(ctx context.Context, c *Change) error {
	if len(c.Fields) == 0 && c.Kind != Removed {
		return nil
	}
	var err error
	switch c.Entity {
	case EntityIndicator:
		err = a.indicator(ctx, c)
	case EntityKeyTask:
		err = a.task(ctx, c)
	case EntityProject:
		err = a.project(ctx, c)
	case EntityDepartmentYear:
		err = a.year(ctx, c)
	case EntityEvaluation:
		err = a.evaluation(ctx, c)
	default:
		err = fmt.Errorf("forms: no way to apply a change of %s", c.Entity)
	}
	return a.refused(ctx, c, err)
}

func valueOr(v, or any) any {
	if v == nil {
		return or
	}
	return v
}

// cellOf is the cell of field in c's row, or the row's first cell the change
// knows when the field has no cell of its own (a rule about kind and binding).
func cellOf(c *Change, field string) string {
	if cell := c.Cells[field]; cell != "" {
		return cell
	}
	for _, f := range []string{FieldOperator, FieldName, FieldTitle, FieldGoal} {
		if cell := c.Cells[f]; cell != "" && (field == FieldKind || field == "binding" || f != FieldOperator) {
			return cell
		}
	}
	return ""
}

// refused turns a rule's refusal of a value into a problem at its cell; any
// other error stops the import.
func (a *applier) refused(ctx context.Context, c *Change, err error) error {
	if err == nil {
		return nil
	}
	var (
		bad     *inputerr.Error
		invalid *ent.ValidationError
		field   string
		text    string
	)
	switch {
	case errors.As(err, &bad):
		field, text = bad.Field, bad.Message
	case errors.As(err, &invalid):
		field = inputerr.GraphQLName(invalid.Name)
		text = invalid.Unwrap().Error()
		if inner := errors.Unwrap(invalid.Unwrap()); inner != nil {
			text = inner.Error()
		}
	default:
		return err
	}
	params := []string{"field", field, "reason", inputerr.Invalid, "text", text}
	var r *inputerr.Reason
	if errors.As(err, &r) {
		params[3] = r.Code
		for k, v := range r.Params {
			params = append(params, k, v)
		}
	}
	// The rules refuse a rated score outside its band in words; the same rule
	// (scoring.Rules.CheckRatedScore, under the evaluation's rules) gives the band's
	// figures, for a translated sentence.
	if ind := c.indicator; field == FieldRatedScore && ind != nil && ind.RatedScore != nil && ind.Weight != nil {
		rules, err := a.rules(ctx)
		if err != nil {
			return err
		}
		var band *scoring.BandError
		if errors.As(rules.CheckRatedScore(scoring.Rating(ind.Rating), ind.RatedScore.Decimal(), ind.Weight.Decimal()), &band) {
			params[3] = string(scoring.RatedScoreOutsideBand)
			for k, v := range band.Params() {
				params = append(params, k, v)
			}
		}
	}
	value := ""
	if f := c.Field(field); f != nil {
		value = fmt.Sprint(valueOr(f.After, ""))
	}
	a.problems = append(a.problems, problem(c.Sheet, cellOf(c, field), field, value, CodeInvalid, params, "%s: %s", field, text))
	return nil
}

func (a *applier) indicator(ctx context.Context, c *Change) error {
	if c.Kind == Removed {
		return a.db.Indicator.DeleteOneID(c.ID).Exec(ctx)
	}
	r := c.indicator
	if c.Kind == Added {
		in := ent.CreateIndicatorInput{
			DepartmentYearID: a.form.Subject.YearID, Position: &r.Position,
			Level1: r.Level1, Level2: r.Level2, Name: r.Name, Kind: indicator.Kind(r.Kind),
			Target: r.Target, Unit: &r.Unit, Actual: r.Actual, RatedScore: r.RatedScore,
			DeviationReason: &r.DeviationReason, ScoringCriteria: &r.ScoringCriteria,
		}
		if p := a.form.Subject.ProjectID; p != 0 {
			in.ProjectID = &p
		}
		if r.Operator != "" {
			op := indicator.Operator(r.Operator)
			in.Operator = &op
		}
		if r.Rating != "" {
			rt := indicator.Rating(r.Rating)
			in.Rating = &rt
		}
		if r.Weight != nil {
			in.Weight = *r.Weight
		}
		ind, err := a.db.Indicator.Create().SetInput(in).Save(ctx)
		if err == nil {
			c.ID, c.ScoreAfter = ind.ID, &ind.Score
		}
		return err
	}
	var in ent.UpdateIndicatorInput
	for _, f := range c.Fields {
		switch f.Field {
		case FieldLevel1:
			in.Level1 = &r.Level1
		case FieldLevel2:
			in.Level2 = &r.Level2
		case FieldName:
			in.Name = &r.Name
		case FieldKind:
			k := indicator.Kind(r.Kind)
			in.Kind = &k
		case FieldOperator:
			if r.Operator == "" {
				in.ClearOperator = true
			} else {
				op := indicator.Operator(r.Operator)
				in.Operator = &op
			}
		case FieldTarget:
			in.Target, in.ClearTarget = r.Target, r.Target == nil
		case FieldUnit:
			in.Unit = &r.Unit
		case FieldActual:
			in.Actual, in.ClearActual = r.Actual, r.Actual == nil
		case FieldRating:
			if r.Rating == "" {
				in.ClearRating = true
			} else {
				rt := indicator.Rating(r.Rating)
				in.Rating = &rt
			}
		case FieldRatedScore:
			in.RatedScore, in.ClearRatedScore = r.RatedScore, r.RatedScore == nil
		case FieldWeight:
			in.Weight = r.Weight
		case FieldDeviationReason:
			in.DeviationReason = &r.DeviationReason
		case FieldScoringCriteria:
			in.ScoringCriteria = &r.ScoringCriteria
		case FieldPosition:
			in.Position = &r.Position
		}
	}
	if r.Bound && r.Kind == KindQualitative {
		in.ClearBinding = true // the rules then refuse the kind, naming binding, unless cleared
	}
	ind, err := a.db.Indicator.UpdateOneID(c.ID).SetInput(in).SetVersion(c.Version).Save(ctx)
	if err == nil {
		c.ScoreAfter = &ind.Score
	}
	return err
}

func (a *applier) task(ctx context.Context, c *Change) error {
	if c.Kind == Removed {
		return a.db.KeyTask.DeleteOneID(c.ID).Exec(ctx)
	}
	t := c.task
	if c.Kind == Added {
		kt, err := a.db.KeyTask.Create().SetInput(ent.CreateKeyTaskInput{
			DepartmentYearID: a.form.Subject.YearID, Position: &t.Position,
			Title: t.Title, Content: &t.Content, Outcome: &t.Outcome,
		}).Save(ctx)
		if err == nil {
			c.ID = kt.ID
		}
		return err
	}
	var in ent.UpdateKeyTaskInput
	for _, f := range c.Fields {
		switch f.Field {
		case FieldTitle:
			in.Title = &t.Title
		case FieldContent:
			in.Content = &t.Content
		case FieldOutcome:
			in.Outcome = &t.Outcome
		case FieldPosition:
			in.Position = &t.Position
		}
	}
	return a.db.KeyTask.UpdateOneID(c.ID).SetInput(in).SetVersion(c.Version).Exec(ctx)
}

func (a *applier) project(ctx context.Context, c *Change) error {
	var in ent.UpdateProjectInput
	for _, f := range c.Fields {
		switch f.Field {
		case FieldGoal:
			in.Goal = stringOf(f.After)
		case FieldGoalOutcome:
			in.GoalOutcome = stringOf(f.After)
		case FieldSupervisingDepartment:
			// The form names the project's own department where none other is
			// stored: that name stores as empty again.
			in.SupervisingDepartment = stringOf(f.After)
			if NormaliseName(*in.SupervisingDepartment) == NormaliseName(a.form.DepartmentName) {
				*in.SupervisingDepartment = ""
			}
		case FieldImplementingUnit:
			in.ImplementingUnit = stringOf(f.After)
		case FieldInitialBudget:
			in.InitialBudget = decimalOf(f.After)
		case "budget":
			in.Budget = decimalOf(f.After)
		case FieldExecuted:
			in.Executed = decimalOf(f.After)
		}
	}
	return a.db.Project.UpdateOneID(c.ID).SetInput(in).SetVersion(c.Version).Exec(ctx)
}

func (a *applier) year(ctx context.Context, c *Change) error {
	var in ent.UpdateDepartmentYearInput
	for _, f := range c.Fields {
		switch f.Field {
		case FieldGoal:
			in.Goal = stringOf(f.After)
		case FieldGoalOutcome:
			in.GoalOutcome = stringOf(f.After)
		case "basicInitialBudget":
			in.BasicInitialBudget = decimalOf(f.After)
		case "projectInitialBudget":
			in.ProjectInitialBudget = decimalOf(f.After)
		case "projectBudget":
			in.ProjectBudget = decimalOf(f.After)
		case "projectActual":
			in.ProjectActual = decimalOf(f.After)
		}
	}
	return a.db.DepartmentYear.UpdateOneID(c.ID).SetInput(in).SetVersion(c.Version).Exec(ctx)
}

// lines sets the breakdown the form shows, its changed lines and the others as
// they are, in one call of setFundingLines' code path (package breakdown): a line
// written only where an amount changed, a row emptied deleting its line. Each line
// the rules refuse is a problem at its cell.
func (a *applier) lines(ctx context.Context, changes []*Change) error {
	changed := map[Line]*Change{}
	for _, c := range changes {
		changed[c.Line] = c
	}
	var (
		lines []breakdown.Line
		of    []*Change // the change of each line sent; nil for a line left as it is
	)
	for _, row := range a.form.Money {
		if _, onSubject := moneyFields[a.form.Kind][row.Line]; onSubject {
			continue
		}
		c, amounts := changed[row.Line], &row
		if c != nil {
			amounts = c.money
		}
		if amounts.empty() {
			continue
		}
		lines = append(lines, breakdown.Line{Category: fundingline.Category(row.Line),
			InitialBudget: amounts.Initial, AdjustedBudget: amounts.Adjusted, Executed: amounts.Executed})
		of = append(of, c)
	}
	var project *int
	if id := a.form.Subject.ProjectID; id != 0 {
		project = &id
	}
	saved, err := breakdown.Set(ctx, a.db, a.form.Subject.YearID, project, lines)
	if refusals := breakdown.Refusals(err); refusals != nil {
		for _, r := range refusals {
			if of[r.Index] == nil {
				return err // a stored line the rules refuse as it is: not the workbook's doing
			}
			if err := a.refused(ctx, of[r.Index], r.Err); err != nil {
				return err
			}
		}
		return nil
	}
	if err != nil {
		return err
	}
	for _, l := range saved {
		if c := changed[Line(l.Category)]; c != nil && c.Kind == Added {
			c.ID = l.ID
		}
	}
	return nil
}

func (a *applier) evaluation(ctx context.Context, c *Change) error {
	var in ent.UpdateEvaluationInput
	for _, f := range c.Fields {
		switch f.Field {
		case FieldConclusion:
			in.Conclusion = stringOf(f.After)
		case FieldProblems:
			in.Problems = stringOf(f.After)
		case FieldImprovements:
			in.Improvements = stringOf(f.After)
		}
	}
	return a.db.Evaluation.UpdateOneID(c.ID).SetInput(in).SetVersion(c.Version).Exec(ctx)
}

func stringOf(v any) *string {
	s, _ := v.(string)
	return &s
}

// decimalOf reads back a decimal the diff wrote as the API writes it; a value
// cleared from a figure is 0, as the figures have no empty state.
func decimalOf(v any) *fixed.Decimal {
	s, _ := v.(string)
	d, err := fixed.Parse(s)
	if err != nil {
		d = 0
	}
	return &d
}
