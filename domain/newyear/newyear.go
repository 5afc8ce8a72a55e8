// Package newyear starts a department's year from the year before (上年): what
// carries over (the goal as expected, the key tasks, the overall indicator tree and
// the continuing projects with theirs) is copied, what belongs to the year that
// ended (figures, months, funding lines, actual values, ratings, reasons, outcomes,
// the evaluations' texts) is not. Every row is written through the ent client it is
// given, with the caller of ctx: the creates the API makes, so that every access
// rule, validator, kept value and audit record applies. The client must be a
// transaction's: a refusal leaves nothing written once the caller rolls back.
package newyear

import (
	"context"
	"fmt"
	"slices"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/project"
	"jixiao/ent/reporttext"
	"jixiao/platform/inputerr"
)

// Reasons of the refusals, for a UI's sentence.
const (
	ReasonYearHasData    = "YEAR_HAS_DATA"    // CONFLICT on year: params name what the year holds
	ReasonNoPreviousYear = "NO_PREVIOUS_YEAR" // BAD_USER_INPUT on year: params.year is the year that is missing
)

// Summary is what Start made. Its fields are YearStart's in the GraphQL schema.
type Summary struct {
	DepartmentYear *ent.DepartmentYear
	Previous       *ent.DepartmentYear
	CreatedYear    bool
	GoalCopied     bool
	KeyTasks       []*ent.KeyTask
	Indicators     []*ent.Indicator // the overall ones
	Projects       []*ent.Project
	// ProjectIndicatorCount counts the copied projects' indicators.
	ProjectIndicatorCount int
	Evaluations           []*ent.Evaluation
	SkippedProjects       []*ent.Project
}

// Start makes department departmentID's year from its year before. The year must
// not exist, or hold nothing yet (an empty draft overall evaluation, as a new year
// gets, is nothing): otherwise it is refused with an *inputerr.Occupied naming what
// the year holds.
func Start(ctx context.Context, db *ent.Client, departmentID, year int) (*Summary, error) {
	// The access rules first, on the change the action makes, before anything is
	// read: a department outside the caller's subtree is refused, not looked into.
	if err := departmentyear.Policy.EvalMutation(ctx, db.DepartmentYear.Create().SetDepartmentID(departmentID).SetYear(year).Mutation()); err != nil {
		return nil, err
	}
	if ok, err := db.Department.Query().Where(department.ID(departmentID)).Exist(ctx); err != nil {
		return nil, err
	} else if !ok {
		return nil, &inputerr.NotFound{Field: "departmentID", Entity: "department", ID: departmentID}
	}
	prev, err := db.DepartmentYear.Query().Where(departmentyear.DepartmentID(departmentID), departmentyear.Year(year-1)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, &inputerr.Error{Field: "year", Message: fmt.Sprintf("department %d has no year %d to start %d from", departmentID, year-1, year),
			Reason: inputerr.Refused(ReasonNoPreviousYear, []string{"year", fmt.Sprint(year - 1)}, "no year %d", year-1)}
	}
	if err != nil {
		return nil, err
	}
	s := &Summary{Previous: prev}
	target, err := db.DepartmentYear.Query().Where(departmentyear.DepartmentID(departmentID), departmentyear.Year(year)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		target, err = db.DepartmentYear.Create().SetDepartmentID(departmentID).SetYear(year).SetGoal(prev.Goal).Save(ctx)
		if err != nil {
			return nil, err
		}
		s.CreatedYear = true
	case err != nil:
		return nil, err
	default:
		if err := empty(ctx, db, target); err != nil {
			return nil, err
		}
		if prev.Goal != "" {
			if target, err = db.DepartmentYear.UpdateOneID(target.ID).SetGoal(prev.Goal).Save(ctx); err != nil {
				return nil, err
			}
		}
	}
	s.DepartmentYear = target
	s.GoalCopied = prev.Goal != ""

	tasks, err := db.KeyTask.Query().Where(keytask.DepartmentYearID(prev.ID)).Order(keytask.ByPosition(), keytask.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		kt, err := db.KeyTask.Create().SetDepartmentYearID(target.ID).SetPosition(t.Position).
			SetTitle(t.Title).SetContent(t.Content).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("key task %s: %w", t.Title, err)
		}
		s.KeyTasks = append(s.KeyTasks, kt)
	}

	c := copier{db: db, from: prev.ID, to: target.ID}
	if err := c.libraryReadable(ctx); err != nil {
		return nil, err
	}
	if s.Indicators, err = c.indicators(ctx, nil, nil); err != nil {
		return nil, err
	}
	if ev, err := c.evaluation(ctx, nil, true); err != nil {
		return nil, err
	} else if ev != nil {
		s.Evaluations = append(s.Evaluations, ev)
	}

	projects, err := db.Project.Query().Where(project.DepartmentYearID(prev.ID)).Order(project.ByID()).WithEvaluations().All(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range projects {
		if !p.ContinuesNextYear {
			s.SkippedProjects = append(s.SkippedProjects, p)
			continue
		}
		np, err := db.Project.Create().SetDepartmentYearID(target.ID).
			SetCode(p.Code).SetName(p.Name).SetCategory(p.Category).
			SetSupervisingDepartment(p.SupervisingDepartment).SetImplementingUnit(p.ImplementingUnit).
			SetGoal(p.Goal).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("project %s: %w", p.Name, err)
		}
		s.Projects = append(s.Projects, np)
		inds, err := c.indicators(ctx, &p.ID, &np.ID)
		if err != nil {
			return nil, err
		}
		s.ProjectIndicatorCount += len(inds)
		if ev, err := c.evaluation(ctx, &np.ID, len(p.Edges.Evaluations) > 0); err != nil {
			return nil, err
		} else if ev != nil {
			s.Evaluations = append(s.Evaluations, ev)
		}
	}
	return s, nil
}

