package schema

// The indicator library's rules (LibraryIndicator): what an entry must say, one
// common entry per name, the proposal's steps recorded, and what a delete leaves.

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/librarytransition"
	"jixiao/ent/privacy"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// Tags are few and short: they are filters, not text.
const (
	maxTags   = 10
	maxTagLen = 20
)

// libraryRules normalises an entry's levels and tags and checks kind against
// operator, range and binding, the range's order, and a new entry's scope, owner
// and status.
func libraryRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.LibraryIndicatorFunc(func(ctx context.Context, m *gen.LibraryIndicatorMutation) (ent.Value, error) {
			if err := oneRowOnly(m.Op(), "library indicator"); err != nil {
				return nil, err
			}
			if v, ok := m.Level1(); ok {
				m.SetLevel1(NormaliseName(v))
			}
			if v, ok := m.Level2(); ok {
				m.SetLevel2(NormaliseName(v))
			}
			if err := normaliseTags(ctx, m); err != nil {
				return nil, err
			}
			if err := checkLibraryEntry(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

// normaliseTags normalises the tags the mutation leaves the entry with: those set,
// or, for tags appended (appendTags), the stored ones and the new ones together.
func normaliseTags(ctx context.Context, m *gen.LibraryIndicatorMutation) error {
	tags, set := m.Tags()
	added, appended := m.AppendedTags()
	if !set && !appended {
		return nil
	}
	if appended && !set && m.Op().Is(ent.OpUpdateOne) {
		old, err := m.OldTags(ctx)
		if err != nil {
			return err
		}
		tags = old
	}
	clean, err := NormaliseTags(append(slices.Clone(tags), added...))
	if err != nil {
		return err
	}
	m.SetTags(clean) // replaces the appended ones too
	return nil
}

// NormaliseTags trims each tag, drops empty ones and repeats (keeping the first's
// place), and refuses more than maxTags or one longer than maxTagLen characters.
func NormaliseTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = NormaliseName(t)
		if t == "" || slices.Contains(out, t) {
			continue
		}
		if n := utf8.RuneCountInString(t); n > maxTagLen {
			return nil, &inputerr.Error{Field: "tags", Message: fmt.Sprintf("tag %q has %d characters; at most %d", t, n, maxTagLen),
				Reason: inputerr.Refused(inputerr.TooLong, []string{"max", fmt.Sprint(maxTagLen), "got", fmt.Sprint(n)}, "tag %q is too long", t)}
		}
		out = append(out, t)
	}
	if len(out) > maxTags {
		return nil, &inputerr.Error{Field: "tags", Message: fmt.Sprintf("%d tags; at most %d", len(out), maxTags),
			Reason: inputerr.Refused(inputerr.TooLarge, []string{"max", fmt.Sprint(maxTags), "got", fmt.Sprint(len(out))}, "too many tags")}
	}
	return out, nil
}

func checkLibraryEntry(ctx context.Context, m *gen.LibraryIndicatorMutation) error {
	op := m.Op()
	kind, err := after(ctx, op, m.Kind, false, func(ctx context.Context) (*libraryindicator.Kind, error) {
		k, err := m.OldKind(ctx)
		return &k, err
	})
	if err != nil {
		return err
	}
	operator, err := after(ctx, op, m.Operator, m.OperatorCleared(), m.OldOperator)
	if err != nil {
		return err
	}
	lo, err := after(ctx, op, m.TargetMin, m.TargetMinCleared(), m.OldTargetMin)
	if err != nil {
		return err
	}
	hi, err := after(ctx, op, m.TargetMax, m.TargetMaxCleared(), m.OldTargetMax)
	if err != nil {
		return err
	}
	binding, err := after(ctx, op, m.Binding, m.BindingCleared(), m.OldBinding)
	if err != nil {
		return err
	}
	if kind == nil {
		return inputerr.New("kind", "is required")
	}
	switch *kind {
	case libraryindicator.KindQUANTITATIVE:
		switch {
		case operator == nil:
			return inputerr.New("operator", "is required for a quantitative indicator (GE, GT, EQ, LE or LT)")
		case lo == nil && hi == nil:
			return inputerr.New("targetMin", "a quantitative entry needs its typical target: targetMin, targetMax or both")
		case lo != nil && hi != nil && *lo > *hi:
			return inputerr.New("targetMax", "the range's high end %s is below its low end %s", *hi, *lo)
		}
	case libraryindicator.KindQUALITATIVE:
		switch {
		case operator != nil:
			return inputerr.New("operator", "a qualitative indicator has no operator")
		case lo != nil || hi != nil:
			return inputerr.New("targetMin", "a qualitative indicator has no numeric target")
		case binding != nil:
			return inputerr.New("binding", "a qualitative indicator cannot be bound to a formula")
		}
	}
	if !op.Is(ent.OpCreate) {
		return nil
	}
	scope, _ := m.Scope()
	dept, hasDept := m.DepartmentID()
	if scope == libraryindicator.ScopeDEPARTMENT && !hasDept {
		return inputerr.New("departmentID", "a department's entry needs its department")
	}
	if hasDept {
		if err := exists(ctx, m.Client().Department.Query().Where(department.ID(dept)).Exist, "departmentID", "department", dept); err != nil {
			return err
		}
	}
	status, _ := m.Status()
	switch {
	case scope == libraryindicator.ScopeCOMMON:
		// The bureau's own entries are in the library at once: nobody reviews them.
		m.SetStatus(libraryindicator.StatusAPPROVED)
	case status != libraryindicator.StatusDRAFT && status != libraryindicator.StatusPROPOSED:
		return inputerr.New("status", "a new department entry is a draft or a proposal, not %s", status)
	}
	return nil
}

// uniqueCommonEntry: the common library holds one entry per level 1, level 2 and
// name, so that the library never offers two versions of one indicator. Approving
// a proposal that repeats a common entry is refused naming that entry.
func uniqueCommonEntry() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.LibraryIndicatorFunc(func(ctx context.Context, m *gen.LibraryIndicatorMutation) (ent.Value, error) {
			op := m.Op()
			scope, err := after(ctx, op, m.Scope, false, func(ctx context.Context) (*libraryindicator.Scope, error) {
				s, err := m.OldScope(ctx)
				return &s, err
			})
			if err != nil || scope == nil || *scope != libraryindicator.ScopeCOMMON {
				return next.Mutate(ctx, m)
			}
			text := func(set func() (string, bool), old func(context.Context) (string, error)) (string, error) {
				v, err := after(ctx, op, set, false, func(ctx context.Context) (*string, error) {
					s, err := old(ctx)
					return &s, err
				})
				if err != nil || v == nil {
					return "", err
				}
				return *v, nil
			}
			l1, err := text(m.Level1, m.OldLevel1)
			if err != nil {
				return nil, err
			}
			l2, err := text(m.Level2, m.OldLevel2)
			if err != nil {
				return nil, err
			}
			name, err := text(m.Name, m.OldName)
			if err != nil {
				return nil, err
			}
			q := m.Client().LibraryIndicator.Query().Where(libraryindicator.ScopeEQ(libraryindicator.ScopeCOMMON),
				libraryindicator.Level1(l1), libraryindicator.Level2(l2), libraryindicator.Name(name), libraryindicator.IDNEQ(self(m)))
			// Every common entry is read by everyone who may write one: the rules need not be lifted.
			if err := taken(ctx, q.FirstID, "name", fmt.Sprintf("a common library entry %s / %s / %s", l1, l2, name), "library indicator"); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// recordLibraryTransition writes a LibraryTransition whenever an entry's status
// changes, and when one is created as a proposal, with the comment that came with
// the step.
func recordLibraryTransition() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.LibraryIndicatorFunc(func(ctx context.Context, m *gen.LibraryIndicatorMutation) (ent.Value, error) {
			to, changes := m.Status()
			if !changes {
				return next.Mutate(ctx, m)
			}
			from := libraryindicator.StatusDRAFT
			if m.Op().Is(ent.OpUpdateOne) {
				old, err := m.OldStatus(ctx)
				if err != nil {
					return nil, err
				}
				from = old
			}
			v, err := next.Mutate(ctx, m)
			if err != nil || from == to {
				return v, err
			}
			row, ok := v.(*gen.LibraryIndicator)
			if !ok {
				return v, nil
			}
			comment, _ := m.ReviewComment()
			who := viewer.FromContext(ctx)
			t := m.Client().LibraryTransition.Create().SetLibraryIndicatorID(row.ID).
				SetFrom(librarytransition.From(from)).SetTo(librarytransition.To(to)).
				SetComment(comment).SetActorName(who.Name)
			if who.Kind == viewer.User {
				t.SetActorID(who.ID)
			}
			// Transitions are written by the server alone (access.Recorded).
			return v, t.Exec(privacy.DecisionContext(ctx, privacy.Allow))
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// An entry that indicators were made from stays, so that where it is used stays
// known; its transitions go with it.
func libraryDeletes() ent.Hook {
	sys := func(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }
	return onDelete([]referrer{
		// Counted with the rules lifted: an indicator the caller cannot read still refers to it.
		{"indicators", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Indicator.Query().Where(indicator.LibraryIndicatorID(id)).Count(sys(ctx))
		}},
	}, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.LibraryTransition.Delete().Where(librarytransition.LibraryIndicatorID(id)).Exec(sys(ctx))
		return err
	})
}
