// Package review files, adjusts and decides a department-year's performance
// targets in the store (the rules are package targets'): each step is a
// TargetVersion written through the access rules and the schema's hooks, so who
// may take it and whether the year's targets allow it are decided there.
package review

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"jixiao/domain/targets"
	"jixiao/domain/workflow"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/privacy"
	"jixiao/ent/targetversion"
	"jixiao/platform/inputerr"
)

// Snapshot is department-year year's indicator tree as a version keeps it: the
// overall indicators, then each project's, each in the editor's order.
func Snapshot(ctx context.Context, c *ent.Client, year int) ([]targets.Entry, error) {
	rows, err := c.Indicator.Query().Where(indicator.DepartmentYearID(year)).
		Order(indicator.ByProjectID(sql.OrderNullsFirst()), indicator.ByPosition(), indicator.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]targets.Entry, len(rows))
	for i, r := range rows {
		out[i] = entryOf(r)
	}
	return out, nil
}

func entryOf(r *ent.Indicator) targets.Entry {
	e := targets.Entry{
		Indicator: r.ID, Project: r.ProjectID, Level1: r.Level1, Level2: r.Level2, Name: r.Name,
		Kind: string(r.Kind), Target: r.Target, Unit: r.Unit, Weight: r.Weight,
	}
	if r.Operator != nil {
		e.Operator = string(*r.Operator)
	}
	return e
}

// File files the year's targets as they stand: a FILING version waiting for the
// finance bureau. The schema's hook reads the tree (Snapshot) once the access
// rules have taken the year's lock, so that the version filed is the tree as it
// stands after any change that committed first, and no change gets in between.
func File(ctx context.Context, c *ent.Client, year int, note string) (*ent.TargetVersion, error) {
	return c.TargetVersion.Create().SetDepartmentYearID(year).SetKind(targetversion.KindFILING).
		SetReason(strings.TrimSpace(note)).SetEntries([]targets.Entry{}).Save(ctx)
}

// FileProblems is what keeps a tree from being filed: a quantitative indicator
// without its operator or target. The error names the first, by its place.
func FileProblems(entries []targets.Entry) error {
	for _, e := range entries {
		if e.Kind != "QUANTITATIVE" {
			continue
		}
		if e.Operator == "" || e.Target == nil {
			project := ""
			if e.Project != nil {
				project = fmt.Sprint(*e.Project)
			}
			return inputerr.WithReason("departmentYearID", inputerr.Refused("TARGET_MISSING",
				[]string{"indicatorID", fmt.Sprint(e.Indicator), "name", e.Name, "projectID", project},
				"%s has no target: give every quantitative indicator its operator and target before filing", e.Name))
		}
	}
	return nil
}

// Adjust proposes a mid-year adjustment of the year's approved targets: the
// version in force with proposals applied, and the reason. It takes effect when
// the finance bureau approves it (Decide).
func Adjust(ctx context.Context, c *ent.Client, year int, reason string, proposals []targets.Proposal) (*ent.TargetVersion, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, inputerr.New("reason", "say why the targets change (调整原因)")
	}
	base, err := InForce(ctx, c, year)
	if err != nil {
		return nil, err
	}
	create := c.TargetVersion.Create().SetDepartmentYearID(year).SetKind(targetversion.KindADJUSTMENT).
		SetReason(strings.TrimSpace(reason))
	if base == nil {
		// No version in force: the hook refuses, saying where the year's targets stand.
		return create.SetEntries([]targets.Entry{}).Save(ctx)
	}
	entries, err := targets.Apply(base.Entries, proposals)
	if err != nil {
		return nil, proposalError(err)
	}
	v, err := create.SetEntries(entries).Save(ctx)
	if err != nil {
		return nil, err
	}
	// Under the year's lock now: the version in force must still be the one adjusted.
	if now, err := InForce(ctx, c, year); err != nil || now.ID != base.ID {
		if err == nil {
			err = inputerr.New("departmentYearID", "the approved targets changed while the adjustment was being proposed; propose it again")
		}
		return nil, err
	}
	if err := notUnderReview(ctx, c, year, targets.Diff(base.Entries, entries)); err != nil {
		return nil, err
	}
	return v, nil
}

func proposalError(err error) error {
	if pe, ok := err.(*targets.ProposalError); ok {
		return inputerr.WithReason(pe.Path(), inputerr.Refused(pe.Reason, nil, "%s", pe.Message))
	}
	return err
}

// InForce is the year's latest approved version, nil when none is.
func InForce(ctx context.Context, c *ent.Client, year int) (*ent.TargetVersion, error) {
	v, err := c.TargetVersion.Query().
		Where(targetversion.DepartmentYearID(year), targetversion.StatusEQ(targetversion.StatusAPPROVED)).
		Order(targetversion.ByNumber(sql.OrderDesc())).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return v, err
}

