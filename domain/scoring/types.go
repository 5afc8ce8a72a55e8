package scoring

// Kind is an indicator's kind.
type Kind string

const (
	Quantitative Kind = "QUANTITATIVE" // 定量
	Qualitative  Kind = "QUALITATIVE"  // 定性
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Quantitative || k == Qualitative }

// Operator is a quantitative indicator's comparison (计算符号).
type Operator string

const (
	GE Operator = "GE" // ≥
	GT Operator = "GT" // >
	EQ Operator = "EQ" // =, scored like ≥ when the target is positive
	LE Operator = "LE" // ≤, reverse
	LT Operator = "LT" // <, reverse
)

// Reverse reports whether less is better (≤, <).
func (o Operator) Reverse() bool { return o == LE || o == LT }

// Valid reports whether o is a known operator.
func (o Operator) Valid() bool {
	switch o {
	case GE, GT, EQ, LE, LT:
		return true
	}
	return false
}

// symbol is how messages print the operator.
func (o Operator) symbol() string {
	switch o {
	case GE:
		return "≥"
	case GT:
		return ">"
	case EQ:
		return "="
	case LE:
		return "≤"
	case LT:
		return "<"
	}
	return string(o)
}

// Rating is the evaluator's rating of a qualitative indicator.
type Rating string

const (
	NotRated    Rating = ""
	Achieved    Rating = "ACHIEVED"     // 达成年度指标
	Partial     Rating = "PARTIAL"      // 部分达成并具有一定效果
	NotAchieved Rating = "NOT_ACHIEVED" // 未达成且效果较差
)

// Valid reports whether r is a known rating or NotRated.
func (r Rating) Valid() bool {
	switch r {
	case NotRated, Achieved, Partial, NotAchieved:
		return true
	}
	return false
}

// chinese is the rating's wording on the evaluation forms.
func (r Rating) chinese() string {
	switch r {
	case Achieved:
		return "达成年度指标"
	case Partial:
		return "部分达成并具有一定效果"
	case NotAchieved:
		return "未达成且效果较差"
	}
	return string(r)
}

// Binding ties a department-year indicator's actual value to a formula over the stored figures (§4).
type Binding string

const (
	NoBinding              Binding = ""
	BindExecutionRate      Binding = "EXECUTION_RATE"
	BindCarryoverRate      Binding = "CARRYOVER_RATE"
	BindAssetUtilization   Binding = "ASSET_UTILIZATION"
	BindPublicFundsControl Binding = "PUBLIC_FUNDS_CONTROL"
	BindThreePublicControl Binding = "THREE_PUBLIC_CONTROL"
)

// Valid reports whether b is a known binding or NoBinding.
func (b Binding) Valid() bool {
	switch b {
	case NoBinding, BindExecutionRate, BindCarryoverRate, BindAssetUtilization,
		BindPublicFundsControl, BindThreePublicControl:
		return true
	}
	return false
}

// Grade is an evaluation's grade (§5).
type Grade string

const (
	Excellent Grade = "EXCELLENT" // 优
	Good      Grade = "GOOD"      // 良
	Fair      Grade = "FAIR"      // 中
	Poor      Grade = "POOR"      // 差
)

// Chinese returns the grade as the forms print it; "" for an unknown grade.
func (g Grade) Chinese() string {
	switch g {
	case Excellent:
		return "优"
	case Good:
		return "良"
	case Fair:
		return "中"
	case Poor:
		return "差"
	}
	return ""
}
