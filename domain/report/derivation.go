package report

import (
	"fmt"
	"strings"

	"jixiao/domain/fixed"
)

// Derivation is what the appendix 评分计算过程 states: the rules that scored the evaluation,
// each indicator's score as derived from its figures, the total's derivation from them, and the
// months flagged behind their spending targets. Every line arrives written (package
// derivation): the report only lays them out.
type Derivation struct {
	// Rules names the rules: 「内置规则（SCORING.md）」 or a rule set's name and version.
	Rules      string
	Indicators []DerivedIndicator
	// Total are the lines of the total: the subtotals, the total, the grade (and a project's
	// execution item first).
	Total []string
	// Months are the lines of the months behind their targets (an overall report's).
	Months []string
}

// DerivedIndicator is one indicator's derivation.
type DerivedIndicator struct {
	Level1, Level2, Name string
	Lines                []string
	Score                fixed.Decimal
}

// DerivationKey is the appendix's key.
const DerivationKey = "A"

// AppendDerivation adds the appendix 附件 评分计算过程 after the report's parts: each indicator's
// derivation (a paragraph each, its lines broken), then the total's, then the months'. Its numbering is its own (附件),
// so the report's parts keep theirs.
func (d *Document) AppendDerivation(x Derivation) {
	a := &Section{Key: DerivationKey, Number: "附件：", Title: "评分计算过程", Level: 1}
	a.generated("本附件列出各项得分的计算过程：所依据的评分规则，每项指标适用的规则分支及代入数值的公式，" +
		"以及各级小计、总分与评价等级。得分保留两位小数（四舍五入），总分为各指标得分之和。")
	a.generated("评分规则：" + x.Rules + "。")
	indicators := &Section{Key: DerivationKey + ".1", Number: "（一）", Title: "指标得分", Level: 2}
	for i, ind := range x.Indicators {
		group := ind.Level1
		if ind.Level2 != "" {
			group += " / " + ind.Level2
		}
		head := fmt.Sprintf("%d. %s（%s，得分 %s）", i+1, ind.Name, group, ind.Score)
		indicators.generated(strings.Join(append([]string{head}, ind.Lines...), "\n"))
	}
	total := &Section{Key: DerivationKey + ".2", Number: "（二）", Title: "总分与评价等级", Level: 2}
	total.generated(x.Total...)
	a.Sections = []*Section{indicators, total}
	if len(x.Months) > 0 {
		months := &Section{Key: DerivationKey + ".3", Number: "（三）", Title: "月度支出进度", Level: 2}
		months.generated(x.Months...)
		a.Sections = append(a.Sections, months)
	}
	d.Sections = append(d.Sections, a)
}
