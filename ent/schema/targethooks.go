package schema

// Performance targets (domain/targets): a version is numbered after the year's
// latest, signed by whoever files or reviews it, filed only when the year's
// targets allow it, reviewed once, and never deleted; and while a year's targets
// are fixed (filed, approved, under adjustment) its indicators keep what the
// targets fix, except when an approved adjustment writes it. The hooks run after
// the access rules, so on PostgreSQL they read the year under its lock.

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	"jixiao/domain/targets"
	"jixiao/domain/targets/review"
	gen "jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/privacy"
	"jixiao/ent/targetversion"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// TargetStatus is where department-year year's targets stand, read with the rules
// lifted (the lock is a state of the data, whoever asks).
func TargetStatus(ctx context.Context, c *gen.Client, year int) (targets.Status, error) {
	rows, err := c.TargetVersion.Query().Where(targetversion.DepartmentYearID(year)).
		Select(targetversion.FieldKind, targetversion.FieldStatus).All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return "", err
	}
	vs := make([]targets.Version, len(rows))
	for i, r := range rows {
		vs[i] = targets.Version{Kind: targets.Kind(r.Kind), Status: targets.VersionStatus(r.Status)}
	}
	return targets.StatusOf(vs), nil
}

// targetVersionRules numbers and signs a new version, files it only when the
// year's targets allow its kind, and lets a review only decide a waiting version.
func targetVersionRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TargetVersionFunc(func(ctx context.Context, m *gen.TargetVersionMutation) (ent.Value, error) {
			if m.Op().Is(ent.OpCreate) {
				if err := newTargetVersion(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			}
			if err := oneRowOnly(m.Op(), "target version"); err != nil {
				return nil, err
			}
			if err := reviewTargetVersion(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

func newTargetVersion(ctx context.Context, m *gen.TargetVersionMutation) error {
	year, _ := m.DepartmentYearID()
	if err := exists(ctx, m.Client().DepartmentYear.Query().Where(departmentyear.ID(year)).Exist, "departmentYearID", "department-year", year); err != nil {
		return err
	}
	status, err := TargetStatus(ctx, m.Client(), year)
	if err != nil {
		return err
	}
	kind, _ := m.Kind()
	switch {
	case kind == targetversion.KindFILING && status != targets.NotFiled && status != targets.FilingReturned:
		return inputerr.WithReason("departmentYearID", inputerr.Refused("TARGETS_ALREADY_FILED",
			[]string{"status", string(status)},
			"department-year %d's targets are %s: they are filed once; change approved targets by an adjustment", year, status))
	case kind == targetversion.KindADJUSTMENT && status != targets.InForce:
		return inputerr.WithReason("departmentYearID", inputerr.Refused("TARGETS_NOT_IN_FORCE",
			[]string{"status", string(status)},
			"department-year %d's targets are %s: only approved targets, with no adjustment waiting, are adjusted", year, status))
	}
	if st, ok := m.Status(); ok && st != targetversion.StatusSUBMITTED {
		return inputerr.New("status", "a version is filed as SUBMITTED; the finance bureau decides it")
	}
	if kind == targetversion.KindFILING {
		// Read here, under the year's lock: what is filed is the tree as it stands.
		entries, err := review.Snapshot(ctx, m.Client(), year)
		if err != nil {
			return err
		}
		if err := review.FileProblems(entries); err != nil {
			return err
		}
		m.SetEntries(entries)
	}
	if entries, _ := m.Entries(); len(entries) == 0 {
		return inputerr.WithReason("departmentYearID", inputerr.Refused("NO_INDICATORS", nil,
			"department-year %d has no indicators: add the indicators with their targets and weights, then file them", year))
	}
	number := 1
	switch latest, err := m.Client().TargetVersion.Query().Where(targetversion.DepartmentYearID(year)).
		Order(targetversion.ByNumber(sql.OrderDesc())).First(privacy.DecisionContext(ctx, privacy.Allow)); {
	case err == nil:
		number = latest.Number + 1
	case !gen.IsNotFound(err):
		return err
	}
	m.SetNumber(number)
	who := viewer.FromContext(ctx) // the author is whoever files it, never an input
	m.SetSubmittedByName(who.Name)
	if who.Kind == viewer.User {
		m.SetSubmittedByID(who.ID)
	}
	return nil
}

// reviewTargetVersion lets an update only decide a waiting version, once, and
// signs the decision.
func reviewTargetVersion(ctx context.Context, m *gen.TargetVersionMutation) error {
	to, deciding := m.Status()
	if !deciding {
		return inputerr.New("status", "a target version changes only when the finance bureau approves or returns it")
	}
	if to == targetversion.StatusSUBMITTED {
		return inputerr.New("status", "a decided version stays decided; file a new version instead")
	}
	from, err := m.OldStatus(ctx)
	if err != nil {
		return err
	}
	if from != targetversion.StatusSUBMITTED {
		id, _ := m.ID()
		return inputerr.WithReason("id", inputerr.Refused("ALREADY_DECIDED", []string{"status", string(from)},
			"target version %d is %s already: a version is decided once", id, from))
	}
	who := viewer.FromContext(ctx)
	m.SetReviewedByName(who.Name)
	if who.Kind == viewer.User {
		m.SetReviewedByID(who.ID)
	}
	m.SetReviewedAt(time.Now())
	return nil
}

// targetVersionDeletes keeps every version: the history of a year's targets.
func targetVersionDeletes() ent.Hook {
	return hook.On(func(ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
			return nil, inputerr.New("id", "target versions are kept: the history of a year's targets is not deleted")
		})
	}, ent.OpDelete|ent.OpDeleteOne)
}

// targetsFixed refuses, while a year's targets are fixed, to add or delete its
// indicators or to change what the targets fix of one, unless an approved
// adjustment is writing it. A field set to the value it holds is no change: an
// editor saving a row's actual value with its unchanged target goes through.
func targetsFixed() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.IndicatorFunc(func(ctx context.Context, m *gen.IndicatorMutation) (ent.Value, error) {
			if targets.IsApplying(ctx) {
				return next.Mutate(ctx, m)
			}
			years, what, err := fixedChange(ctx, m)
			if err != nil || what == "" {
				if err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			}
			for _, y := range years {
				status, err := TargetStatus(ctx, m.Client(), y)
				if err != nil {
					return nil, err
				}
				if status.Fixed() {
					return nil, &targets.FixedError{Year: y, Status: status, What: what}
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
}

// fixedChange is the department-years whose targets m would change and what it
// would do, in the words of a refusal; "" when it changes nothing they fix.
func fixedChange(ctx context.Context, m *gen.IndicatorMutation) ([]int, string, error) {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	switch {
	case m.Op().Is(ent.OpCreate):
		y, _ := m.DepartmentYearID()
		return []int{y}, "add an indicator", nil
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		ids, err := m.IDs(sys)
		if err != nil || len(ids) == 0 {
			return nil, "", err
		}
		years, err := m.Client().Indicator.Query().Where(indicator.IDIn(ids...)).Unique(true).
			Select(indicator.FieldDepartmentYearID).Ints(sys)
		return years, "delete an indicator", err
	}
	id, _ := m.ID()
	old, err := m.Client().Indicator.Get(sys, id)
	if err != nil {
		return nil, "", err
	}
	if f := changedTargetField(m, old); f != "" {
		return []int{old.DepartmentYearID}, fmt.Sprintf("change the %s of indicator %d", f, id), nil
	}
	return nil, "", nil
}

// changedTargetField names the first field the targets fix that m changes on old.
func changedTargetField(m *gen.IndicatorMutation, old *gen.Indicator) string {
	str := func(v string, ok bool, was string) bool { return ok && v != was }
	if v, ok := m.Level1(); str(NormaliseName(v), ok, old.Level1) {
		return "level 1"
	}
	if v, ok := m.Level2(); str(NormaliseName(v), ok, old.Level2) {
		return "level 2"
	}
	if v, ok := m.Name(); str(v, ok, old.Name) {
		return "name"
	}
	if v, ok := m.Kind(); ok && v != old.Kind {
		return "kind"
	}
	if v, ok := m.Unit(); str(v, ok, old.Unit) {
		return "unit"
	}
	if v, ok := m.Weight(); ok && v != old.Weight {
		return "weight"
	}
	if v, ok := m.Target(); ok && (old.Target == nil || *old.Target != v) || m.TargetCleared() && old.Target != nil {
		return "target"
	}
	if v, ok := m.Operator(); ok && (old.Operator == nil || *old.Operator != v) || m.OperatorCleared() && old.Operator != nil {
		return "operator"
	}
	if v, ok := m.Binding(); ok && (old.Binding == nil || *old.Binding != v) || m.BindingCleared() && old.Binding != nil {
		return "formula binding"
	}
	return ""
}