// notUnderReview refuses a change of targets whose evaluation is under review
// or published: the adjustment would change a score being reviewed.
func notUnderReview(ctx context.Context, c *ent.Client, year int, changes []targets.Change) error {
	evs, err := c.Evaluation.Query().Where(evaluation.DepartmentYearID(year)).
		All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return err
	}
	for _, ch := range changes {
		e := ch.After
		if e == nil {
			e = ch.Before
		}
		for _, ev := range evs {
			same := (ev.ProjectID == nil && e.Project == nil) || (ev.ProjectID != nil && e.Project != nil && *ev.ProjectID == *e.Project)
			if same && workflow.Locked(ev.Status) {
				return inputerr.WithReason("changes", inputerr.Refused("EVALUATION_UNDER_REVIEW",
					[]string{"evaluationID", fmt.Sprint(ev.ID), "status", string(ev.Status), "name", e.Name},
					"%s belongs to evaluation %d, which is %s: its targets stay as they are until a reviewer returns it", e.Name, ev.ID, ev.Status))
			}
		}
	}
	return nil
}

// Decide approves or returns a waiting version. Approving an adjustment writes
// its targets and weights to the indicators (rescored by the kept values' hooks,
// audited as the reviewer's changes) in the same transaction.
func Decide(ctx context.Context, c *ent.Client, id int, approve bool, comment string) (*ent.TargetVersion, error) {
	status := targetversion.StatusRETURNED
	if approve {
		status = targetversion.StatusAPPROVED
	} else if strings.TrimSpace(comment) == "" {
		return nil, inputerr.New("comment", "say what the department must change")
	}
	v, err := c.TargetVersion.UpdateOneID(id).SetStatus(status).SetReviewComment(strings.TrimSpace(comment)).Save(ctx)
	if err != nil {
		if ent.IsNotFound(err) {
			return nil, &inputerr.NotFound{Entity: "target version", ID: id}
		}
		return nil, err
	}
	if !approve || v.Kind != targetversion.KindADJUSTMENT {
		return v, nil
	}
	before, err := c.TargetVersion.Query().
		Where(targetversion.DepartmentYearID(v.DepartmentYearID), targetversion.StatusEQ(targetversion.StatusAPPROVED),
			targetversion.NumberLT(v.Number)).
		Order(targetversion.ByNumber(sql.OrderDesc())).First(ctx)
	if err != nil {
		return nil, err
	}
	changes := targets.Diff(before.Entries, v.Entries)
	if err := notUnderReview(ctx, c, v.DepartmentYearID, changes); err != nil {
		return nil, err
	}
	apply := targets.Applying(privacy.DecisionContext(ctx, privacy.Allow))
	for _, ch := range changes {
		if ch.Before == nil || ch.After == nil {
			return nil, fmt.Errorf("adjustment %d adds or drops indicator %d: adjustments change targets and weights only", v.ID, ch.Indicator)
		}
		u := c.Indicator.UpdateOneID(ch.Indicator).SetWeight(ch.After.Weight)
		if ch.After.Target != nil {
			u.SetTarget(*ch.After.Target)
		}
		if err := u.Exec(apply); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// Adjusted is how one indicator's approved targets changed over the year: its
// target and weight as first approved and the approved adjustments that changed
// it since, oldest first.
type Adjusted struct {
	Original    targets.Entry
	Adjustments []*ent.TargetVersion
}

// AdjustedIn is, for each indicator of versions (a year's, in any order) that an
// approved adjustment changed, how.
func AdjustedIn(versions []*ent.TargetVersion) map[int]*Adjusted {
	approved := slices.DeleteFunc(slices.Clone(versions), func(v *ent.TargetVersion) bool {
		return v.Status != targetversion.StatusAPPROVED
	})
	slices.SortFunc(approved, func(a, b *ent.TargetVersion) int { return a.Number - b.Number })
	out := map[int]*Adjusted{}
	if len(approved) == 0 {
		return out
	}
	original := map[int]targets.Entry{}
	for _, e := range approved[0].Entries {
		original[e.Indicator] = e
	}
	for i := 1; i < len(approved); i++ {
		for _, ch := range targets.Diff(approved[i-1].Entries, approved[i].Entries) {
			if !ch.TargetChanged() && !ch.WeightChanged() {
				continue
			}
			a := out[ch.Indicator]
			if a == nil {
				a = &Adjusted{Original: original[ch.Indicator]}
				out[ch.Indicator] = a
			}
			a.Adjustments = append(a.Adjustments, approved[i])
		}
	}
	return out
}
