package graph

import (
	"math"

	"entgo.io/contrib/entgql"

	"jixiao/ent"
	"jixiao/graph/aggregate"
	"jixiao/graph/generated"
	"jixiao/graph/model"
)

// pageCost is what one page of a connection costs: its children once per row it
// may return. Without it gqlgen would count a 1000-row page like a single object.
func pageCost(child int, first, last *int) int {
	n := DefaultPage
	switch {
	case first != nil:
		n = *first
	case last != nil:
		n = *last
	}
	if n < 1 {
		n = 1
	}
	if child > (math.MaxInt-1)/n { // saturate: an overflow would wrap below the limit
		return math.MaxInt
	}
	return 1 + n*child
}

// connection adapts pageCost to a generated connection-field complexity function.
func connection[O, W any](child int, _ *entgql.Cursor[int], first *int, _ *entgql.Cursor[int], last *int, _ O, _ W) int {
	return pageCost(child, first, last)
}

// setComplexity makes every connection's cost grow with its page size.
func setComplexity(c *generated.ComplexityRoot) {
	c.Query.Departments = connection[[]*ent.DepartmentOrder, *ent.DepartmentWhereInput]
	c.Query.DepartmentYears = connection[[]*ent.DepartmentYearOrder, *ent.DepartmentYearWhereInput]
	c.Query.Evaluations = connection[[]*ent.EvaluationOrder, *ent.EvaluationWhereInput]
	c.Query.FundingLines = connection[[]*ent.FundingLineOrder, *ent.FundingLineWhereInput]
	c.Query.Indicators = connection[[]*ent.IndicatorOrder, *ent.IndicatorWhereInput]
	c.Query.Projects = connection[[]*ent.ProjectOrder, *ent.ProjectWhereInput]
	c.Query.LibraryIndicators = connection[[]*ent.LibraryIndicatorOrder, *ent.LibraryIndicatorWhereInput]
	c.Query.TargetVersions = connection[[]*ent.TargetVersionOrder, *ent.TargetVersionWhereInput]
	c.Query.Webhooks = connection[[]*ent.WebhookOrder, *ent.WebhookWhereInput]
	c.Query.WebhookDeliveries = connection[[]*ent.WebhookDeliveryOrder, *ent.WebhookDeliveryWhereInput]
	c.Webhook.Deliveries = connection[[]*ent.WebhookDeliveryOrder, *ent.WebhookDeliveryWhereInput]
	c.LibraryIndicator.Indicators = connection[[]*ent.IndicatorOrder, *ent.IndicatorWhereInput]
	c.Department.Children = connection[[]*ent.DepartmentOrder, *ent.DepartmentWhereInput]
	c.Department.Years = connection[[]*ent.DepartmentYearOrder, *ent.DepartmentYearWhereInput]
	c.DepartmentYear.Indicators = connection[[]*ent.IndicatorOrder, *ent.IndicatorWhereInput]
	c.DepartmentYear.Projects = connection[[]*ent.ProjectOrder, *ent.ProjectWhereInput]
	c.Project.Indicators = connection[[]*ent.IndicatorOrder, *ent.IndicatorWhereInput]
	c.Query.IndicatorRanking = func(child int, _ model.IndicatorRankBy, _ entgql.OrderDirection, first *int, _ *entgql.Cursor[int], _ *ent.IndicatorWhereInput) int {
		return pageCost(child, first, nil)
	}
	// Aggregates cost their groups: the default 100 or first, times what each group selects.
	groups := func(child int, first *int) int {
		n := aggregate.DefaultGroups
		if first != nil {
			n = *first
		}
		return pageCost(child, &n, nil)
	}
	c.Query.EvaluationAggregate = func(child int, _ []model.EvaluationDimension, _ []model.EvaluationMeasure, _ *ent.EvaluationWhereInput, _ *int, _ *model.EvaluationAggregateOrder, first *int) int {
		return groups(child, first)
	}
	c.Query.IndicatorAggregate = func(child int, _ []model.IndicatorDimension, _ []model.IndicatorMeasure, _ *ent.IndicatorWhereInput, _ *int, _ *model.IndicatorAggregateOrder, first *int) int {
		return groups(child, first)
	}
	c.Query.DepartmentYearAggregate = func(child int, _ []model.DepartmentYearDimension, _ []model.DepartmentYearMeasure, _ *ent.DepartmentYearWhereInput, _ *int, _ *model.DepartmentYearAggregateOrder, first *int) int {
		return groups(child, first)
	}
	c.Query.EvaluationYearOnYear = func(child int, _, _ int, _ []model.EvaluationDimension, _ model.EvaluationMeasure, _ *ent.EvaluationWhereInput, _ *int, _ *model.YearOnYearOrder, first *int) int {
		return groups(child, first)
	}
	c.Query.IndicatorYearOnYear = func(child int, _, _ int, _ []model.IndicatorDimension, _ model.IndicatorMeasure, _ *ent.IndicatorWhereInput, _ *int, _ *model.YearOnYearOrder, first *int) int {
		return groups(child, first)
	}
	c.Query.DepartmentYearOnYear = func(child int, _, _ int, _ []model.DepartmentYearDimension, _ model.DepartmentYearMeasure, _ *ent.DepartmentYearWhereInput, _ *int, _ *model.YearOnYearOrder, first *int) int {
		return groups(child, first)
	}
	c.Query.EvaluationRanking = func(child int, _ entgql.OrderDirection, first *int, _ *entgql.Cursor[int], _ *ent.EvaluationWhereInput) int {
		return pageCost(child, first, nil)
	}
	// A report reads its evaluation's whole subject, unbatched: a list of
	// evaluations may ask for a few reports, not a page of them.
	c.Evaluation.Report = func(child int) int { return ReportCost + child }
	// What it would take rescores the subject a few hundred times per leaf (CPU only).
	c.Evaluation.NextGrade = func(child int) int { return WhatIfCost + child }
	c.Query.WhatIf = func(child int, _ int, _ model.WhatIfInput) int { return WhatIfCost + child }
}

// WhatIfCost is what one Query.whatIf or Evaluation.nextGrade costs: at most 100 in one operation.
const WhatIfCost = ComplexityLimit / 100

// ReportCost is what one Evaluation.report costs: at most 25 in one operation.
const ReportCost = ComplexityLimit / 25
