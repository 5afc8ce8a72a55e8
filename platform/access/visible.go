package access

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	"jixiao/ent/attachment"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/ent/intercept"
	"jixiao/ent/keytask"
	"jixiao/ent/librarytransition"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/predicate"
	"jixiao/ent/privacy"
	"jixiao/ent/project"
	"jixiao/ent/rectification"
	"jixiao/ent/rectificationtransition"
	"jixiao/ent/reporttext"
	"jixiao/ent/reviewscore"
	"jixiao/ent/targetversion"
	"jixiao/ent/transition"
	"jixiao/platform/viewer"
)

// Rows is a predicate on one entity's table that selects the rows a viewer may read.
type Rows = func(*sql.Selector)

// The read rules are stated once, here, as predicates on each entity's table. The
// privacy policies filter every query with them (readFilter), and the GraphQL layer
// puts them inside every edge a `where` input traverses (hasYearsWith and the
// like), which ent's policies do not reach: a hidden row then answers exactly as a
// missing one, whatever the filter asks of it.

// Visible returns the rows of entity (an ent type name such as "DepartmentYear")
// that the viewer in ctx may read; nil means every row.
func Visible(ctx context.Context, entity string) Rows {
	rows, err := visible(ctx, entity)
	if err != nil {
		return none
	}
	return rows
}

// MayRead is nil when the viewer in ctx may read rows of entity, else the
// refusal a query of entity gets (UNAUTHENTICATED or FORBIDDEN): for a
// resolver that must refuse before it does anything else.
func MayRead(ctx context.Context, entity string) error {
	_, err := visible(ctx, entity)
	return err
}

// none selects no row.
func none(s *sql.Selector) { s.Where(sql.False()) }

// visible is Visible with the refusal a root query gets when the viewer may read
// no row of entity at all.
func visible(ctx context.Context, entity string) (Rows, error) {
	v := viewer.FromContext(ctx)
	if d, ok := privacy.DecisionFromContext(ctx); ok && d == privacy.Allow {
		return nil, nil // the server acting on its own authority
	}
	switch entity {
	case "User", "APIToken":
		if v.Kind == viewer.User && v.Role == viewer.Admin {
			return nil, nil
		}
		return nil, deny(ctx, "only administrators manage users and API tokens")
	case "Webhook", "WebhookDelivery":
		if v.Kind == viewer.User && v.Role == viewer.Admin {
			return nil, nil
		}
		return nil, deny(ctx, "only administrators manage webhooks")
	case "AuditRecord":
		if v.Kind == viewer.User && (v.Role == viewer.Admin || v.Role == viewer.Reviewer) {
			return nil, nil
		}
		return nil, deny(ctx, "only administrators and reviewers read the audit trail")
	case "Session":
		return nil, privacy.Denyf("sessions are the server's own")
	case "RuleSet":
		return nil, nil // the scoring rules are public, as the scores they make are
	}
	switch {
	case v.SeesEverything():
		return nil, nil
	case v.Scope != nil:
		return withinScope(entity, v.Scope)
	case v.Kind == viewer.Anonymous && entity != "Transition":
		return published(entity)
	}
	return nil, deny(ctx, "you may not read this")
}

// withinScope is the rows of entity that belong to the departments of scope s.
func withinScope(entity string, s *viewer.Scope) (Rows, error) {
	year := departmentyear.HasDepartmentWith(within(s))
	switch entity {
	case "Department":
		return within(s), nil
	case "DepartmentYear":
		return year, nil
	case "Project":
		return project.HasDepartmentYearWith(year), nil
	case "Indicator":
		return indicator.HasDepartmentYearWith(year), nil
	case "Evaluation":
		return evaluation.HasDepartmentYearWith(year), nil
	case "KeyTask":
		return keytask.HasDepartmentYearWith(year), nil
	case "MonthlyExecution":
		return monthlyexecution.HasDepartmentYearWith(year), nil
	case "FundingLine":
		return fundingline.HasDepartmentYearWith(year), nil
	case "Transition":
		return transition.HasEvaluationWith(evaluation.HasDepartmentYearWith(year)), nil
	case "ReportText":
		return reporttext.HasEvaluationWith(evaluation.HasDepartmentYearWith(year)), nil
	case "TargetVersion":
		return targetversion.HasDepartmentYearWith(year), nil
	case "Attachment":
		// Evidence is read with its owner: an indicator, a monitoring entry, a rectification item.
		return attachment.Or(
			attachment.HasIndicatorWith(indicator.HasDepartmentYearWith(year)),
			attachment.HasMonitoringEntryWith(monitoringentry.HasReportWith(monitoringreport.HasDepartmentYearWith(year))),
			attachment.HasRectificationWith(rectification.HasEvaluationWith(evaluation.HasDepartmentYearWith(year))),
		), nil
	case "ReviewScore":
		return reviewscore.HasIndicatorWith(indicator.HasDepartmentYearWith(year)), nil
	case "Rectification":
		return rectification.HasEvaluationWith(evaluation.HasDepartmentYearWith(year)), nil
	case "RectificationTransition":
		return rectificationtransition.HasRectificationWith(rectification.HasEvaluationWith(evaluation.HasDepartmentYearWith(year))), nil
	case "MonitoringReport":
		return monitoringreport.HasDepartmentYearWith(year), nil
	case "MonitoringEntry":
		return monitoringentry.HasReportWith(monitoringreport.HasDepartmentYearWith(year)), nil
	case "LibraryIndicator":
		return libraryRows(s), nil
	case "LibraryTransition":
		return librarytransition.HasLibraryIndicatorWith(libraryRows(s)), nil
	case "Round":
		return roundRows(s), nil
	case "RoundParticipant":
		return participantRows(s), nil
	}
	return nil, privacy.Denyf("no department filter for %s", entity)
}

