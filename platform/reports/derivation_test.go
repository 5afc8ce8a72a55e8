package reports

import (
	"io"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/derivation"
	"jixiao/domain/fixed"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
	"jixiao/platform/doc"
	"jixiao/platform/doc/pdf"
)

// TestDerivationAppendix: the appendix starts a page of its own, after the report's parts, and
// every character its lines print is in the PDF's fonts (GB 2312 and ASCII: "−" is not, "-" is).
func TestDerivationAppendix(t *testing.T) {
	d := &report.Document{Title: "绩效自评报告", Sections: []*report.Section{{Key: "4", Number: "四、", Title: "下一步改进措施", Level: 1}}}
	r, exact := scoring.Default(), scoring.Default()
	exact.EqualLikeAtLeast = false
	dec := decimal.RequireFromString
	quant := func(op scoring.Operator, target, actual string) scoring.Indicator {
		a := dec(actual)
		return scoring.Indicator{Kind: scoring.Quantitative, Operator: op, Target: dec(target), Actual: &a, Weight: dec("6")}
	}
	rated := dec("3.5")
	var lines []string
	for _, e := range []scoring.Explanation{
		r.Explain(quant(scoring.GE, "80", "88")), r.Explain(quant(scoring.GE, "80", "60")), r.Explain(quant(scoring.LE, "10", "15")),
		r.Explain(quant(scoring.LE, "10", "25")), r.Explain(quant(scoring.GE, "0", "-1")), exact.Explain(quant(scoring.EQ, "10", "11")),
		r.Explain(scoring.Indicator{Kind: scoring.Qualitative, Rating: scoring.Partial, RatedScore: &rated, Weight: dec("5")}),
		r.ExplainBound(scoring.BindCarryoverRate, scoring.Figures{Executed: dec("1829.40"), CarryoverEnd: dec("4.58")}, quant(scoring.LE, "10", "0")),
		r.ExplainExecutionItem(dec("254.62"), dec("260")),
		r.ExplainTotal([]scoring.Leaf{{Level1: "产出指标", Level2: "数量指标", Score: dec("85"), Weight: dec("100")}}),
		scoring.ExplainMonth(dec("100"), scoring.Month{Month: 6, CumulativeExecuted: dec("40"), TargetPercent: dec("45")}),
	} {
		lines = append(lines, derivation.Text(e, "%"))
	}
	d.AppendDerivation(report.Derivation{Rules: derivation.RulesName("某省 2023 年度规则", 2, false, true),
		Indicators: []report.DerivedIndicator{{Level1: "履职效能", Level2: "产出", Name: "业务岗位培训人数", Lines: lines, Score: fixed.MustParse("6")}},
		Total:      lines[len(lines)-2:], Months: lines[len(lines)-1:]})
	out := Document(d)
	if len(out.Blocks) < 3 || out.Blocks[1] != (doc.PageBreak{}) || out.Blocks[2] != (doc.Heading{Level: 1, Number: "附件：", Text: "评分计算过程"}) {
		t.Fatalf("the appendix's first blocks: %#v", out.Blocks[:min(3, len(out.Blocks))])
	}
	res, err := pdf.Write(io.Discard, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Missing) > 0 {
		t.Errorf("the appendix prints characters the fonts lack: %q", string(res.Missing))
	}
}
