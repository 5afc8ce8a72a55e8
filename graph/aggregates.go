package graph

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"jixiao/graph/aggregate"
)

// aggregateRequest is what every aggregate and year-on-year resolver passes to
// package aggregate: the request, read on modify, the entity's ent query filtered by
// `where` (its Modify), so that the access rules and the filter apply to the statement.
func aggregateRequest[D, M ~string, S interface {
	Scan(context.Context, any) error
}](ctx context.Context, entity aggregate.Entity, modify func(...func(*sql.Selector)) S,
	groupBy []D, measures []M, depth, first *int,
) aggregate.Request[D, M] {
	return aggregate.Request[D, M]{Entity: entity, GroupBy: groupBy, Measures: measures, Depth: depth, First: first,
		Scan: func(m func(*sql.Selector), v any) error { return modify(m).Scan(ctx, v) }}
}

// aggregateOrder is an XAggregateOrder input's fields as package aggregate takes them.
func aggregateOrder[F, M ~string](field F, measure *M, dir entgql.OrderDirection) aggregate.Order {
	var name *string
	if measure != nil {
		m := string(*measure)
		name = &m
	}
	return aggregate.OrderOf(string(field), name, dir)
}
