package access_test

import (
	"context"
	"slices"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/viewer"
)

// libraryFixture is the tree's library: a common entry, and entries of ROOT (a
// draft), CHILD (a proposal) and OTHER (a returned one), named by label.
func libraryFixture(t *testing.T, c *ent.Client, tr *schematest.Tree) map[string]*ent.LibraryIndicator {
	t.Helper()
	ctx := access.System(context.Background(), "test")
	make := func(name string, scope libraryindicator.Scope, dept *ent.Department, status libraryindicator.Status) *ent.LibraryIndicator {
		cr := c.LibraryIndicator.Create().SetScope(scope).SetLevel1("产出指标").SetLevel2("数量指标").SetName(name).
			SetKind(libraryindicator.KindQUANTITATIVE).SetOperator(libraryindicator.OperatorAtLeast).SetTargetMin(fixed.FromInt(10))
		if dept != nil {
			cr.SetDepartmentID(dept.ID)
		}
		e, err := cr.Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range map[libraryindicator.Status][]libraryindicator.Status{
			libraryindicator.StatusPROPOSED: {libraryindicator.StatusPROPOSED},
			libraryindicator.StatusRETURNED: {libraryindicator.StatusPROPOSED, libraryindicator.StatusRETURNED},
		}[status] {
			if e, err = c.LibraryIndicator.UpdateOne(e).SetStatus(s).Save(ctx); err != nil {
				t.Fatal(err)
			}
		}
		return e
	}
	return map[string]*ent.LibraryIndicator{
		"common":         make("common", libraryindicator.ScopeCOMMON, nil, libraryindicator.StatusAPPROVED),
		"root draft":     make("root draft", libraryindicator.ScopeDEPARTMENT, tr.Root, libraryindicator.StatusDRAFT),
		"child proposal": make("child proposal", libraryindicator.ScopeDEPARTMENT, tr.Child, libraryindicator.StatusPROPOSED),
		"other returned": make("other returned", libraryindicator.ScopeDEPARTMENT, tr.Other, libraryindicator.StatusRETURNED),
	}
}