// copier copies a subject's indicators from one department-year to the next.
type copier struct {
	db       *ent.Client
	from, to int
	readable map[int]bool // library entries the caller may read
}

// libraryReadable notes which library entries of last year's indicators the
// caller may read: an origin the caller may not read is left off the copy (the
// indicator's own rule would refuse it), the indicator is copied all the same.
func (c *copier) libraryReadable(ctx context.Context) error {
	ids, err := c.db.Indicator.Query().Where(indicator.DepartmentYearID(c.from), indicator.LibraryIndicatorIDNotNil()).
		Unique(true).Select(indicator.FieldLibraryIndicatorID).Ints(ctx)
	if err != nil {
		return err
	}
	c.readable = map[int]bool{}
	if len(ids) == 0 {
		return nil
	}
	seen, err := c.db.LibraryIndicator.Query().Where(libraryindicator.IDIn(ids...)).IDs(ctx)
	for _, id := range seen {
		c.readable[id] = true
	}
	return err
}

// indicators copies the overall indicators (from and to nil) or those of project
// *from to project *to: levels, name, kind, operator, target, unit, weight, binding,
// criteria, position and library origin; no actual value, rating, rated score or
// deviation reason.
func (c *copier) indicators(ctx context.Context, from, to *int) ([]*ent.Indicator, error) {
	q := c.db.Indicator.Query().Where(indicator.DepartmentYearID(c.from)).Order(indicator.ByPosition(), indicator.ByID())
	if from == nil {
		q.Where(indicator.ProjectIDIsNil())
	} else {
		q.Where(indicator.ProjectID(*from))
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*ent.Indicator, 0, len(rows))
	for _, r := range rows {
		cr := c.db.Indicator.Create().SetDepartmentYearID(c.to).SetNillableProjectID(to).SetPosition(r.Position).
			SetLevel1(r.Level1).SetLevel2(r.Level2).SetName(r.Name).SetKind(r.Kind).
			SetNillableOperator(r.Operator).SetNillableTarget(r.Target).SetUnit(r.Unit).SetWeight(r.Weight).
			SetNillableBinding(r.Binding).SetScoringCriteria(r.ScoringCriteria)
		if r.LibraryIndicatorID != nil && c.readable[*r.LibraryIndicatorID] {
			cr.SetLibraryIndicatorID(*r.LibraryIndicatorID)
		}
		ind, err := cr.Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("indicator %s: %w", r.Name, err)
		}
		out = append(out, ind)
	}
	return out, nil
}

