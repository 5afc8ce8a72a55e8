// Package access decides who may read and write what. Every ent schema names one
// of its policies, so that no resolver, export or future endpoint can forget them:
// reads are filtered to what the viewer may see, writes are allowed or refused.
//
//   - ADMIN (the finance bureau) reads and writes everything.
//   - REVIEWER reads everything and approves or returns submitted evaluations;
//     re-scores indicators and raises, accepts or rejects rectification items.
//   - EDITOR reads and edits the data of one department subtree and submits it;
//     a submitted, approved or published evaluation, its indicators and its
//     figures are read-only to editors.
//   - ANALYST reads everything and writes nothing.
//   - An API token reads (everything, or one subtree) and writes nothing.
//   - Nobody signed in reads published evaluations and what they evaluate.
package access

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/privacy"
	"jixiao/ent/rectification"
	"jixiao/ent/targetversion"
	"jixiao/platform/viewer"
)

// ErrUnauthenticated refuses a write, or a read of something private, to a caller
// who has not signed in.
var ErrUnauthenticated = errors.New("sign in first")

// LockedError refuses an editor's change to data under review.
type LockedError struct {
	Evaluation int
	Status     evaluation.Status
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("evaluation %d is %s: it, its indicators and its figures are read-only until a reviewer returns it", e.Evaluation, e.Status)
}

// System returns ctx in which the server acts on its own authority: loading the
// demo, the command line, and the lookups the rules themselves make.
func System(ctx context.Context, job string) context.Context {
	return privacy.DecisionContext(viewer.NewContext(ctx, viewer.NewSystem(job)), privacy.Allow)
}

// system keeps the viewer (for audit records) but lifts the rules.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// Data is the policy of the departments' data: departments, their years, months,
// key tasks, funding lines, projects, indicators and evaluations.
func Data() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{serialize(), writeRule()},
	}
}

// Recorded is the policy of workflow transitions: read like the data they concern
// (never anonymously); written only by the server itself.
func Recorded() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// AdminOnly is the policy of users and API tokens.
func AdminOnly() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
			if _, err := visible(ctx, "User"); err != nil {
				return err
			}
			return privacy.Allow
		})},
	}
}

// Webhooks is the policy of webhooks: administrators register, read, change
// and delete them.
func Webhooks() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
			if _, err := visible(ctx, "Webhook"); err != nil {
				return err
			}
			return privacy.Allow
		})},
	}
}

// Deliveries is the policy of webhook deliveries: administrators read the log;
// only the server writes it (a retry an administrator asks for included).
func Deliveries() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// Rules is the policy of the scoring rule sets: everybody reads them, as the
// rules that score a published evaluation are public; the finance bureau
// (administrators and reviewers, who set the year's rules) creates versions; no
// version is ever changed or deleted, so that what scored an evaluation stays.
func Rules() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
			v := viewer.FromContext(ctx)
			switch {
			case !m.Op().Is(ent.OpCreate):
				return privacy.Denyf("a rule set's versions are kept as they are; change it by making a new version")
			case v.Kind == viewer.Anonymous:
				return ErrUnauthenticated
			case v.Kind == viewer.Token:
				return privacy.Denyf("API tokens are read-only")
			case v.Kind == viewer.System || v.Role == viewer.Admin || v.Role == viewer.Reviewer:
				return privacy.Allow
			}
			return privacy.Denyf("only the finance bureau (administrators and reviewers) sets the scoring rules")
		})},
	}
}

// AuditTrail is the policy of audit records: administrators and reviewers read
// them; only the audit hook writes them.
func AuditTrail() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// SystemOnly is the policy of sessions: the server alone reads and writes them.
func SystemOnly() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// deny refuses: UNAUTHENTICATED to nobody, FORBIDDEN to anybody else.
func deny(ctx context.Context, why string) error {
	if viewer.FromContext(ctx).Kind == viewer.Anonymous {
		return ErrUnauthenticated
	}
	return privacy.Denyf("%s", why)
}

// writeRule decides every change to the departments' data.
func writeRule() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := viewer.FromContext(ctx)
		switch {
		case v.Kind == viewer.Anonymous:
			return ErrUnauthenticated
		case v.Kind == viewer.Token:
			return privacy.Denyf("API tokens are read-only")
		case v.Role == viewer.Admin:
			return privacy.Allow
		case v.Role == viewer.Reviewer:
			return reviewerMay(ctx, m)
		case v.Role == viewer.Editor && v.Scope != nil:
			return editorMay(ctx, v.Scope, m)
		}
		return privacy.Denyf("%s users read; they do not change data", strings.ToLower(string(v.Role)))
	})
}

