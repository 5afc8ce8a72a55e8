package xlsx

import (
	"fmt"
	"io"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/forms"
)

// bigForm is a project form of n indicators in 5 level-1 groups of 8 level-2
// groups each, a quarter of them qualitative.
func bigForm(n int) *forms.Form {
	f := projectForm()
	f.Indicators = nil
	for i := range n {
		ind := forms.Indicator{ID: 1000 + i, Version: 1, Position: i + 1,
			Level1: fmt.Sprintf("一级指标%d", i*5/n), Level2: fmt.Sprintf("二级指标%d", i*40/n),
			Name: fmt.Sprintf("三级指标第%d项", i+1), Weight: dec("0.05"), Unit: "人次"}
		if i%4 == 3 {
			ind.Kind, ind.Rating, ind.RatedScore, ind.Score = forms.KindQualitative, "ACHIEVED", dec("0.05"), fixed.MustParse("0.05")
			ind.Unit = ""
		} else {
			ind.Kind, ind.Operator, ind.Target, ind.Actual = forms.KindQuantitative, "GE", dec("80"), dec(fmt.Sprint(70+i%20))
			ind.Score = fixed.MustParse("0.05")
			if i%20 < 10 {
				ind.Score, ind.DeviationReason = fixed.MustParse("0.04"), "受疫情影响，部分培训延期至下一年度举办。"
			}
		}
		f.Indicators = append(f.Indicators, ind)
	}
	return f
}

// BenchmarkExport2000 writes the form of 2,000 indicators.
func BenchmarkExport2000(b *testing.B) {
	f := bigForm(2000)
	for b.Loop() {
		if err := Write(io.Discard, f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport2000 reads the form of 2,000 indicators and compares it with
// the stored one (what importEvaluationForm does before the mutations).
func BenchmarkImport2000(b *testing.B) {
	f := bigForm(2000)
	data := write(b, f)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		in, problems := Read(data)
		if len(problems) > 0 {
			b.Fatal(problems[0])
		}
		if changes, problems := forms.Diff(f, in); len(changes)+len(problems) > 0 {
			b.Fatalf("%d changes, problems %v", len(changes), problems)
		}
	}
}
