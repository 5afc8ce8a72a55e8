package access

import (
	"context"
	"errors"
	"slices"
	"strings"

	"entgo.io/ent"

	"jixiao/domain/workflow"
	gen "jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/privacy"
	"jixiao/ent/project"
	"jixiao/ent/rectification"
	"jixiao/ent/reporttext"
	"jixiao/ent/reviewscore"
	"jixiao/ent/targetversion"
	"jixiao/platform/viewer"
)

// workflowAllowed is workflow.Allowed; a variable so that the rules read as one list.
var workflowAllowed = workflow.Allowed

// owner is what one changed row belongs to: a department-year and, for a project's
// rows, the project; for an evaluation row, the evaluation itself and its status.
type owner struct {
	year, project int
	evaluation    *gen.Evaluation
	// monitoring marks a monitoring report's rows: they are locked by the
	// report's own status (schema hooks), not by the year's evaluation.
	monitoring bool
	// answer marks a rectification item's evidence: the department attaches it
	// while the item is OPEN (schema hooks), whatever the evaluation's status.
	answer bool
}

// outside is the refusal for rows outside the editor's subtree, or rows that do not
// exist: the same words for both, so that a refusal tells nothing about existence.
func outside() error {
	return privacy.Denyf("you may change only your own department's data")
}

// editorMay lets an editor change their subtree's data while it is not under review.
func editorMay(ctx context.Context, s *viewer.Scope, m ent.Mutation) error {
	sys := system(ctx)
	if dm, ok := m.(*gen.DepartmentYearMutation); ok && dm.Op().Is(ent.OpCreate) {
		id, _ := dm.DepartmentID()
		ok, err := m.(interface{ Client() *gen.Client }).Client().Department.Query().
			Where(department.ID(id), within(s)).Exist(sys)
		if err != nil || !ok {
			return outside()
		}
		return privacy.Allow
	}
	if tm, ok := m.(*gen.TargetVersionMutation); ok && !tm.Op().Is(ent.OpCreate) {
		return privacy.Denyf("only the finance bureau approves or returns targets")
	}
	if _, ok := m.(*gen.ReviewScoreMutation); ok {
		return privacy.Denyf("reviewers re-score indicators; editors read their scores")
	}
	rm, answering := m.(*gen.RectificationMutation)
	if answering {
		if err := editorMayAnswer(rm); err != nil {
			return err
		}
	}
	if mm, ok := m.(*gen.MonitoringReportMutation); ok && !mm.Op().Is(ent.OpCreate) { // a new report's status is its default
		to, stepping := mm.Status()
		_, commenting := mm.ReviewComment()
		if (stepping && to != monitoringreport.StatusSUBMITTED) || commenting {
			return privacy.Denyf("only the finance bureau approves or returns monitoring reports")
		}
	}
	owners, err := ownersOf(sys, m)
	if err != nil {
		return err
	}
	if len(owners) == 0 {
		if m.Op().Is(ent.OpUpdate | ent.OpDelete) {
			return privacy.Allow // a bulk change that matches no row changes nothing
		}
		return outside()
	}
	client := m.(interface{ Client() *gen.Client }).Client()
	years := make([]int, 0, len(owners))
	for _, o := range owners {
		if !slices.Contains(years, o.year) {
			years = append(years, o.year)
		}
	}
	n, err := client.DepartmentYear.Query().
		Where(departmentyear.IDIn(years...), departmentyear.HasDepartmentWith(within(s))).Count(sys)
	if err != nil {
		return err
	}
	if n != len(years) {
		return outside()
	}
	if answering {
		return privacy.Allow // items follow the review: answered whatever the evaluation's status
	}
	for _, o := range owners {
		if err := notUnderReview(sys, client, o, m); err != nil {
			return err
		}
	}
	return privacy.Allow
}

// editorMayAnswer lets an editor only answer a rectification item: its status to
// ANSWERED with the measures and outcome (the schema's hook checks it is OPEN).
func editorMayAnswer(m *gen.RectificationMutation) error {
	if !m.Op().Is(ent.OpUpdateOne) {
		return privacy.Denyf("reviewers raise rectification items; the department answers them")
	}
	if to, ok := m.Status(); ok && to != rectification.StatusANSWERED {
		return privacy.Denyf("the department answers a rectification item; reviewers accept or reject the answer")
	}
	for _, f := range m.Fields() {
		switch f {
		case rectification.FieldStatus, rectification.FieldMeasures, rectification.FieldOutcome,
			rectification.FieldAnsweredByID, rectification.FieldAnsweredByName, rectification.FieldAnsweredAt,
			rectification.FieldUpdatedAt, rectification.FieldVersion:
		default:
			return privacy.Denyf("the department answers a rectification item; it does not edit %s", f)
		}
	}
	return nil
}

