package audit_test

import (
	"context"
	"fmt"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/enttest"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/platform/access"
	"jixiao/platform/events"
	"jixiao/platform/viewer"
)

// TestAnnounceEvidenceOwners: an attachment of a monitoring entry, or of a
// rectification item, is placed at its owner's department-year (and project),
// as an indicator's is, so that those who read the owner hear of it.
func TestAnnounceEvidenceOwners(t *testing.T) {
	c := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s?mode=memory&cache=shared&_fk=1", t.Name()))
	defer c.Close()
	sys := access.System(context.Background(), "test")
	d := c.Department.Create().SetCode("B-1").SetName("局").SaveX(sys)
	y := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).SaveX(sys)
	p := c.Project.Create().SetDepartmentYearID(y.ID).SetName("项目").SaveX(sys)
	ind := c.Indicator.Create().SetDepartmentYearID(y.ID).SetProjectID(p.ID).SetLevel1("产出").SetLevel2("数量").SetName("指标").
		SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).SetTarget(fixed.MustParse("1")).SetWeight(fixed.MustParse("5")).SaveX(sys)
	rep := c.MonitoringReport.Create().SetDepartmentYearID(y.ID).SetProjectID(p.ID).SetPoint("2023-06-30").SaveX(sys)
	entry := c.MonitoringEntry.Create().SetReportID(rep.ID).SetIndicatorID(ind.ID).SaveX(sys)
	ev := c.Evaluation.Create().SetDepartmentYearID(y.ID).SaveX(sys)
	c.Evaluation.UpdateOne(ev).SetStatus(evaluation.StatusSUBMITTED).ExecX(sys)
	item := c.Rectification.Create().SetEvaluationID(ev.ID).SetIssue("问题").SetRequirement("要求").SetDueDate("2024-06-30").SaveX(sys)

	ctx := viewer.NewContext(sys, viewer.Viewer{Kind: viewer.User, ID: 7, Name: "editor", Role: viewer.Editor})
	ctx, batch := events.WithBatch(ctx)
	file := func() *ent.AttachmentCreate {
		return c.Attachment.Create().SetFileName("a.pdf").SetContentType("application/pdf").SetSize(1).
			SetSha256(fmt.Sprintf("%064x", 1)).SetStorage(attachment.StorageDATABASE)
	}
	onEntry := file().SetMonitoringEntryID(entry.ID).SaveX(ctx)
	onItem := file().SetRectificationID(item.ID).SaveX(ctx)
	got := batch.Events()
	if len(got) != 2 {
		t.Fatalf("%d events, want 2: %+v", len(got), got)
	}
	path := c.Department.GetX(sys, d.ID).Path
	for i, w := range []struct {
		id    int
		place events.Place
	}{
		{onEntry.ID, events.Place{DepartmentYearID: y.ID, ProjectID: p.ID, DepartmentID: d.ID, DepartmentPath: path}},
		{onItem.ID, events.Place{DepartmentYearID: y.ID, DepartmentID: d.ID, DepartmentPath: path}},
	} {
		if got[i].EntityType != "Attachment" || got[i].EntityID != w.id || got[i].Place != w.place {
			t.Errorf("event %d: %s %d %+v, want Attachment %d %+v", i, got[i].EntityType, got[i].EntityID, got[i].Place, w.id, w.place)
		}
	}
}