// TestLibraryRules: who reads which library entries and their transitions, and who
// may make which change, on both stores.
func TestLibraryRules(t *testing.T) {
	everyone := []string{"child proposal", "common", "other returned", "root draft"}
	reads := map[string][]string{
		"admin": everyone, "reviewer": everyone, "analyst": everyone, "token": everyone,
		"editor/root":  {"child proposal", "common", "root draft"}, // the subtree's and the common library
		"editor/child": {"child proposal", "common"},
		"editor/other": {"common", "other returned"},
		"token/other":  {"common", "other returned"},
		"anonymous":    {signIn},
	}
	// The transitions read with their entries: the common entry's one (added to the library
	// approved), the proposal's one step, the returned entry's two.
	transitions := map[string]int{"admin": 4, "analyst": 4, "editor/root": 2, "editor/child": 2, "editor/other": 3}

	type change func(ctx context.Context, c *ent.Client, tr *schematest.Tree, lib map[string]*ent.LibraryIndicator) error
	edit := func(name string) change {
		return func(ctx context.Context, c *ent.Client, _ *schematest.Tree, lib map[string]*ent.LibraryIndicator) error {
			return c.LibraryIndicator.UpdateOne(lib[name]).SetUnit("个").Exec(ctx)
		}
	}
	move := func(name string, to libraryindicator.Status) change {
		return func(ctx context.Context, c *ent.Client, _ *schematest.Tree, lib map[string]*ent.LibraryIndicator) error {
			u := c.LibraryIndicator.UpdateOne(lib[name]).SetStatus(to)
			if to == libraryindicator.StatusAPPROVED {
				u.SetScope(libraryindicator.ScopeCOMMON)
			}
			return u.Exec(ctx)
		}
	}
	create := func(scope libraryindicator.Scope, dept func(*schematest.Tree) *ent.Department) change {
		return func(ctx context.Context, c *ent.Client, tr *schematest.Tree, _ map[string]*ent.LibraryIndicator) error {
			cr := c.LibraryIndicator.Create().SetScope(scope).SetLevel1("效益指标").SetLevel2("社会效益指标").SetName("新指标").
				SetKind(libraryindicator.KindQUALITATIVE)
			if dept != nil {
				cr.SetDepartmentID(dept(tr).ID)
			}
			return cr.Exec(ctx)
		}
	}
	remove := func(name string) change {
		return func(ctx context.Context, c *ent.Client, _ *schematest.Tree, lib map[string]*ent.LibraryIndicator) error {
			return c.LibraryIndicator.DeleteOne(lib[name]).Exec(ctx)
		}
	}
	child := func(tr *schematest.Tree) *ent.Department { return tr.Child }
	other := func(tr *schematest.Tree) *ent.Department { return tr.Other }
	writes := []struct {
		who, what string
		change    change
		want      string
	}{
		{"editor/root", "add a draft to a department of the subtree (CHILD)", create(libraryindicator.ScopeDEPARTMENT, child), allowed},
		{"editor/child", "add a draft to another department", create(libraryindicator.ScopeDEPARTMENT, other), forbidden},
		{"editor/root", "add a common entry", create(libraryindicator.ScopeCOMMON, nil), forbidden},
		{"editor/root", "edit their draft", edit("root draft"), allowed},
		{"editor/root", "edit their subtree's proposal under review", edit("child proposal"), forbidden},
		{"editor/other", "edit their returned entry", edit("other returned"), allowed},
		{"editor/root", "edit a common entry", edit("common"), forbidden},
		{"editor/child", "edit another department's draft", edit("root draft"), forbidden},
		{"editor/root", "propose their draft", move("root draft", libraryindicator.StatusPROPOSED), allowed},
		{"editor/other", "propose their returned entry again", move("other returned", libraryindicator.StatusPROPOSED), allowed},
		{"editor/child", "approve their own proposal", move("child proposal", libraryindicator.StatusAPPROVED), forbidden},
		{"editor/root", "delete their draft", remove("root draft"), allowed},
		{"editor/root", "delete the common entry", remove("common"), forbidden},
		{"reviewer", "approve a proposal", move("child proposal", libraryindicator.StatusAPPROVED), allowed},
		{"reviewer", "return a proposal", move("child proposal", libraryindicator.StatusRETURNED), allowed},
		{"reviewer", "add a common entry", create(libraryindicator.ScopeCOMMON, nil), allowed},
		{"admin", "edit a common entry", edit("common"), allowed},
		{"admin", "add a department's draft", create(libraryindicator.ScopeDEPARTMENT, other), allowed},
		{"analyst", "edit a common entry", edit("common"), forbidden},
		{"analyst", "add a department's draft", create(libraryindicator.ScopeDEPARTMENT, other), forbidden},
		{"token", "edit a common entry", edit("common"), forbidden},
		{"token/other", "edit its department's entry", edit("other returned"), forbidden},
		{"anonymous", "edit a common entry", edit("common"), signIn},
		{"admin", "write a transition", func(ctx context.Context, c *ent.Client, _ *schematest.Tree, lib map[string]*ent.LibraryIndicator) error {
			return c.LibraryTransition.Create().SetLibraryIndicatorID(lib["common"].ID).SetFrom("DRAFT").SetTo("APPROVED").Exec(ctx)
		}, forbidden},
	}

	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		lib := libraryFixture(t, c, tr)
		vs := viewers(tr)
		for who, want := range reads {
			ctx := viewer.NewContext(context.Background(), vs[who])
			es, err := c.LibraryIndicator.Query().All(ctx)
			var got []string
			if err != nil {
				got = outcome(nil, err, nil)
			}
			for _, e := range es {
				got = append(got, e.Name)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s reads %v, want %v", who, got, want)
			}
			if n, ok := transitions[who]; ok {
				if got, err := c.LibraryTransition.Query().Count(ctx); err != nil || got != n {
					t.Errorf("%s reads %d transitions (%v), want %d", who, got, err, n)
				}
			}
		}
		for _, tt := range writes {
			t.Run(tt.who+"/"+tt.what, func(t *testing.T) {
				tx, err := c.Tx(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback()
				got := writeOutcome(tt.change(viewer.NewContext(context.Background(), vs[tt.who]), tx.Client(), tr, lib))
				if got != tt.want {
					t.Errorf("%s: %s; the rule says %s", tt.who, got, tt.want)
				}
			})
		}
	})
}