// notUnderReview refuses changes to data whose evaluation is under review, and
// lets an editor move their own evaluation only by submitting it.
func notUnderReview(ctx context.Context, c *gen.Client, o owner, m ent.Mutation) error {
	if o.monitoring || o.answer {
		return nil
	}
	ev, err := evaluationOf(ctx, c, o)
	if ev == nil || err != nil {
		return err
	}
	// A new evaluation's status is its default, not a step: a second evaluation of
	// the subject is then refused as taken (schema.uniqueEvaluation), naming the first.
	if em, ok := m.(*gen.EvaluationMutation); ok && !em.Op().Is(ent.OpCreate) {
		if to, changes := em.Status(); changes {
			if !workflowAllowed(viewer.Editor, ev.Status, to) {
				return privacy.Denyf("an editor may not move an evaluation from %s to %s", ev.Status, to)
			}
			return nil
		}
		if _, ok := em.ReviewComment(); ok {
			return privacy.Denyf("only reviewers comment on a review")
		}
	}
	if workflow.Locked(ev.Status) {
		return &LockedError{Evaluation: ev.ID, Status: ev.Status}
	}
	return nil
}

// evaluationOf is the evaluation the owner's rows belong to; nil when it has none yet.
func evaluationOf(ctx context.Context, c *gen.Client, o owner) (*gen.Evaluation, error) {
	if o.evaluation != nil {
		return o.evaluation, nil
	}
	q := c.Evaluation.Query().Where(evaluation.DepartmentYearID(o.year))
	if o.project != 0 {
		q = q.Where(evaluation.ProjectID(o.project))
	} else {
		q = q.Where(evaluation.ProjectIDIsNil())
	}
	ev, err := q.Only(ctx)
	if gen.IsNotFound(err) {
		return nil, nil
	}
	return ev, err
}

// Lock is the refusal an editor's change m would meet because its rows' evaluation
// is under review; nil when nothing holds them. It answers for anybody: the lock
// is a state of the data, and only editors are bound by it.
func Lock(ctx context.Context, m ent.Mutation) (*LockedError, error) {
	sys := system(ctx)
	owners, err := ownersOf(sys, m)
	if err != nil {
		return nil, err
	}
	client := m.(interface{ Client() *gen.Client }).Client()
	for _, o := range owners {
		if o.monitoring || o.answer {
			continue
		}
		ev, err := evaluationOf(sys, client, o)
		if err != nil {
			return nil, err
		}
		if ev != nil && workflow.Locked(ev.Status) {
			return &LockedError{Evaluation: ev.ID, Status: ev.Status}, nil
		}
	}
	return nil, nil
}

// Allowed reports whether the access rules let the caller make the change m: false
// when they refuse it (FORBIDDEN, UNAUTHENTICATED, LOCKED), an error only when they
// could not decide. It asks the policy itself, so the answer is what the change
// would get.
func Allowed(ctx context.Context, policy ent.Policy, m ent.Mutation) (bool, error) {
	err := policy.EvalMutation(context.WithValue(ctx, askingKey{}, true), m)
	var locked *LockedError
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, privacy.Deny), errors.Is(err, ErrUnauthenticated), errors.As(err, &locked):
		return false, nil
	}
	return false, err
}

