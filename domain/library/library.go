// Package library makes indicators from the indicator library (指标库) and library
// entries from indicators. Everything it writes goes through the ent client it is
// given, with the caller of ctx: the same creates the API makes, so that every
// access rule, lock, validator, kept value and audit record applies. The client
// must be a transaction's (the caller commits or rolls back): a refusal of one
// entry leaves the others unwritten.
package library

import (
	"context"
	"fmt"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/indicator"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/schema"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// DefaultWeight is the weight of an indicator made from an entry that suggests none:
// a placeholder the editor replaces (the weights must add up to 100 to submit).
var DefaultWeight = fixed.MustParse("1")

// DefaultTarget is the target an indicator made from an entry starts with: the end
// of its typical range that its operator holds it to, the low end for ≥, > and =
// (the least commonly committed to) and the high end for ≤ and < (the most commonly
// allowed); the other end when only one is given; nil for a qualitative entry.
func DefaultTarget(e *ent.LibraryIndicator) *fixed.Decimal {
	first, second := e.TargetMin, e.TargetMax
	if e.Operator != nil && (*e.Operator == libraryindicator.OperatorAtMost || *e.Operator == libraryindicator.OperatorBelow) {
		first, second = second, first
	}
	if first != nil {
		return first
	}
	return second
}

// Add makes an indicator of department-year dyID (projectID nil: an overall one) or
// of one of its projects from each entry of ids, in that order, and returns them.
// Each goes to the end of its level-2 group: it takes the position of the group's
// last indicator and, being newer, sorts after it (indicators are ordered by
// position, then id), so no other indicator moves. An entry of a new group starts
// the group after every indicator there is. An entry the caller may not read
// answers as a missing one.
func Add(ctx context.Context, db *ent.Client, dyID int, projectID *int, ids []int) ([]*ent.Indicator, error) {
	if len(ids) == 0 {
		return nil, inputerr.New("libraryIDs", "name at least one library entry")
	}
	entries, err := db.LibraryIndicator.Query().Where(libraryindicator.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*ent.LibraryIndicator, len(entries))
	for _, e := range entries {
		byID[e.ID] = e
	}
	seen := map[int]int{}
	for i, id := range ids {
		field := fmt.Sprintf("libraryIDs[%d]", i)
		e, ok := byID[id]
		switch {
		case !ok:
			return nil, &inputerr.NotFound{Field: field, Entity: "library indicator", ID: id}
		case seen[id] > 0:
			return nil, inputerr.New(field, "library indicator %d is listed twice (also at %d)", id, seen[id]-1)
		case projectID != nil && e.Binding != nil:
			return nil, inputerr.New(field, "library indicator %d (%s) takes its value from the figures (%s): only a department-year's overall indicators do",
				id, e.Name, *e.Binding)
		}
		seen[id] = i + 1
	}

	existing := db.Indicator.Query().Where(indicator.DepartmentYearID(dyID))
	if projectID != nil {
		existing.Where(indicator.ProjectID(*projectID))
	} else {
		existing.Where(indicator.ProjectIDIsNil())
	}
	rows, err := existing.Select(indicator.FieldLevel1, indicator.FieldLevel2, indicator.FieldPosition).All(ctx)
	if err != nil {
		return nil, err
	}
	type group struct{ level1, level2 string }
	last := map[group]int{}
	end := 0
	for _, r := range rows {
		g := group{r.Level1, r.Level2}
		last[g] = max(last[g], r.Position)
		end = max(end, r.Position)
	}

	out := make([]*ent.Indicator, 0, len(ids))
	for _, id := range ids {
		e := byID[id]
		// The levels as the indicator's own rule will store them, so that the
		// group is found whatever spaces the entry's names carry.
		g := group{schema.NormaliseName(e.Level1), schema.NormaliseName(e.Level2)}
		pos, ok := last[g]
		if !ok {
			end++
			pos = end
			last[g] = pos
		}
		weight := DefaultWeight
		if e.Weight != nil {
			weight = *e.Weight
		}
		c := db.Indicator.Create().
			SetDepartmentYearID(dyID).SetNillableProjectID(projectID).SetPosition(pos).
			SetLevel1(e.Level1).SetLevel2(e.Level2).SetName(e.Name).
			SetKind(indicator.Kind(e.Kind)).SetUnit(e.Unit).SetScoringCriteria(e.ScoringCriteria).
			SetWeight(weight).SetNillableTarget(DefaultTarget(e)).SetLibraryIndicatorID(e.ID)
		if e.Operator != nil {
			c.SetOperator(indicator.Operator(*e.Operator))
		}
		if e.Binding != nil {
			c.SetBinding(indicator.Binding(*e.Binding))
		}
		ind, err := c.Save(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
	return out, nil
}

// Propose makes a proposal to the common library from indicator id: a new entry of
// the indicator's department, PROPOSED, with its levels, name, kind, operator, unit,
// 评（扣）分标准 and binding, its target as the typical range (both ends), its
// weight, and tags. It is refused, naming the entry, when the common library has
// the indicator already, or the department has proposed it and awaits the answer.
func Propose(ctx context.Context, db *ent.Client, id int, tags []string) (*ent.LibraryIndicator, error) {
	// Proposing is for somebody signed in: nobody else is told whether the indicator exists.
	if viewer.FromContext(ctx).Kind == viewer.Anonymous {
		return nil, access.ErrUnauthenticated
	}
	ind, err := db.Indicator.Query().Where(indicator.ID(id)).WithDepartmentYear().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, &inputerr.NotFound{Field: "indicatorID", Entity: "indicator", ID: id}
	}
	if err != nil {
		return nil, err
	}
	dy := ind.Edges.DepartmentYear
	if dy == nil {
		return nil, &inputerr.NotFound{Field: "indicatorID", Entity: "indicator", ID: id}
	}
	c := db.LibraryIndicator.Create().
		SetScope(libraryindicator.ScopeDEPARTMENT).SetDepartmentID(dy.DepartmentID).SetStatus(libraryindicator.StatusPROPOSED).
		SetLevel1(ind.Level1).SetLevel2(ind.Level2).SetName(ind.Name).
		SetKind(libraryindicator.Kind(ind.Kind)).SetUnit(ind.Unit).SetScoringCriteria(ind.ScoringCriteria).
		SetWeight(ind.Weight).SetNillableTargetMin(ind.Target).SetNillableTargetMax(ind.Target)
	if tags != nil {
		c.SetTags(tags)
	}
	if ind.Operator != nil {
		c.SetOperator(libraryindicator.Operator(*ind.Operator))
	}
	if ind.Binding != nil {
		c.SetBinding(libraryindicator.Binding(*ind.Binding))
	}
	// The access rules first: whether the library has it already is told only to
	// somebody who may propose it.
	if err := libraryindicator.Policy.EvalMutation(ctx, c.Mutation()); err != nil {
		return nil, err
	}
	same := db.LibraryIndicator.Query().Where(
		libraryindicator.Level1(ind.Level1), libraryindicator.Level2(ind.Level2), libraryindicator.Name(ind.Name),
		libraryindicator.Or(
			libraryindicator.ScopeEQ(libraryindicator.ScopeCOMMON),
			libraryindicator.And(libraryindicator.DepartmentID(dy.DepartmentID), libraryindicator.StatusEQ(libraryindicator.StatusPROPOSED)),
		))
	if first, err := same.First(ctx); err == nil {
		what := fmt.Sprintf("a common library entry %s / %s / %s", first.Level1, first.Level2, first.Name)
		if first.Scope != libraryindicator.ScopeCOMMON {
			what = fmt.Sprintf("a proposal of %s / %s / %s awaiting review", first.Level1, first.Level2, first.Name)
		}
		return nil, &inputerr.Taken{Field: "indicatorID", What: what, Entity: "library indicator", Existing: first.ID}
	} else if !ent.IsNotFound(err) {
		return nil, err
	}
	return c.Save(ctx)
}