// evaluation makes the subject's draft evaluation when want and it has none yet.
func (c *copier) evaluation(ctx context.Context, projectID *int, want bool) (*ent.Evaluation, error) {
	if !want {
		return nil, nil
	}
	q := c.db.Evaluation.Query().Where(evaluation.DepartmentYearID(c.to))
	if projectID == nil {
		q.Where(evaluation.ProjectIDIsNil())
	} else {
		q.Where(evaluation.ProjectID(*projectID))
	}
	if ok, err := q.Exist(ctx); err != nil || ok {
		return nil, err
	}
	return c.db.Evaluation.Create().SetDepartmentYearID(c.to).SetNillableProjectID(projectID).Save(ctx)
}

// empty refuses a year that holds anything a start would overwrite or add beside:
// figures, goal texts, months, key tasks, funding lines, projects, indicators, or
// an evaluation beyond an empty draft of the whole year.
func empty(ctx context.Context, db *ent.Client, dy *ent.DepartmentYear) error {
	var held []inputerr.Reference
	count := func(what string, n int, err error) error {
		if err == nil && n > 0 {
			held = append(held, inputerr.Reference{What: what, Count: n})
		}
		return err
	}
	figures := 0
	for _, v := range []fixed.Decimal{dy.PersonnelBudget, dy.PersonnelActual, dy.PublicBudget, dy.PublicActual,
		dy.ProjectBudget, dy.ProjectActual, dy.CarryoverStart, dy.CarryoverEnd, dy.ThreePublicBudget, dy.ThreePublicActual,
		dy.AssetsInUse, dy.AssetsTotal, dy.BasicInitialBudget, dy.ProjectInitialBudget} {
		if v != 0 {
			figures++
		}
	}
	texts := 0
	for _, t := range []string{dy.Goal, dy.GoalOutcome} {
		if t != "" {
			texts++
		}
	}
	evs, err := db.Evaluation.Query().Where(evaluation.DepartmentYearID(dy.ID)).All(ctx)
	if err != nil {
		return err
	}
	written := slices.DeleteFunc(evs, func(ev *ent.Evaluation) bool {
		return ev.ProjectID == nil && ev.Status == evaluation.StatusDRAFT &&
			ev.Conclusion == "" && ev.Problems == "" && ev.Improvements == "" && ev.ExecutionExplanation == ""
	})
	texted, err := db.ReportText.Query().Where(reporttext.HasEvaluationWith(evaluation.DepartmentYearID(dy.ID))).Count(ctx)
	if err != nil {
		return err
	}
	for _, step := range []func() error{
		func() error { return count("figures", figures, nil) },
		func() error { return count("goal texts", texts, nil) },
		func() error {
			n, err := db.MonthlyExecution.Query().Where(monthlyexecution.DepartmentYearID(dy.ID)).Count(ctx)
			return count("months", n, err)
		},
		func() error {
			n, err := db.KeyTask.Query().Where(keytask.DepartmentYearID(dy.ID)).Count(ctx)
			return count("key tasks", n, err)
		},
		func() error {
			n, err := db.FundingLine.Query().Where(fundingline.DepartmentYearID(dy.ID)).Count(ctx)
			return count("funding lines", n, err)
		},
		func() error {
			n, err := db.Project.Query().Where(project.DepartmentYearID(dy.ID)).Count(ctx)
			return count("projects", n, err)
		},
		func() error {
			n, err := db.Indicator.Query().Where(indicator.DepartmentYearID(dy.ID)).Count(ctx)
			return count("indicators", n, err)
		},
		func() error { return count("evaluations", len(written), nil) },
		func() error { return count("report texts", texted, nil) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	if len(held) == 0 {
		return nil
	}
	return &inputerr.Occupied{Field: "year", Reason: ReasonYearHasData, Entity: "department-year", Existing: dy.ID,
		What: fmt.Sprintf("department %d's year %d", dy.DepartmentID, dy.Year), Held: held,
		Params: map[string]string{"year": fmt.Sprint(dy.Year)}}
}
