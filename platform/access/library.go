package access

import (
	"context"
	"strings"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/predicate"
	"jixiao/ent/privacy"
	"jixiao/platform/viewer"
)

// The indicator library (指标库) is the finance bureau's: administrators and
// reviewers keep its common entries, approve or return the departments' proposals,
// and may change any entry. Everyone signed in reads its approved common entries;
// a department's own entries (drafts, proposals, returned ones) are read by its
// subtree, and changed by its editors while the bureau is not reviewing them.
// Analysts and unrestricted tokens read every entry, as they read all data.

// Library is the policy of library entries.
func Library() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{libraryWriteRule()},
	}
}

// libraryRows are the entries a viewer confined to subtree s reads.
func libraryRows(s *viewer.Scope) predicate.LibraryIndicator {
	return libraryindicator.Or(
		libraryindicator.And(libraryindicator.ScopeEQ(libraryindicator.ScopeCOMMON), libraryindicator.StatusEQ(libraryindicator.StatusAPPROVED)),
		libraryindicator.HasDepartmentWith(within(s)),
	)
}

// Bureau reports whether v keeps the library: administrators and reviewers (财政局).
func Bureau(v viewer.Viewer) bool {
	return v.Kind == viewer.User && (v.Role == viewer.Admin || v.Role == viewer.Reviewer)
}

func libraryWriteRule() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := viewer.FromContext(ctx)
		switch {
		case v.Kind == viewer.Anonymous:
			return ErrUnauthenticated
		case v.Kind == viewer.Token:
			return privacy.Denyf("API tokens are read-only")
		case Bureau(v):
			return privacy.Allow
		case v.Kind == viewer.User && v.Role == viewer.Editor && v.Scope != nil:
			lm, ok := m.(*gen.LibraryIndicatorMutation)
			if !ok {
				return privacy.Denyf("the library's records are written by the server")
			}
			return editorMayLibrary(system(ctx), v.Scope, lm)
		}
		return privacy.Denyf("%s users read the library; they do not change it", strings.ToLower(string(v.Role)))
	})
}

// notOwn is the refusal for entries outside the editor's subtree, or entries that
// do not exist: the same words for both.
func notOwn() error {
	return privacy.Denyf("you may change only your own department's library entries")
}

// editorMayLibrary lets an editor keep their subtree's own entries: create them as
// drafts or proposals, change and delete them unless the bureau is reviewing them,
// and propose a draft or a returned entry.
func editorMayLibrary(ctx context.Context, s *viewer.Scope, m *gen.LibraryIndicatorMutation) error {
	c := m.Client()
	if m.Op().Is(ent.OpCreate) {
		if scope, _ := m.Scope(); scope != libraryindicator.ScopeDEPARTMENT {
			return privacy.Denyf("the common library is the finance bureau's: add the entry to your department's library and propose it")
		}
		id, _ := m.DepartmentID()
		ok, err := c.Department.Query().Where(department.ID(id), within(s)).Exist(ctx)
		if err != nil || !ok {
			return notOwn()
		}
		return privacy.Allow
	}
	ids, err := m.IDs(ctx)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		if m.Op().Is(ent.OpUpdate | ent.OpDelete) {
			return privacy.Allow // a bulk change that matches no row changes nothing
		}
		return notOwn()
	}
	rows, err := c.LibraryIndicator.Query().Where(libraryindicator.IDIn(ids...), libraryindicator.HasDepartmentWith(within(s))).All(ctx)
	if err != nil {
		return err
	}
	if len(rows) != len(ids) {
		return notOwn()
	}
	for _, r := range rows {
		switch {
		case r.Scope == libraryindicator.ScopeCOMMON:
			return privacy.Denyf("library indicator %d is in the common library: only the finance bureau changes it", r.ID)
		case r.Status == libraryindicator.StatusPROPOSED:
			return privacy.Denyf("library indicator %d is proposed: it is read-only until the finance bureau approves or returns it", r.ID)
		}
	}
	if _, ok := m.Scope(); ok {
		return privacy.Denyf("only the finance bureau moves an entry into the common library")
	}
	if _, ok := m.ReviewComment(); ok {
		return privacy.Denyf("only the finance bureau comments on a proposal")
	}
	if to, ok := m.Status(); ok && to != libraryindicator.StatusPROPOSED {
		return privacy.Denyf("an editor may propose an entry; only the finance bureau approves or returns it")
	}
	return privacy.Allow
}
