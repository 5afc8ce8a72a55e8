// Package funding states what the standard self-evaluation forms ask of a budget's
// breakdown: the categories of its lines, and that the lines add up to the total
// row. A project's funds are broken down by source (项目支出绩效自评表: 其中：当年财政拨款 /
// 上年结转资金 / 其他资金), a department-year's by revenue nature (部门整体支出绩效自评表:
// 按收入性质分). The total row is the owner's own figures, which stay what scoring
// reads: a line never moves a score, it only has to agree with the total.
package funding

import (
	"slices"

	"github.com/shopspring/decimal"
)

// Category is what one line of a breakdown holds; the values are those of the
// FundingLine.category enum (ent/schema), in the order the forms print them.
type Category string

const (
	// A project's sources of funds.
	CurrentAppropriation Category = "CURRENT_APPROPRIATION" // 当年财政拨款
	PriorYearCarryover   Category = "PRIOR_YEAR_CARRYOVER"  // 上年结转资金
	OtherFunds           Category = "OTHER_FUNDS"           // 其他资金

	// A department-year's revenue by nature.
	GeneralPublicBudget  Category = "GENERAL_PUBLIC_BUDGET"  // 一般公共预算
	GovernmentFundBudget Category = "GOVERNMENT_FUND_BUDGET" // 政府性基金预算
	StateCapitalBudget   Category = "STATE_CAPITAL_BUDGET"   // 国有资本经营预算
	FiscalSpecialAccount Category = "FISCAL_SPECIAL_ACCOUNT" // 财政专户管理资金
	UnitFunds            Category = "UNIT_FUNDS"             // 单位资金
)

// Sources are a project's categories, Revenues a department-year's, each in form order.
var (
	Sources  = []Category{CurrentAppropriation, PriorYearCarryover, OtherFunds}
	Revenues = []Category{GeneralPublicBudget, GovernmentFundBudget, StateCapitalBudget, FiscalSpecialAccount, UnitFunds}
)

// All is every category, projects' first: the enum's values.
func All() []string {
	out := make([]string, 0, len(Sources)+len(Revenues))
	for _, c := range slices.Concat(Sources, Revenues) {
		out = append(out, string(c))
	}
	return out
}

// Allowed is the categories a line of a project (project true) or of a
// department-year may have.
func Allowed(project bool) []Category {
	if project {
		return Sources
	}
	return Revenues
}

// Order is c's place in the forms' order, for listing lines; unknown categories last.
func Order(c Category) int {
	if i := slices.Index(slices.Concat(Sources, Revenues), c); i >= 0 {
		return i
	}
	return len(Sources) + len(Revenues)
}

// Column names one money column of a breakdown, as the GraphQL API names it.
type Column string

const (
	InitialBudget  Column = "initialBudget"  // 年初预算数
	AdjustedBudget Column = "adjustedBudget" // 全年预算数 (调整后)
	Executed       Column = "executed"       // 全年执行数
)

// Columns are the three, in form order.
var Columns = []Column{InitialBudget, AdjustedBudget, Executed}

// Amounts are one row of a breakdown, or its total row.
type Amounts struct {
	InitialBudget, AdjustedBudget, Executed decimal.Decimal
}

func (a Amounts) get(c Column) decimal.Decimal {
	switch c {
	case InitialBudget:
		return a.InitialBudget
	case AdjustedBudget:
		return a.AdjustedBudget
	}
	return a.Executed
}

// Mismatch is a column whose lines do not add up to the total row.
type Mismatch struct {
	Column     Column
	Sum, Total decimal.Decimal
}

// Mismatches compares the sum of lines with total, column by column, in form
// order. A breakdown without lines asks nothing: the forms' 其中 rows are then
// empty and the total row stands alone.
func Mismatches(total Amounts, lines []Amounts) []Mismatch {
	if len(lines) == 0 {
		return nil
	}
	var out []Mismatch
	for _, c := range Columns {
		sum := decimal.Zero
		for _, l := range lines {
			sum = sum.Add(l.get(c))
		}
		if !sum.Equal(total.get(c)) {
			out = append(out, Mismatch{Column: c, Sum: sum, Total: total.get(c)})
		}
	}
	return out
}