// reviewerMay lets a reviewer take their workflow steps and nothing else: an
// evaluation's, and deciding a department-year's filed or adjusted targets.
func reviewerMay(ctx context.Context, m ent.Mutation) error {
	if tm, ok := m.(*gen.TargetVersionMutation); ok {
		return reviewerMayDecide(tm)
	}
	if _, ok := m.(*gen.ReviewScoreMutation); ok {
		return privacy.Allow // re-scores are the reviewers' (the schema's hook says when)
	}
	if rm, ok := m.(*gen.RectificationMutation); ok {
		return reviewerMayRectify(rm)
	}
	if mm, ok := m.(*gen.MonitoringReportMutation); ok {
		return reviewerMayDecideMonitoring(mm)
	}
	em, ok := m.(*gen.EvaluationMutation)
	if !ok || !em.Op().Is(ent.OpUpdateOne) {
		return privacy.Denyf("reviewers approve or return submissions; they do not edit data")
	}
	for _, f := range em.Fields() {
		switch f {
		case evaluation.FieldStatus, evaluation.FieldReviewComment, evaluation.FieldUpdatedAt:
		default:
			return privacy.Denyf("reviewers approve or return submissions; they do not edit %s", f)
		}
	}
	return transitionAllowed(ctx, viewer.Reviewer, em)
}

// reviewerMayDecide lets a reviewer approve or return one target version (the
// schema's hook checks that it waits for a decision).
func reviewerMayDecide(m *gen.TargetVersionMutation) error {
	if !m.Op().Is(ent.OpUpdateOne) {
		return privacy.Denyf("reviewers approve or return targets; they do not file them")
	}
	for _, f := range m.Fields() {
		switch f {
		case targetversion.FieldStatus, targetversion.FieldReviewComment, targetversion.FieldReviewedByID,
			targetversion.FieldReviewedByName, targetversion.FieldReviewedAt, targetversion.FieldUpdatedAt:
		default:
			return privacy.Denyf("reviewers approve or return targets; they do not edit %s", f)
		}
	}
	return privacy.Allow
}

// reviewerMayRectify lets a reviewer raise a rectification item and accept or
// reject an answer (the schema's hook checks the step against the item's status).
func reviewerMayRectify(m *gen.RectificationMutation) error {
	switch {
	case m.Op().Is(ent.OpCreate):
		return privacy.Allow
	case !m.Op().Is(ent.OpUpdateOne):
		return privacy.Denyf("reviewers raise and decide rectification items; they do not delete them")
	}
	if to, ok := m.Status(); ok && to != rectification.StatusACCEPTED && to != rectification.StatusOPEN {
		return privacy.Denyf("the department answers a rectification item; reviewers accept or reject the answer")
	}
	for _, f := range m.Fields() {
		switch f {
		case rectification.FieldStatus, rectification.FieldReviewComment, rectification.FieldClosedByID,
			rectification.FieldClosedByName, rectification.FieldClosedAt, rectification.FieldUpdatedAt, rectification.FieldVersion:
		default:
			return privacy.Denyf("reviewers accept or reject a rectification item's answer; they do not edit %s", f)
		}
	}
	return privacy.Allow
}

// reviewerMayDecideMonitoring lets a reviewer approve or return one monitoring
// report (the schema's hook checks that it is submitted).
func reviewerMayDecideMonitoring(m *gen.MonitoringReportMutation) error {
	to, stepping := m.Status()
	if !m.Op().Is(ent.OpUpdateOne) || !stepping || (to != monitoringreport.StatusAPPROVED && to != monitoringreport.StatusRETURNED) {
		return privacy.Denyf("reviewers approve or return monitoring reports; they do not fill them")
	}
	for _, f := range m.Fields() {
		switch f {
		case monitoringreport.FieldStatus, monitoringreport.FieldReviewComment, monitoringreport.FieldReviewedByName,
			monitoringreport.FieldReviewedAt, monitoringreport.FieldUpdatedAt:
		default:
			return privacy.Denyf("reviewers approve or return monitoring reports; they do not edit %s", f)
		}
	}
	return privacy.Allow
}

// transitionAllowed checks a status change of em against the workflow.
func transitionAllowed(ctx context.Context, role viewer.Role, em *gen.EvaluationMutation) error {
	to, changes := em.Status()
	if !changes {
		return privacy.Skip
	}
	from, err := em.OldStatus(system(ctx))
	if err != nil {
		return privacy.Denyf("evaluation not found")
	}
	if !workflowAllowed(role, from, to) {
		return privacy.Denyf("a %s may not move an evaluation from %s to %s", strings.ToLower(string(role)), from, to)
	}
	return privacy.Allow
}
