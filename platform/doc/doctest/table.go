package doctest

import "jixiao/platform/doc"

// indicator is a row of the seed's indicator tree (SCORING.md §6) with the demo
// data's deviation reasons; the scoring criteria are illustrative.
type indicator struct {
	level1, level2, name, target, actual, weight, score, criteria, deviation string
}

var indicators = []indicator{
	{"履职效能", "产出", "交办任务事项完成率", "≥100%", "100%", "7", "7", "完成率达到100%得满分，每低1%扣0.1分", ""},
	{"履职效能", "产出", "业务岗位培训人数", "≥80人次", "88人次", "6", "6", "达到目标值得满分，未达到的按比例得分", ""},
	{"履职效能", "产出", "会议参与人数", "≥900人次", "1300人次", "6", "6", "达到目标值得满分，未达到的按比例得分", "全年区委会议和专题活动场次多于年初预计，参会人次相应大幅增加。"},
	{"履职效能", "产出", "后勤保障服务完成及时性", "=100%", "100%", "6", "6", "按时完成得满分，每延误1次扣1分", ""},
	{"履职效能", "效益", "成果被采纳应用率", "≥100%", "100%", "7", "7", "完成率达到100%得满分，未达到的按比例得分", ""},
	{"履职效能", "效益", "信息稿件被省采纳", "≥15篇", "20篇", "6", "6", "达到目标值得满分，未达到的按比例得分", "《南沙信息》改版后刊发频次和稿件质量提高，被省委刊物采纳的篇数超出年初预期。"},
	{"履职效能", "效益", "信息稿件被国家采纳", "≥3篇", "3篇", "6", "6", "达到目标值得满分，未达到的按比例得分", ""},
	{"履职效能", "效益", "信息稿件或批示次数", "≥30次", "36次", "6", "6", "达到目标值得满分，未达到的按比例得分", ""},
	{"管理效率", "预算编制", "预算编制规范性", "达成", "达成", "5", "5", "按要求编制预算并按时报送得满分", ""},
	{"管理效率", "预算执行", "预算资金支出率", "≥100%", "99.63%", "10", "9.96", "执行率×分值", "部分项目按实际工作量结算，少量预算资金未支出；个别月份支出进度未达到序时目标。"},
	{"管理效率", "预算执行", "结转结余率", "≤10%", "0.25%", "5", "5", "结转结余率不超过10%得满分", ""},
	{"管理效率", "预算执行", "财务管理合规性", "达成", "达成", "5", "5", "支出范围、程序、用途、核算合规得满分", ""},
	{"管理效率", "信息公开", "预决算及绩效信息公开", "达成", "达成", "5", "5", "按规定公开预决算和绩效信息得满分", ""},
	{"管理效率", "绩效管理", "绩效管理制度健全性", "达成", "达成", "5", "4.73", "制度健全并有效执行得满分", "部门绩效管理制度仍需进一步规范。"},
	{"管理效率", "采购管理", "政府采购规范性", "达成", "达成", "5", "5", "采购活动合法合规得满分", ""},
	{"管理效率", "资产管理", "固定资产利用率", "≥95%", "≥95%", "5", "5", "利用率达到95%得满分", ""},
	{"管理效率", "运行成本", "公用经费控制率", "≤100%", "<100%", "2.5", "2.5", "实际支出不超过预算得满分", ""},
	{"管理效率", "运行成本", "三公经费控制率", "≤100%", "<100%", "2.5", "2.5", "实际支出不超过预算得满分", ""},
}

// IndicatorTable is the seed's indicator table, its level cells merged down
// their rows and a total row across the first six columns, as the forms lay
// it out.
func IndicatorTable() doc.Table {
	head := []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "评（扣）分标准", "偏差原因分析"}
	t := doc.Table{Title: "表1  部门整体支出绩效自评指标得分情况"}
	var h doc.Row
	for _, s := range head {
		h.Cells = append(h.Cells, doc.Cell{Text: s, Align: doc.AlignCenter})
	}
	t.Header = []doc.Row{h}
	for i, ind := range indicators {
		var r doc.Row
		if i == 0 || indicators[i-1].level1 != ind.level1 {
			r.Cells = append(r.Cells, doc.Cell{Text: ind.level1, RowSpan: run(i, func(a, b indicator) bool { return a.level1 == b.level1 }), Align: doc.AlignCenter})
		}
		if i == 0 || indicators[i-1].level2 != ind.level2 {
			r.Cells = append(r.Cells, doc.Cell{Text: ind.level2, RowSpan: run(i, func(a, b indicator) bool { return a.level2 == b.level2 }), Align: doc.AlignCenter})
		}
		r.Cells = append(r.Cells,
			doc.Cell{Text: ind.name},
			doc.Cell{Text: ind.target, Align: doc.AlignCenter},
			doc.Cell{Text: ind.actual, Align: doc.AlignCenter},
			doc.Cell{Text: ind.weight, Align: doc.AlignEnd},
			doc.Cell{Text: ind.score, Align: doc.AlignEnd},
			doc.Cell{Text: ind.criteria},
			doc.Cell{Text: ind.deviation},
		)
		t.Rows = append(t.Rows, r)
	}
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
		{Text: "合计", ColSpan: 5, Align: doc.AlignCenter},
		{Text: "100", Align: doc.AlignEnd}, {Text: "99.69", Align: doc.AlignEnd}, {}, {},
	}})
	return t
}

// run counts the rows from i on that same keeps together with row i.
func run(i int, same func(a, b indicator) bool) int {
	n := 1
	for i+n < len(indicators) && same(indicators[i], indicators[i+n]) {
		n++
	}
	return n
}