// ownersOf lists what the rows m changes belong to, read with the rules lifted.
func ownersOf(ctx context.Context, m ent.Mutation) ([]owner, error) {
	creating := m.Op().Is(ent.OpCreate)
	ids, err := func() ([]int, error) {
		if creating {
			return nil, nil
		}
		return m.(interface {
			IDs(context.Context) ([]int, error)
		}).IDs(ctx)
	}()
	if err != nil {
		return nil, err
	}
	// new is the owner of a row being created from its department-year and project fields.
	new := func(year func() (int, bool), project func() (int, bool)) []owner {
		y, _ := year()
		p, _ := project()
		return []owner{{year: y, project: p}}
	}
	none := func() (int, bool) { return 0, false }
	switch m := m.(type) {
	case *gen.DepartmentMutation:
		return nil, privacy.Denyf("departments are managed by administrators")
	case *gen.DepartmentYearMutation:
		return mapOwners(ids, func(id int) owner { return owner{year: id} }), nil
	case *gen.MonthlyExecutionMutation:
		if creating {
			return new(m.DepartmentYearID, none), nil
		}
		return load(m.Client().MonthlyExecution.Query().Where(monthlyexecution.IDIn(ids...)).All(ctx))(
			func(r *gen.MonthlyExecution) owner { return owner{year: r.DepartmentYearID} })
	case *gen.KeyTaskMutation:
		if creating {
			return new(m.DepartmentYearID, none), nil
		}
		return load(m.Client().KeyTask.Query().Where(keytask.IDIn(ids...)).All(ctx))(
			func(r *gen.KeyTask) owner { return owner{year: r.DepartmentYearID} })
	case *gen.FundingLineMutation:
		// A year's revenue lines are locked with its overall evaluation, a project's
		// lines with the project's evaluation.
		if creating {
			return new(m.DepartmentYearID, m.ProjectID), nil
		}
		return load(m.Client().FundingLine.Query().Where(fundingline.IDIn(ids...)).All(ctx))(
			func(r *gen.FundingLine) owner { return owner{year: r.DepartmentYearID, project: deref(r.ProjectID)} })
	case *gen.ProjectMutation:
		if creating {
			return new(m.DepartmentYearID, none), nil
		}
		return load(m.Client().Project.Query().Where(project.IDIn(ids...)).All(ctx))(
			func(r *gen.Project) owner { return owner{year: r.DepartmentYearID, project: r.ID} })
	case *gen.IndicatorMutation:
		if creating {
			return new(m.DepartmentYearID, m.ProjectID), nil
		}
		// A query of its own, never m.OldDepartmentYearID: that would cache the old
		// row in the mutation before serialize has the year's lock, and the hooks
		// (the version check, the cross-field rules) would then read a row another
		// transaction has since changed.
		return load(m.Client().Indicator.Query().Where(indicator.IDIn(ids...)).All(ctx))(
			func(r *gen.Indicator) owner { return owner{year: r.DepartmentYearID, project: deref(r.ProjectID)} })
	case *gen.EvaluationMutation:
		if creating { // a new evaluation is a draft; what it evaluates must not be under review
			return new(m.DepartmentYearID, m.ProjectID), nil
		}
		return load(m.Client().Evaluation.Query().Where(evaluation.IDIn(ids...)).All(ctx))(
			func(r *gen.Evaluation) owner {
				return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), evaluation: r}
			})
	case *gen.TargetVersionMutation:
		// A year's targets are filed and adjusted while its overall evaluation is not
		// under review; editors file, only the finance bureau decides (reviewerMay).
		if creating {
			return new(m.DepartmentYearID, none), nil
		}
		return load(m.Client().TargetVersion.Query().Where(targetversion.IDIn(ids...)).All(ctx))(
			func(r *gen.TargetVersion) owner { return owner{year: r.DepartmentYearID} })
	case *gen.AttachmentMutation:
		// Evidence is its owner's: attached and removed as the owner is changed (an
		// indicator's, by whoever may change the indicator while it is not under
		// review; a monitoring entry's, as its report's entries; a rectification
		// item's, by the department answering it).
		var indicators, entries, items []int
		if creating {
			if id, ok := m.IndicatorID(); ok {
				indicators = []int{id}
			}
			if id, ok := m.MonitoringEntryID(); ok {
				entries = []int{id}
			}
			if id, ok := m.RectificationID(); ok {
				items = []int{id}
			}
		} else {
			rows, err := m.Client().Attachment.Query().Where(attachment.IDIn(ids...)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				switch {
				case r.IndicatorID != nil:
					indicators = append(indicators, *r.IndicatorID)
				case r.MonitoringEntryID != nil:
					entries = append(entries, *r.MonitoringEntryID)
				case r.RectificationID != nil:
					items = append(items, *r.RectificationID)
				}
			}
		}
		var out []owner
		if len(indicators) > 0 {
			o, err := load(m.Client().Indicator.Query().Where(indicator.IDIn(indicators...)).All(ctx))(
				func(r *gen.Indicator) owner { return owner{year: r.DepartmentYearID, project: deref(r.ProjectID)} })
			if err != nil {
				return nil, err
			}
			out = append(out, o...)
		}
		if len(entries) > 0 {
			o, err := load(m.Client().MonitoringReport.Query().
				Where(monitoringreport.HasEntriesWith(monitoringentry.IDIn(entries...))).All(ctx))(
				func(r *gen.MonitoringReport) owner {
					return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), monitoring: true}
				})
			if err != nil {
				return nil, err
			}
			out = append(out, o...)
		}
		if len(items) > 0 {
			o, err := load(m.Client().Evaluation.Query().
				Where(evaluation.HasRectificationsWith(rectification.IDIn(items...))).All(ctx))(
				func(r *gen.Evaluation) owner {
					return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), answer: true}
				})
			if err != nil {
				return nil, err
			}
			out = append(out, o...)
		}
		return out, nil
	case *gen.ReviewScoreMutation:
		// A re-score belongs to its indicator's subject.
		var indicators []int
		if creating {
			id, _ := m.IndicatorID()
			indicators = []int{id}
		} else {
			rows, err := m.Client().ReviewScore.Query().Where(reviewscore.IDIn(ids...)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				indicators = append(indicators, r.IndicatorID)
			}
		}
		return load(m.Client().Indicator.Query().Where(indicator.IDIn(indicators...)).All(ctx))(
			func(r *gen.Indicator) owner { return owner{year: r.DepartmentYearID, project: deref(r.ProjectID)} })
	case *gen.RectificationMutation:
		// An item belongs to its evaluation; editors answer it whatever its status (editorMay).
		var evaluations []int
		if creating {
			id, _ := m.EvaluationID()
			evaluations = []int{id}
		} else {
			rows, err := m.Client().Rectification.Query().Where(rectification.IDIn(ids...)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				evaluations = append(evaluations, r.EvaluationID)
			}
		}
		return load(m.Client().Evaluation.Query().Where(evaluation.IDIn(evaluations...)).All(ctx))(
			func(r *gen.Evaluation) owner {
				return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), evaluation: r}
			})
	case *gen.MonitoringReportMutation:
		if creating {
			o := new(m.DepartmentYearID, m.ProjectID)
			o[0].monitoring = true
			return o, nil
		}
		return load(m.Client().MonitoringReport.Query().Where(monitoringreport.IDIn(ids...)).All(ctx))(
			func(r *gen.MonitoringReport) owner {
				return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), monitoring: true}
			})
	case *gen.MonitoringEntryMutation:
		// An entry belongs to its report's subject.
		var reports []int
		if creating {
			id, _ := m.ReportID()
			reports = []int{id}
		} else if err := m.Client().MonitoringEntry.Query().Where(monitoringentry.IDIn(ids...)).
			Unique(true).Select(monitoringentry.FieldReportID).Scan(ctx, &reports); err != nil {
			return nil, err
		}
		return load(m.Client().MonitoringReport.Query().Where(monitoringreport.IDIn(reports...)).All(ctx))(
			func(r *gen.MonitoringReport) owner {
				return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), monitoring: true}
			})
	case *gen.ReportTextMutation:
		// A report text belongs to its evaluation: it is locked with it.
		var evaluations []int
		if creating {
			id, _ := m.EvaluationID()
			evaluations = []int{id}
		} else {
			texts, err := m.Client().ReportText.Query().Where(reporttext.IDIn(ids...)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, t := range texts {
				evaluations = append(evaluations, t.EvaluationID)
			}
		}
		return load(m.Client().Evaluation.Query().Where(evaluation.IDIn(evaluations...)).All(ctx))(
			func(r *gen.Evaluation) owner {
				return owner{year: r.DepartmentYearID, project: deref(r.ProjectID), evaluation: r}
			})
	}
	return nil, privacy.Denyf("%s is not departmental data", strings.ToLower(m.Type()))
}

// load maps the rows a query read to their owners.
func load[T any](rows []T, err error) func(func(T) owner) ([]owner, error) {
	return func(f func(T) owner) ([]owner, error) {
		if err != nil {
			return nil, err
		}
		return mapOwners(rows, f), nil
	}
}

func mapOwners[T any](rows []T, f func(T) owner) []owner {
	out := make([]owner, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
