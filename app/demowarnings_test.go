package app

import (
	"fmt"
	"slices"
	"testing"
)

// TestDemoWarnings: the demo shows every warning, in 住房和城乡建设局's 2024 draft
// (app/demo's showWarnings), and the district draws one more on its own; the seed's
// office warns about nothing.
func TestDemoWarnings(t *testing.T) { stores(t, demoWarnings) }

func demoWarnings(t *testing.T, db string) {
	admin := startServer(t, db, "--demo").admin(t)
	var out struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					Year       int
					Department struct{ Code string }
					Warnings   []warningView
				}
			}
		}
	}
	must(t, admin, `{ departmentYears(first: 200) { edges { node { year department { code } `+warningFields+` } } } }`, nil, &out)
	var got []string
	for _, e := range out.DepartmentYears.Edges {
		for _, w := range summary(e.Node.Warnings) {
			got = append(got, fmt.Sprintf("%s %d %s", e.Node.Department.Code, e.Node.Year, w))
		}
	}
	want := []string{
		"440115-003 2024 TARGET_TOO_LOW 价格监测点覆盖数", // a project's, drawn so: 144 % and 142 %
		"440115-009 2024 TARGET_TOO_LOW 保障性住房筹建套数",
		"440115-009 2024 TARGET_UNCHANGED 保障性住房筹建套数",
		"440115-009 2024 NEGATIVE_QUANTITY 建筑施工较大事故起数",
		"440115-009 2024 PERCENT_AS_SHARE 住房保障对象满意度 target",
		"440115-009 2024 PERCENT_AS_SHARE 住房保障对象满意度 actual",
		"440115-009 2024 ALL_EXACTLY_MET NS2024-009-03",
		"440115-009 2024 CUMULATIVE_FALLS month 7",
	}
	if !slices.Equal(got, want) {
		t.Errorf("the demo's warnings:\n%v\nwant\n%v", got, want)
	}
}
