package schema_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"jixiao/ent/schema"
	"jixiao/platform/inputerr"
)

// TestNormaliseTags: tags are trimmed, kept once in their first place, empty ones
// dropped; too many or too long ones are refused on tags with the reason.
func TestNormaliseTags(t *testing.T) {
	many := strings.Split("一 二 三 四 五 六 七 八 九 十 十一", " ")
	for _, tt := range []struct {
		name   string
		in     []string
		want   []string
		reason string
	}{
		{"as they are", []string{"部门整体", "教育"}, []string{"部门整体", "教育"}, ""},
		{"trimmed, inner spaces one", []string{" 教育 ", "卫生\u3000 健康"}, []string{"教育", "卫生 健康"}, ""},
		{"repeats and empties dropped", []string{"项目", "", " ", "项目", "时效", " 项目"}, []string{"项目", "时效"}, ""},
		{"none", nil, []string{}, ""},
		{"ten", many[:10], many[:10], ""},
		{"eleven", many, nil, inputerr.TooLarge},
		{"eleven with a repeat is ten", append(slices.Clone(many[:10]), "一"), many[:10], ""},
		{"twenty characters", []string{strings.Repeat("长", 20)}, []string{strings.Repeat("长", 20)}, ""},
		{"twenty-one", []string{strings.Repeat("长", 21)}, nil, inputerr.TooLong},
	} {
		got, err := schema.NormaliseTags(tt.in)
		var bad *inputerr.Error
		switch {
		case tt.reason == "" && (err != nil || !slices.Equal(got, tt.want)):
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		case tt.reason != "" && (!errors.As(err, &bad) || bad.Field != "tags" || bad.Reason == nil || bad.Reason.Code != tt.reason):
			t.Errorf("%s: %v, want a refusal on tags with %s", tt.name, err, tt.reason)
		}
	}
}
