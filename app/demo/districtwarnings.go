package demo

import (
	"fmt"

	"jixiao/domain/fixed"
)

// warningsShown is the department whose 2024 draft shows every warning (package
// domain/warnings), for the app's screens and its browser test: 住房和城乡建设局.
const warningsShown = "009"

// showWarnings edits the drawn district so that warningsShown's 2024 holds one of each
// warning, as a department's entries would: a target copied for three years, a
// percentage typed as a share, a count typed negative, a month's own spending typed as
// the running total, a project's actuals typed as its targets. It draws nothing from
// the stream, so no other department's figure moves, and no edit moves a score but the
// last, which gives the project's one missed quantitative indicator its points.
func showWarnings(plans []plannedYear) {
	years := map[int]*plannedYear{}
	for i := range plans {
		if districtUnits[plans[i].unit].suffix == warningsShown {
			years[plans[i].year] = &plans[i]
		}
	}
	y2024 := years[2024]
	// TARGET_UNCHANGED and TARGET_TOO_LOW: 2024's target of 1356 套 stood in 2022 and 2023
	// too, met there at 142 % and 175 % (full marks either way; such rates need a reason).
	const copied = "保障性住房筹建套数"
	target := find(y2024.indicators, copied).target
	for _, y := range []int{2022, 2023} {
		row := find(years[y].indicators, copied)
		row.target = target
		if a, t := fixed.MustParse(row.actual), fixed.MustParse(target); a*10 >= t*13 {
			row.deviation = deviationTexts[3]
		}
	}
	// PERCENT_AS_SHARE: satisfaction typed as shares, 0.89 and 0.985: the same rate.
	sat := find(y2024.indicators, "住房保障对象满意度")
	sat.target, sat.actual = share(sat.target), share(sat.actual)
	// NEGATIVE_QUANTITY: −1 accidents; the ceiling of 0 is kept all the same.
	find(y2024.indicators, "建筑施工较大事故起数").actual = "-1"
	// CUMULATIVE_FALLS: July's own spending typed where the running total belongs.
	y2024.months[6] -= y2024.months[5]
	// ALL_EXACTLY_MET: every actual of a project typed as its target.
	const exact = "建设工程质量安全监管"
	for i := range y2024.y.projects {
		if p := &y2024.y.projects[i]; p.name == exact {
			for k := range p.indicators {
				if row := &p.indicators[k]; row.kind == quant {
					row.actual = row.target
				}
			}
			return
		}
	}
	panic("demo: no project " + exact + " to show a warning on")
}

// find is the indicator called name among rows; the district's trees hold each name once.
func find(rows []ind, name string) *ind {
	for i := range rows {
		if rows[i].name == name {
			return &rows[i]
		}
	}
	panic(fmt.Sprintf("demo: no indicator %s to show a warning on", name))
}

// share is a percentage written as a share: "89.00" → "0.89".
func share(percent string) string {
	return fixed.Round(fixed.MustParse(percent).Decimal().Shift(-2)).String()
}