// published shows the public what a published evaluation evaluates: a
// department-year's figures, revenue lines and overall indicators once its overall
// evaluation is published, a project, its lines and its indicators once the
// project's evaluation is (a project and its lines also with its published year),
// the report texts of a published evaluation, the evidence of the indicators shown
// and the re-scores of its indicators. Rectification items are not public: a
// published report states what became of them, without the officials' names.
// Department names and their tree are public.
func published(entity string) (Rows, error) {
	done := evaluation.StatusEQ(evaluation.StatusPUBLISHED)
	yearDone := departmentyear.HasEvaluationsWith(evaluation.ProjectIDIsNil(), done)
	projectShown := project.Or(project.HasEvaluationsWith(done), project.HasDepartmentYearWith(yearDone))
	indicatorShown := indicator.Or(
		indicator.And(indicator.ProjectIDIsNil(), indicator.HasDepartmentYearWith(yearDone)),
		indicator.HasProjectWith(project.HasEvaluationsWith(done)),
	)
	switch entity {
	case "Department":
		return nil, nil
	case "Evaluation":
		return done, nil
	case "DepartmentYear":
		return yearDone, nil
	case "Project":
		return projectShown, nil
	case "FundingLine":
		// Lines are their owner's figures: a year's revenue with the year, a project's
		// sources with the project.
		return fundingline.Or(
			fundingline.And(fundingline.ProjectIDIsNil(), fundingline.HasDepartmentYearWith(yearDone)),
			fundingline.HasProjectWith(projectShown),
		), nil
	case "Indicator":
		return indicatorShown, nil
	case "Attachment":
		// Evidence is read with what it is evidence of: a published indicator's; the
		// public reads no monitoring report and no rectification item, nor their files.
		return attachment.HasIndicatorWith(indicatorShown), nil
	case "KeyTask":
		return keytask.HasDepartmentYearWith(yearDone), nil
	case "MonthlyExecution":
		return monthlyexecution.HasDepartmentYearWith(yearDone), nil
	case "ReportText":
		return reporttext.HasEvaluationWith(done), nil
	case "ReviewScore":
		// A published evaluation shows the reviewer's scores beside the self-scores.
		return reviewscore.HasIndicatorWith(indicatorShown), nil
	case "MonitoringReport", "MonitoringEntry":
		// Mid-year monitoring is the administration's working document: the public
		// reads none of it (a hidden report answers as a missing one).
		return none, nil
	case "TargetVersion":
		// A published report says where a target was adjusted and why.
		return targetversion.And(targetversion.StatusEQ(targetversion.StatusAPPROVED), targetversion.HasDepartmentYearWith(yearDone)), nil
	}
	return nil, ErrUnauthenticated
}

// within is the department subtree of s.
func within(s *viewer.Scope) predicate.Department {
	return department.Or(department.ID(s.Root), department.PathHasPrefix(s.Prefix))
}

// readFilter narrows every query to Visible rows, or refuses it when the viewer
// may read none of its entity.
func readFilter() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		iq, err := intercept.NewQuery(q)
		if err != nil {
			return err
		}
		rows, err := visible(ctx, iq.Type())
		if err != nil {
			return err
		}
		if rows != nil {
			iq.WhereP(rows)
		}
		return privacy.Allow
	})
}
