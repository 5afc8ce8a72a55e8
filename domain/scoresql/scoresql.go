// Package scoresql states the scoring rules of package scoring as portable SQL
// expressions, so that filters and rankings on computed scores run in the database
// with a LIMIT instead of loading every row into Go.
//
// The values they yield order and filter rows; the figures users read are always
// computed exactly by package scoring. Arithmetic is forced to a non-integer type by
// multiplying with 1.0 (REAL in SQLite, NUMERIC in PostgreSQL, so ROUND works in
// both); only standard SQL is used: CASE, COALESCE, ROUND and scalar subqueries.
package scoresql

import (
	"fmt"
	"strings"
)

// Column qualifies a column of the row being scored, e.g. sql.Selector.C.
type Column func(name string) string

// micro converts a fixed.Decimal column (millionths) to its value.
func micro(col string) string { return "(" + col + " * 1.0 / 1000000)" }

// derivedActual is the percent a formula binding yields from the department-year
// figures (fig), in millionths like a stored actual, NULL when its denominator is 0
// (mirrors scoring.Derive).
func derivedActual(c, fig Column) string {
	ratio := func(num, den string) string {
		return fmt.Sprintf("CASE WHEN %[2]s > 0 THEN %[1]s * 100000000.0 / %[2]s END", num, den)
	}
	var (
		budget = "(" + fig("personnel_budget") + " + " + fig("public_budget") + " + " + fig("project_budget") + ")"
		actual = "(" + fig("personnel_actual") + " + " + fig("public_actual") + " + " + fig("project_actual") + ")"
	)
	return "CASE " + c("binding") +
		" WHEN 'EXECUTION_RATE' THEN " + ratio(actual, budget) +
		" WHEN 'CARRYOVER_RATE' THEN " + ratio(fig("carryover_end"), actual) +
		" WHEN 'ASSET_UTILIZATION' THEN " + ratio(fig("assets_in_use"), fig("assets_total")) +
		" WHEN 'PUBLIC_FUNDS_CONTROL' THEN " + ratio(fig("public_actual"), fig("public_budget")) +
		" WHEN 'THREE_PUBLIC_CONTROL' THEN " + ratio(fig("three_public_actual"), fig("three_public_budget")) +
		" END"
}

// score is the score in points, rounded to 2 places (scoring.Score), of the
// indicator row c whose actual value is the SQL expression a. Target and actual
// stay in millionths (only their ratio matters); the weight becomes points.
func score(c Column, a string) string {
	w, t := micro(c("weight")), c("target")
	op := c("operator")
	positive := fmt.Sprintf(`CASE
		WHEN %[2]s > 0 THEN %[1]s * (CASE WHEN %[3]s <= 0 THEN 0 WHEN %[3]s >= %[2]s THEN 1 ELSE %[3]s * 1.0 / %[2]s END)
		WHEN %[4]s = 'EQ' THEN (CASE WHEN %[3]s = 0 THEN %[1]s ELSE 0 END)
		ELSE (CASE WHEN %[3]s >= 0 THEN %[1]s ELSE 0 END) END`, w, t, a, op)
	reverse := fmt.Sprintf(`CASE
		WHEN %[2]s > 0 THEN (CASE WHEN %[3]s <= %[2]s THEN %[1]s WHEN %[3]s >= 2 * %[2]s THEN 0 ELSE %[1]s * (2 * %[2]s - %[3]s) / %[2]s END)
		ELSE (CASE WHEN %[3]s <= 0 THEN %[1]s ELSE 0 END) END`, w, t, a)
	expr := fmt.Sprintf(`CASE
		WHEN %[1]s = 'QUALITATIVE' THEN (CASE WHEN %[2]s IS NOT NULL AND %[3]s IS NOT NULL THEN %[4]s ELSE 0 END)
		WHEN %[5]s IS NULL OR %[6]s IS NULL THEN 0
		WHEN %[7]s IN ('LE', 'LT') THEN %[8]s
		ELSE %[9]s END`,
		c("kind"), c("rating"), c("rated_score"), micro(c("rated_score")), a, t, op, reverse, positive)
	return round(squeeze(expr), 2)
}

// round rounds a non-negative value half up. The nudge keeps SQLite's binary REAL
// from rounding an exact half down (6.175 is stored as 6.17499…); it is far below
// the millionths the inputs carry, so it moves no value that is not a half.
func round(expr string, places int) string {
	return fmt.Sprintf("ROUND(%s + 0.000000001, %d)", expr, places)
}

// fig qualifies the columns of the department-year joined to an indicator.
func fig(col string) string { return "fig." + col }

// IndicatorScore is the score of the indicator row c. Only a row bound to a
// formula looks its department-year up (by primary key); most rows need not.
func IndicatorScore(c Column) string {
	return fmt.Sprintf("(CASE WHEN %s IS NULL THEN %s ELSE (SELECT %s FROM department_years fig WHERE fig.id = %s) END)",
		c("binding"), score(c, c("actual")), score(c, derivedActual(c, fig)), c("department_year_id"))
}

// IndicatorAttainment is the attainment of the indicator row c (scoring.Attainment).
func IndicatorAttainment(c Column) string {
	return round(IndicatorScore(c)+" / "+micro(c("weight")), 4)
}

// executionItem is a project's fixed 预算执行率 item: 10 × min(executed / budget, 1).
func executionItem(project string) string {
	return fmt.Sprintf("(SELECT %s FROM projects p WHERE p.id = %s)",
		round("CASE WHEN p.budget <= 0 THEN 0 WHEN p.executed >= p.budget THEN 10 ELSE 10 * p.executed * 1.0 / p.budget END", 2), project)
}

// EvaluationScore is an evaluation's total: the sum of its subject's indicator scores,
// plus the execution item for a project evaluation (scoring.Total).
func EvaluationScore(c Column) string {
	ind := func(col string) string { return "ind." + col }
	from := "SELECT COALESCE(SUM(" + IndicatorScore(ind) + "), 0) FROM indicators ind"
	return squeeze(fmt.Sprintf(`(CASE WHEN %[1]s IS NULL
		THEN (%[3]s WHERE ind.department_year_id = %[2]s AND ind.project_id IS NULL)
		ELSE (%[3]s WHERE ind.project_id = %[1]s) + %[4]s END)`,
		c("project_id"), c("department_year_id"), from, executionItem(c("project_id"))))
}

// squeeze folds the layout whitespace of a multi-line expression into single spaces.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
