package report

import (
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

func TestAdjusted(t *testing.T) {
	d := func(s string) *fixed.Decimal { v := fixed.MustParse(s); return &v }
	ind := func(name, target, weight string, a *Adjustment) Indicator {
		return Indicator{Name: name, Kind: scoring.Quantitative, Operator: scoring.GE, Target: d(target), Unit: "人次", Weight: *d(weight), Adjusted: a}
	}
	tests := []struct {
		name      string
		inds      []Indicator
		sentence  string
		tableCell string // of the first indicator
	}{
		{"none", []Indicator{ind("培训人数", "80", "6", nil)}, "", "≥80人次"},
		{"a target", []Indicator{ind("培训人数", "100", "6", &Adjustment{OriginalTarget: d("85"), OriginalWeight: *d("6"), Reasons: []string{"计划扩大"}})},
			"年度执行中经财政部门批复调整绩效目标1项：培训人数年度指标值由≥85人次调整为≥100人次（调整原因：计划扩大）。自评按调整后的目标计分。", "≥100人次（调整前≥85人次）"},
		{"a weight, twice", []Indicator{ind("培训人数", "80", "5", &Adjustment{OriginalTarget: d("80"), OriginalWeight: *d("6"), Reasons: []string{"一", "二"}}), ind("会议", "3", "2", nil)},
			"年度执行中经财政部门批复调整绩效目标1项：培训人数分值由6分调整为5分（调整原因：一；二）。自评按调整后的目标计分。", "≥80人次"},
		{"both, two indicators", []Indicator{
			ind("培训人数", "90", "5", &Adjustment{OriginalTarget: d("80"), OriginalWeight: *d("6"), Reasons: []string{"调"}}),
			ind("会议", "4", "3", &Adjustment{OriginalTarget: d("3"), OriginalWeight: *d("3"), Reasons: []string{"增"}})},
			"年度执行中经财政部门批复调整绩效目标2项：培训人数年度指标值由≥80人次调整为≥90人次，分值由6分调整为5分（调整原因：调）；会议年度指标值由≥3人次调整为≥4人次（调整原因：增）。自评按调整后的目标计分。",
			"≥90人次（调整前≥80人次）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := adjustedSentence(tt.inds); got != tt.sentence {
				t.Errorf("sentence:\n got %s\nwant %s", got, tt.sentence)
			}
			if got := tableTarget(tt.inds[0]); got != tt.tableCell {
				t.Errorf("table cell %s, want %s", got, tt.tableCell)
			}
		})
	}
}
