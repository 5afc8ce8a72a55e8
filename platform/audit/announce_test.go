package audit_test

import (
	"context"
	"fmt"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent/enttest"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/platform/access"
	"jixiao/platform/events"
	"jixiao/platform/reqid"
	"jixiao/platform/viewer"
)

// TestAnnounce: in a transaction that announces its changes, each recorded
// change adds one event with its action, actor, request and place (the
// department-year, project and department, looked up once); outside one,
// nothing is collected.
func TestAnnounce(t *testing.T) {
	c := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s?mode=memory&cache=shared&_fk=1", t.Name()))
	defer c.Close()
	sys := access.System(context.Background(), "test")
	parent := c.Department.Create().SetCode("A-1").SetName("区").SaveX(sys)
	d := c.Department.Create().SetCode("A-2").SetName("局").SetParentID(parent.ID).SaveX(sys)
	y := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).SaveX(sys)
	p := c.Project.Create().SetDepartmentYearID(y.ID).SetName("项目").SaveX(sys)
	task := c.KeyTask.Create().SetDepartmentYearID(y.ID).SetTitle("任务").SaveX(sys)

	// As a user, in a request, with a batch: as a mutation's transaction is.
	ctx := viewer.NewContext(reqid.With(sys, "req-1"), viewer.Viewer{Kind: viewer.User, ID: 42, Name: "editor", Role: viewer.Editor})
	ctx, batch := events.WithBatch(ctx)
	ind := c.Indicator.Create().SetDepartmentYearID(y.ID).SetProjectID(p.ID).SetLevel1("产出").SetLevel2("数量").SetName("指标").
		SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).SetTarget(fixed.MustParse("1")).SetWeight(fixed.MustParse("5")).SaveX(ctx)
	c.DepartmentYear.UpdateOne(y).SetPersonnelBudget(fixed.MustParse("10")).ExecX(ctx)
	c.KeyTask.Delete().Where(keytask.ID(task.ID)).ExecX(ctx)
	c.Department.UpdateOne(d).SetName("局（新）").ExecX(ctx)

	path := fmt.Sprintf("/%d/", parent.ID)
	want := []struct {
		typ    string
		id     int
		action string
		place  events.Place
	}{
		{"Indicator", ind.ID, events.Create, events.Place{DepartmentYearID: y.ID, ProjectID: p.ID, DepartmentID: d.ID, DepartmentPath: path}},
		{"DepartmentYear", y.ID, events.Update, events.Place{DepartmentYearID: y.ID, DepartmentID: d.ID, DepartmentPath: path}},
		{"KeyTask", task.ID, events.Delete, events.Place{DepartmentYearID: y.ID, DepartmentID: d.ID, DepartmentPath: path}},
		{"Department", d.ID, events.Update, events.Place{DepartmentID: d.ID, DepartmentPath: path}},
	}
	got := batch.Events()
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		e := got[i]
		if e.EntityType != w.typ || e.EntityID != w.id || e.Action != w.action || e.Place != w.place {
			t.Errorf("event %d: %s %d %s %+v, want %s %d %s %+v", i, e.EntityType, e.EntityID, e.Action, e.Place, w.typ, w.id, w.action, w.place)
		}
		if e.ActorKind != events.ActorUser || e.ActorID != 42 || e.ActorName != "editor" || e.RequestID != "req-1" || e.ID == "" || e.At.IsZero() {
			t.Errorf("event %d: actor %s %d %q, request %q, id %q, at %v", i, e.ActorKind, e.ActorID, e.ActorName, e.RequestID, e.ID, e.At)
		}
	}
	if !got[0].Within(parent.ID, path) || got[0].Within(d.ID+1000, "/999/") {
		t.Errorf("the indicator's place %+v: in the district's subtree, not elsewhere", got[0].Place)
	}

	// Without a batch (the command line, the demo loader) the change is recorded, not announced.
	c.Department.UpdateOne(d).SetName("局").ExecX(sys)
	if n := len(batch.Events()); n != len(want) {
		t.Errorf("a change outside the batch's context was collected: %d events", n)
	}
}
