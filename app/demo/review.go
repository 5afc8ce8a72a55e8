package demo

import (
	"context"
	"fmt"

	"jixiao/domain/fixed"
	"jixiao/domain/review/record"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
)

// writeReview records the finance bureau's review of the first two district 2023
// overall evaluations still under approval: an indicator of each re-scored half a
// point lower with the reason, and rectification items (整改) on it — the first
// evaluation's answered and accepted, and one still open past its due date; the
// second's answered, waiting for acceptance. The department's 2024 report lists
// them under 绩效结果应用情况.
func writeReview(ctx context.Context, tx *ent.Tx, saved []*ent.Evaluation, yearOf map[int]int) error {
	c := tx.Client()
	n := 0
	for _, ev := range saved {
		if ev.ProjectID != nil || ev.Status != evaluation.StatusAPPROVED || yearOf[ev.DepartmentYearID] != 2023 {
			continue
		}
		ind, err := c.Indicator.Query().
			Where(indicator.DepartmentYearID(ev.DepartmentYearID), indicator.ProjectIDIsNil(), indicator.ScoreGTE(fixed.FromInt(1))).
			Order(indicator.ByPosition(), indicator.ByID()).First(ctx)
		if err != nil {
			return fmt.Errorf("demo review: %w", err)
		}
		if _, err := record.Rescore(ctx, c, ind.ID, ind.Score-fixed.MustParse("0.5"), "抽查佐证材料，部分完成值依据不足，酌情扣分"); err != nil {
			return fmt.Errorf("demo review: %w", err)
		}
		id := ind.ID
		evidence, err := record.Raise(ctx, c, record.Item{Evaluation: ev.ID, Indicator: &id,
			Issue: ind.Name + "的完成值缺少佐证材料", Requirement: "补充完成值的统计台账和佐证材料，建立指标数据核验机制", DueDate: "2024-03-31"})
		if err != nil {
			return fmt.Errorf("demo review: %w", err)
		}
		if _, err := record.Answer(ctx, c, evidence.ID, "已补充统计台账和佐证材料，明确专人按月核验指标数据", "佐证材料齐全"); err != nil {
			return fmt.Errorf("demo review: %w", err)
		}
		if n == 0 {
			if _, err := record.Decide(ctx, c, evidence.ID, true, "整改到位"); err != nil {
				return fmt.Errorf("demo review: %w", err)
			}
			if _, err := record.Raise(ctx, c, record.Item{Evaluation: ev.ID,
				Issue: "个别月份支出进度未达到序时进度", Requirement: "将项目支出计划分解到月，加强支付进度跟踪", DueDate: "2024-06-30"}); err != nil {
				return fmt.Errorf("demo review: %w", err)
			}
		}
		if n++; n == 2 {
			return nil
		}
	}
	return nil
}
