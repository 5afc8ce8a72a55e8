package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"jixiao/ent"
	"jixiao/ent/departmentyear"
	"jixiao/ent/indicator"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/predicate"
	"jixiao/graph/model"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
)

// libraryStep moves a library entry one step of its proposal: the update names the
// status the step starts from, so that the access rules decide first and a step
// that does not fit the status is explained only to somebody who may see the entry.
func (r *Resolver) libraryStep(ctx context.Context, id int, from libraryindicator.Status, u func(*ent.LibraryIndicatorUpdateOne)) (*ent.LibraryIndicator, error) {
	db := r.db(ctx)
	up := db.LibraryIndicator.UpdateOneID(id).Where(libraryindicator.StatusIn(libraryFrom(from)...))
	u(up)
	e, err := up.Save(ctx)
	if !ent.IsNotFound(err) {
		return e, err
	}
	current, err := get(ctx, db.LibraryIndicator.Get, id, "library indicator")
	if err != nil {
		return nil, err
	}
	return nil, inputerr.New("id", "library indicator %d is %s; the step is possible only from %s", id, current.Status,
		strings.Join(statusNames(libraryFrom(from)), " or "))
}

// libraryFrom is the statuses a step that needs from starts from: proposing starts
// from a draft or a returned entry.
func libraryFrom(from libraryindicator.Status) []libraryindicator.Status {
	if from == libraryindicator.StatusDRAFT {
		return []libraryindicator.Status{libraryindicator.StatusDRAFT, libraryindicator.StatusRETURNED}
	}
	return []libraryindicator.Status{from}
}

func statusNames(ss []libraryindicator.Status) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// proposeChange, approveChange and returnChange are the updates the steps make,
// and what viewerCan asks the access rules about.
func proposeChange(u *ent.LibraryIndicatorUpdateOne) { u.SetStatus(libraryindicator.StatusPROPOSED) }

func approveChange(comment string) func(*ent.LibraryIndicatorUpdateOne) {
	return func(u *ent.LibraryIndicatorUpdateOne) {
		u.SetStatus(libraryindicator.StatusAPPROVED).SetScope(libraryindicator.ScopeCOMMON).SetReviewComment(comment)
	}
}

func returnChange(comment string) func(*ent.LibraryIndicatorUpdateOne) {
	return func(u *ent.LibraryIndicatorUpdateOne) {
		u.SetStatus(libraryindicator.StatusRETURNED).SetReviewComment(comment)
	}
}

// libraryCan is what the caller may do with entry e now.
func (r *Resolver) libraryCan(ctx context.Context, e *ent.LibraryIndicator) (*model.LibraryViewerCan, error) {
	db := r.db(ctx)
	ask := func(u func(*ent.LibraryIndicatorUpdateOne)) (bool, error) {
		up := db.LibraryIndicator.UpdateOneID(e.ID)
		u(up)
		return access.Allowed(ctx, libraryindicator.Policy, up.Mutation())
	}
	can := &model.LibraryViewerCan{}
	var err error
	if can.Edit, err = ask(func(u *ent.LibraryIndicatorUpdateOne) { u.SetName(e.Name) }); err != nil {
		return nil, err
	}
	if slices.Contains(libraryFrom(libraryindicator.StatusDRAFT), e.Status) && e.Scope == libraryindicator.ScopeDEPARTMENT {
		if can.Propose, err = ask(proposeChange); err != nil {
			return nil, err
		}
	}
	if e.Status == libraryindicator.StatusPROPOSED {
		if can.Review, err = ask(approveChange("")); err != nil {
			return nil, err
		}
	}
	return can, nil
}

// librarySearch is the entries whose name, levels, criteria or a tag contain
// every word of q (spaces separate words).
func librarySearch(q string) []predicate.LibraryIndicator {
	var out []predicate.LibraryIndicator
	for _, w := range strings.Fields(q) {
		out = append(out, libraryindicator.Or(
			libraryindicator.NameContainsFold(w), libraryindicator.Level1ContainsFold(w), libraryindicator.Level2ContainsFold(w),
			libraryindicator.ScoringCriteriaContainsFold(w), tagContains(w),
		))
	}
	return out
}

// tagContains is the entries one of whose tags contains w, case-insensitively for
// Latin letters, on both stores: SQLite walks the JSON array with json_each,
// PostgreSQL with jsonb_array_elements_text.
func tagContains(w string) predicate.LibraryIndicator {
	pattern := "%" + likeEscape(strings.ToLower(w)) + "%"
	return func(s *sql.Selector) {
		col := s.C(libraryindicator.FieldTags)
		s.Where(sql.P(func(b *sql.Builder) {
			if b.Dialect() == dialect.Postgres {
				b.WriteString("EXISTS (SELECT 1 FROM jsonb_array_elements_text(" + col + ") AS t(v) WHERE t.v ILIKE ").Arg(pattern).WriteString(")")
				return
			}
			b.WriteString("EXISTS (SELECT 1 FROM json_each(" + col + ") WHERE LOWER(json_each.value) LIKE ").Arg(pattern).WriteString(" ESCAPE '\\')")
		}))
	}
}

// likeEscape escapes LIKE's wildcards and its escape character (backslash, the
// default on PostgreSQL and named by ESCAPE on SQLite).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// tagsAll is the entries that carry every tag of tags.
func tagsAll(tags []string) []predicate.LibraryIndicator {
	var out []predicate.LibraryIndicator
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, func(s *sql.Selector) { s.Where(sqljson.ValueContains(s.C(libraryindicator.FieldTags), t)) })
		}
	}
	return out
}

// libraryTags counts the tags of the entries the caller may read, most used first
// (ties in code point order).
func libraryTags(ctx context.Context, db *ent.Client) ([]string, error) {
	entries, err := db.LibraryIndicator.Query().Select(libraryindicator.FieldTags).All(ctx)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, e := range entries {
		for _, t := range e.Tags {
			count[t]++
		}
	}
	out := make([]string, 0, len(count))
	for t := range count {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out, nil
}

// usedIn is the department-years with an indicator the caller may read made from
// entry id, latest year first. The read rule goes inside the edge, which ent's
// policies do not reach (see ruleEdges).
func usedIn(ctx context.Context, db *ent.Client, id int) ([]*ent.DepartmentYear, error) {
	made := []predicate.Indicator{indicator.LibraryIndicatorID(id)}
	if rows := access.Visible(ctx, "Indicator"); rows != nil {
		made = append(made, predicate.Indicator(rows))
	}
	return db.DepartmentYear.Query().Where(departmentyear.HasIndicatorsWith(made...)).
		Order(departmentyear.ByYear(sql.OrderDesc()), departmentyear.ByDepartmentID(), departmentyear.ByID()).All(ctx)
}
