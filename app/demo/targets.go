package demo

import (
	"context"
	"fmt"

	"jixiao/domain/fixed"
	"jixiao/domain/targets"
	"jixiao/domain/targets/review"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/targetversion"
)

// writeTargets records that each district year's targets were filed with its
// budget and approved by the finance bureau before the year; in the first 2024
// year whose self-evaluation is still a draft, a mid-year adjustment of one
// target waits for review. The seed's office files its own (the walkthrough).
func writeTargets(ctx context.Context, tx *ent.Tx, dys []*ent.DepartmentYear, plans []plannedYear) error {
	c := tx.Client()
	creates := make([]*ent.TargetVersionCreate, len(dys))
	for i, dy := range dys {
		// The filing's hook reads the year's indicator tree into the version.
		creates[i] = tx.TargetVersion.Create().SetDepartmentYearID(dy.ID).SetKind(targetversion.KindFILING).
			SetReason(fmt.Sprintf("%d年度绩效目标申报", plans[i].year))
	}
	var filed []*ent.TargetVersion
	for lo := 0; lo < len(creates); lo += batch {
		part, err := tx.TargetVersion.CreateBulk(creates[lo:min(lo+batch, len(creates))]...).Save(ctx)
		if err != nil {
			return fmt.Errorf("district targets: %w", err)
		}
		filed = append(filed, part...)
	}
	for _, v := range filed {
		if err := tx.TargetVersion.UpdateOne(v).SetStatus(targetversion.StatusAPPROVED).SetReviewComment("同意").Exec(ctx); err != nil {
			return fmt.Errorf("district targets: %w", err)
		}
	}
	for i, p := range plans {
		if p.year != 2024 || p.status != evaluation.StatusDRAFT {
			continue
		}
		for _, e := range filed[i].Entries {
			if e.Project != nil || e.Target == nil || *e.Target <= 0 || e.Kind != "QUANTITATIVE" || e.Unit == "%" {
				continue
			}
			raised := *e.Target + fixed.FromInt(1) // one more of its unit: a count, not a rate
			_, err := review.Adjust(ctx, c, dys[i].ID, "年中新增任务，目标相应提高", []targets.Proposal{{Indicator: e.Indicator, Target: &raised}})
			return err
		}
	}
	return nil
}
