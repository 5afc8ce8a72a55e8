package demo

import (
	"context"
	"fmt"
	"time"

	"jixiao/domain/rounds"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/round"
)

// writeRounds records the finance bureau's self-evaluation rounds for the district's
// departments (below the district node, which files nothing): 2022's and 2023's, closed, each due on 31 March after its year (Beijing
// time), and 2024's, still open past its deadline, so that the dashboards show who
// was on time, late or missing and the queues hold the round. The district's
// submissions are dated 20 February (district.go), so its submitted departments are
// on time; the drafts are overdue.
func writeRounds(ctx context.Context, tx *ent.Tx) error {
	ids, err := tx.Department.Query().Where(department.CodeHasPrefix(DistrictCode + "-")).
		Order(department.ByCode()).IDs(ctx)
	if err != nil {
		return err
	}
	for _, year := range []int{2022, 2023, 2024} {
		opens := time.Date(year+1, time.January, 5, 9, 0, 0, 0, rounds.Shanghai)
		deadline := time.Date(year+1, time.March, 31, 23, 59, 59, 0, rounds.Shanghai)
		c := tx.Round.Create().SetKind(round.KindSELF_EVALUATION).SetYear(year).
			SetName(fmt.Sprintf("%d年度部门整体支出绩效自评", year)).SetOpensAt(opens.UTC()).SetDeadline(deadline.UTC()).
			SetCreatedByName("财政局管理员")
		if year < 2024 {
			c.SetStatus(round.StatusCLOSED).SetClosedAt(deadline.AddDate(0, 0, 30).UTC())
		}
		r, err := c.Save(ctx)
		if err != nil {
			return fmt.Errorf("rounds: %w", err)
		}
		parts := make([]*ent.RoundParticipantCreate, len(ids))
		for i, id := range ids {
			parts[i] = tx.RoundParticipant.Create().SetRoundID(r.ID).SetDepartmentID(id)
		}
		if err := tx.RoundParticipant.CreateBulk(parts...).Exec(ctx); err != nil {
			return fmt.Errorf("rounds: %w", err)
		}
	}
	return nil
}
