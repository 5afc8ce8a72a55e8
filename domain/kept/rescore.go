package kept

import (
	"context"
	"slices"
	"strconv"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/predicate"
	"jixiao/ent/ruleset"
)

// Changes that move the rules rather than the figures: a new rule-set version, a
// department moved under another region, an evaluation returned (its frozen rules
// let go) or deleted while locked. Each recomputes, in the transaction of the
// change, every kept value of the department-years concerned, by the very
// computation Check makes, and writes those that differ.

// Rescore recomputes every kept value of department-years ids and of everything
// in them, under the rules that score each now, and writes the values that moved.
// On PostgreSQL each batch of years is locked first, as a change of their figures
// would lock them, so that no concurrent change computes from rules or values the
// rescoring is replacing.
func Rescore(ctx context.Context, c *gen.Client, ids []int) error {
	ctx = system(ctx)
	Forget(ctx)
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for start := 0; start < len(ids); start += checkBatch {
		batch := ids[start:min(start+checkBatch, len(ids))]
		if c.Dialect() != dialect.SQLite {
			if _, err := c.DepartmentYear.Query().Where(departmentyear.IDIn(batch...)).Order(departmentyear.ByID()).
				Modify(func(s *sql.Selector) { s.For(sql.LockNoKeyUpdate) }).IDs(ctx); err != nil {
				return err
			}
		}
		var sum Summary
		if err := checkYears(ctx, c, batch, true, nil, &sum); err != nil {
			return err
		}
		carried.Add(uint64(sum.Repaired))
	}
	return nil
}

// RuleSetCreated rescores what rule-set version rs governs: the department-years
// of its year, in its region's subtree (everywhere for a set of everywhere). Those
// a more specific set governs, and the subjects whose evaluations keep other
// rules, come out as they were.
func RuleSetCreated(ctx context.Context, c *gen.Client, rs *gen.RuleSet) error {
	ctx = system(ctx)
	q := c.DepartmentYear.Query().Where(departmentyear.Year(rs.Year))
	if rs.RegionID != nil {
		root, err := c.Department.Query().Where(department.ID(*rs.RegionID)).Select(department.FieldPath).Only(ctx)
		if err != nil {
			return err
		}
		q.Where(departmentyear.HasDepartmentWith(subtree(*rs.RegionID, root.Path)))
	}
	ids, err := q.IDs(ctx)
	if err != nil {
		return err
	}
	return Rescore(ctx, c, ids)
}

// DepartmentMoved rescores the years of department id's subtree (its path as
// saved) when a region's rule set may now govern them differently: only when some
// rule set has a region at all, as otherwise the tree does not matter.
func DepartmentMoved(ctx context.Context, c *gen.Client, id int, path string) error {
	ctx = system(ctx)
	Forget(ctx)
	regional, err := c.RuleSet.Query().Where(ruleset.RegionIDNotNil()).Exist(ctx)
	if err != nil || !regional {
		return err
	}
	ids, err := c.DepartmentYear.Query().Where(departmentyear.HasDepartmentWith(subtree(id, path))).IDs(ctx)
	if err != nil {
		return err
	}
	return Rescore(ctx, c, ids)
}

// subtree is department id (at path) and every department below it, whose paths
// start with its own and its id (the schema's SubtreePrefix, which kept, imported
// by the schema, cannot import).
func subtree(id int, path string) predicate.Department {
	return department.Or(department.ID(id), department.PathHasPrefix(path+strconv.Itoa(id)+"/"))
}
