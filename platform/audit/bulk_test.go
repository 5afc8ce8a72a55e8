package audit_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/ent"
	"jixiao/ent/auditrecord"
	"jixiao/ent/enttest"
	"jixiao/ent/keytask"
	_ "jixiao/ent/runtime"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/audit"
	"jixiao/platform/audit/change"
)

// TestBulkChanges: a bulk update or delete leaves one record per changed row, each
// with that row's own values; rows it did not match leave none.
func TestBulkChanges(t *testing.T) {
	c := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s?mode=memory&cache=shared&_fk=1", t.Name()))
	defer c.Close()
	ctx := access.System(context.Background(), "test")
	d := c.Department.Create().SetCode("B-1").SetName("科").SaveX(ctx)
	y := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).SaveX(ctx)
	var tasks []*ent.KeyTask
	for i, title := range []string{"甲", "乙", "丙"} {
		tasks = append(tasks, c.KeyTask.Create().SetDepartmentYearID(y.ID).SetTitle(title).SetPosition(i).SaveX(ctx))
	}
	records := func(action auditrecord.Action) map[int][]change.Field {
		out := map[int][]change.Field{}
		for _, r := range c.AuditRecord.Query().Where(auditrecord.EntityType("KeyTask"), auditrecord.ActionEQ(action)).AllX(ctx) {
			out[r.EntityID] = r.Changes
		}
		return out
	}

	n := c.KeyTask.Update().Where(keytask.PositionGTE(1)).SetOutcome("完成").SaveX(ctx)
	updated := records(auditrecord.ActionUPDATE)
	if n != 2 || len(updated) != 2 {
		t.Fatalf("a bulk update of %d rows left %d records", n, len(updated))
	}
	for _, task := range tasks[1:] {
		want := []change.Field{{Field: "outcome", Before: "", After: "完成"}, {Field: "version", Before: float64(1), After: float64(2)}}
		if got := updated[task.ID]; !slices.Equal(got, want) {
			t.Errorf("task %d: %+v, want %+v", task.ID, got, want)
		}
	}

	n = c.KeyTask.Delete().Where(keytask.DepartmentYearID(y.ID)).ExecX(ctx)
	deleted := records(auditrecord.ActionDELETE)
	if n != 3 || len(deleted) != 3 {
		t.Fatalf("a bulk delete of %d rows left %d records", n, len(deleted))
	}
	for _, task := range tasks {
		got := map[string]any{}
		for _, f := range deleted[task.ID] {
			if f.After != nil {
				t.Errorf("task %d: %s after the delete is %v", task.ID, f.Field, f.After)
			}
			got[f.Field] = f.Before
		}
		if got["title"] != task.Title || got["position"] != float64(task.Position) || len(got) != 6 {
			t.Errorf("task %d: the deleted row is recorded as %v", task.ID, got)
		}
	}
}

// TestBookkeepingCostsNothing: signing in and using a token change bookkeeping
// fields only; the trail neither records nor reads anything for them.
func TestBookkeepingCostsNothing(t *testing.T) {
	var queries atomic.Int64
	c := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s?mode=memory&cache=shared&_fk=1", t.Name()),
		enttest.WithOptions(ent.Debug(), ent.Log(func(...any) { queries.Add(1) })))
	defer c.Close()
	ctx := access.System(context.Background(), "test")
	u := c.User.Create().SetUsername("u").SetRole(user.RoleANALYST).SetPasswordHash("h").SaveX(ctx)
	before := c.AuditRecord.Query().CountX(ctx)
	count := func(ctx context.Context) int64 {
		start := queries.Load()
		c.User.UpdateOne(u).SetLastLoginAt(time.Now()).ExecX(ctx)
		return queries.Load() - start
	}
	if with, without := count(ctx), count(audit.Off(ctx)); with != without {
		t.Errorf("a sign-in's bookkeeping took %d queries with the trail, %d without", with, without)
	}
	if n := c.AuditRecord.Query().CountX(ctx) - before; n != 0 {
		t.Errorf("bookkeeping left %d audit records", n)
	}
}
