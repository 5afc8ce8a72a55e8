package graph

import (
	"context"

	"jixiao/domain/targets"
	"jixiao/ent"
	"jixiao/ent/targetversion"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/access"
)

// yearTargets is where a department-year's targets stand, from its versions the
// caller may read (all of them, or none, as the year's read rule decides).
func (r *Resolver) yearTargets(ctx context.Context, year int) (*model.YearTargets, error) {
	versions, err := loader.For(ctx).TargetVersions.Load(ctx, year)
	if err != nil {
		return nil, err
	}
	states := make([]targets.Version, len(versions))
	out := &model.YearTargets{Versions: versions, ViewerCan: &model.TargetsViewerCan{}}
	for i, v := range versions {
		states[i] = targets.Version{Kind: targets.Kind(v.Kind), Status: targets.VersionStatus(v.Status)}
		switch v.Status {
		case targetversion.StatusAPPROVED:
			out.InForce = v
		case targetversion.StatusSUBMITTED:
			out.Pending = v
		}
	}
	status := targets.StatusOf(states)
	out.Status = model.TargetStatus(status)
	if out.ViewerCan, err = r.targetsCan(ctx, year, status, out.Pending); err != nil {
		return nil, err
	}
	return out, nil
}

// targetsCan asks the access rules about the very versions the steps would
// write; the year's status says which steps exist now.
func (r *Resolver) targetsCan(ctx context.Context, year int, status targets.Status, pending *ent.TargetVersion) (*model.TargetsViewerCan, error) {
	db := r.db(ctx)
	can := &model.TargetsViewerCan{}
	var err error
	ask := func(kind targetversion.Kind) (bool, error) {
		m := db.TargetVersion.Create().SetDepartmentYearID(year).SetKind(kind).SetEntries([]targets.Entry{}).Mutation()
		return access.Allowed(ctx, targetversion.Policy, m)
	}
	switch status {
	case targets.NotFiled, targets.FilingReturned:
		can.File, err = ask(targetversion.KindFILING)
	case targets.InForce:
		can.Adjust, err = ask(targetversion.KindADJUSTMENT)
	}
	if err != nil || pending == nil {
		return can, err
	}
	m := db.TargetVersion.UpdateOneID(pending.ID).SetStatus(targetversion.StatusAPPROVED).Mutation()
	can.Review, err = access.Allowed(ctx, targetversion.Policy, m)
	return can, err
}

// versionChanges is what version v changes: against the approved version it
// would replace (an adjustment) or the last returned filing before it (a filing).
func (r *Resolver) versionChanges(ctx context.Context, v *ent.TargetVersion) ([]*targets.Change, error) {
	versions, err := loader.For(ctx).TargetVersions.Load(ctx, v.DepartmentYearID)
	if err != nil {
		return nil, err
	}
	var before *ent.TargetVersion
	for _, o := range versions {
		if o.Number >= v.Number {
			break
		}
		switch {
		case v.Kind == targetversion.KindADJUSTMENT && o.Status == targetversion.StatusAPPROVED:
			before = o
		case v.Kind == targetversion.KindFILING && o.Kind == targetversion.KindFILING:
			before = o
		}
	}
	if before == nil {
		return []*targets.Change{}, nil
	}
	return changeList(targets.Diff(before.Entries, v.Entries)), nil
}

func changeList(cs []targets.Change) []*targets.Change {
	out := make([]*targets.Change, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	return out
}

// targetAdjustment is how approved adjustments changed ind, nil when none did.
func targetAdjustment(ctx context.Context, ind *ent.Indicator) (*model.TargetAdjustment, error) {
	adjusted, err := loader.For(ctx).TargetAdjustments.Load(ctx, ind.DepartmentYearID)
	if err != nil {
		return nil, err
	}
	a := adjusted[ind.ID]
	if a == nil {
		return nil, nil
	}
	return &model.TargetAdjustment{OriginalTarget: a.Original.Target, OriginalWeight: a.Original.Weight, Versions: a.Adjustments}, nil
}
