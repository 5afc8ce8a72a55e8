package demo

import (
	"context"
	"fmt"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/indicator"
	"jixiao/ent/libraryindicator"
)

// The common indicator library (指标库) the finance bureau keeps: the 管理效率 indicators
// every department-year carries, the seed office's 履职效能 indicators, the generic
// quality, timeliness, cost, sustainability and satisfaction indicators of projects,
// and a few of each sector's. An indicator of the seed's or the district's trees with
// the same levels and name is marked as made from its entry, so that the library shows
// where each is used; nothing of theirs changes (the figures and scores stay).

// libEntry is one library entry: the indicator as an ind (kind, operator, unit,
// binding; its criteria are criteria(ind)), the typical range and weight, the tags.
type libEntry struct {
	ind
	lo, hi string // the typical target range; "" for none
	tags   []string
}

// Tags: what an entry is for (部门整体 / 项目), its group, and the sector it serves.
const (
	tagOverall = "部门整体"
	tagProject = "项目"
	tagCommon  = "通用"
)

var libraryEntries = []libEntry{
	// The 管理效率 group of every department-year, bound to the figures where a formula gives the value.
	{ind{level1: "管理效率", level2: "预算编制", name: "预算编制规范性", kind: qual, weight: "5"}, "", "", []string{tagOverall, "管理效率", "预算管理"}},
	{ind{level1: "管理效率", level2: "预算执行", name: "预算资金支出率", kind: quant, op: ge, unit: "%", weight: "10", binding: indicator.BindingEXECUTION_RATE}, "90", "100", []string{tagOverall, "管理效率", "预算管理"}},
	{ind{level1: "管理效率", level2: "预算执行", name: "结转结余率", kind: quant, op: le, unit: "%", weight: "5", binding: indicator.BindingCARRYOVER_RATE}, "5", "10", []string{tagOverall, "管理效率", "预算管理"}},
	{ind{level1: "管理效率", level2: "预算执行", name: "财务管理合规性", kind: qual, weight: "5"}, "", "", []string{tagOverall, "管理效率", "财务管理"}},
	{ind{level1: "管理效率", level2: "信息公开", name: "预决算及绩效信息公开", kind: qual, weight: "5"}, "", "", []string{tagOverall, "管理效率", "信息公开"}},
	{ind{level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性", kind: qual, weight: "5"}, "", "", []string{tagOverall, "管理效率", "绩效管理"}},
	{ind{level1: "管理效率", level2: "采购管理", name: "政府采购规范性", kind: qual, weight: "5"}, "", "", []string{tagOverall, "管理效率", "政府采购"}},
	{ind{level1: "管理效率", level2: "资产管理", name: "固定资产利用率", kind: quant, op: ge, unit: "%", weight: "5", binding: indicator.BindingASSET_UTILIZATION}, "90", "95", []string{tagOverall, "管理效率", "资产管理"}},
	{ind{level1: "管理效率", level2: "运行成本", name: "公用经费控制率", kind: quant, op: le, unit: "%", weight: "2.5", binding: indicator.BindingPUBLIC_FUNDS_CONTROL}, "", "100", []string{tagOverall, "管理效率", "运行成本"}},
	{ind{level1: "管理效率", level2: "运行成本", name: "三公经费控制率", kind: quant, op: le, unit: "%", weight: "2.5", binding: indicator.BindingTHREE_PUBLIC_CONTROL}, "", "100", []string{tagOverall, "管理效率", "运行成本"}},
	// 履职效能, as the seed office writes it.
	{ind{level1: "履职效能", level2: "产出", name: "交办任务事项完成率", kind: quant, op: ge, unit: "%"}, "95", "100", []string{tagOverall, "履职效能", "办公室"}},
	{ind{level1: "履职效能", level2: "产出", name: "业务岗位培训人数", kind: quant, op: ge, unit: "人次"}, "50", "100", []string{tagOverall, "履职效能", "培训"}},
	{ind{level1: "履职效能", level2: "产出", name: "后勤保障服务完成及时性", kind: quant, op: eq, unit: "%"}, "100", "100", []string{tagOverall, "履职效能", "办公室"}},
	{ind{level1: "履职效能", level2: "效益", name: "成果被采纳应用率", kind: quant, op: ge, unit: "%"}, "90", "100", []string{tagOverall, "履职效能", "办公室"}},
	{ind{level1: "履职效能", level2: "效益", name: "信息稿件被省采纳", kind: quant, op: ge, unit: "篇"}, "10", "20", []string{tagOverall, "履职效能", "办公室", "信息"}},
	// Any project's quality, timeliness, cost and sustainability.
	{ind{level1: "产出指标", level2: "质量指标", name: "工作任务完成合格率", kind: quant, op: ge, unit: "%"}, "95", "100", []string{tagProject, tagCommon, "质量"}},
	{ind{level1: "产出指标", level2: "质量指标", name: "资料归档完整率", kind: quant, op: ge, unit: "%"}, "95", "100", []string{tagProject, tagCommon, "质量"}},
	{ind{level1: "产出指标", level2: "质量指标", name: "问题整改完成率", kind: quant, op: ge, unit: "%"}, "90", "100", []string{tagProject, tagCommon, "质量"}},
	{ind{level1: "产出指标", level2: "质量指标", name: "检查验收合格率", kind: quant, op: ge, unit: "%"}, "96", "100", []string{tagProject, tagCommon, "质量"}},
	{ind{level1: "产出指标", level2: "时效指标", name: "任务按期完成率", kind: quant, op: ge, unit: "%"}, "95", "100", []string{tagProject, tagCommon, "时效"}},
	{ind{level1: "产出指标", level2: "时效指标", name: "资金拨付及时率", kind: quant, op: ge, unit: "%"}, "95", "100", []string{tagProject, tagCommon, "时效"}},
	{ind{level1: "产出指标", level2: "时效指标", name: "项目按期完工率", kind: quant, op: eq, unit: "%"}, "100", "100", []string{tagProject, tagCommon, "时效", "工程"}},
	{ind{level1: "产出指标", level2: "成本指标", name: "项目成本控制率", kind: quant, op: le, unit: "%"}, "", "100", []string{tagProject, tagCommon, "成本"}},
	{ind{level1: "效益指标", level2: "可持续影响指标", name: "长效管理机制健全性", kind: qual}, "", "", []string{tagProject, tagCommon, "可持续影响"}},
	{ind{level1: "效益指标", level2: "可持续影响指标", name: "制度建设完善程度", kind: qual}, "", "", []string{tagProject, tagCommon, "可持续影响"}},
	{ind{level1: "效益指标", level2: "可持续影响指标", name: "工作成果持续发挥作用", kind: qual}, "", "", []string{tagProject, tagCommon, "可持续影响"}},
	{ind{level1: "满意度指标", level2: "服务对象满意度指标", name: "服务对象满意度", kind: quant, op: ge, unit: "%", weight: "10"}, "85", "95", []string{tagProject, tagOverall, tagCommon, "满意度"}},
	{ind{level1: "满意度指标", level2: "服务对象满意度指标", name: "群众满意度", kind: quant, op: ge, unit: "%", weight: "10"}, "85", "95", []string{tagProject, tagOverall, "满意度", "民生"}},
	// A few of each sector's own.
	{ind{level1: "产出指标", level2: "数量指标", name: "新增公办学位数", kind: quant, op: ge, unit: "个"}, "2000", "6000", []string{tagProject, "教育"}},
	{ind{level1: "效益指标", level2: "社会效益指标", name: "义务教育巩固率", kind: quant, op: ge, unit: "%"}, "98", "99.5", []string{tagProject, tagOverall, "教育"}},
	{ind{level1: "效益指标", level2: "社会效益指标", name: "居民健康档案建档率", kind: quant, op: ge, unit: "%"}, "85", "95", []string{tagProject, tagOverall, "卫生健康"}},
	{ind{level1: "效益指标", level2: "社会效益指标", name: "空气质量优良天数比例", kind: quant, op: ge, unit: "%"}, "88", "93", []string{tagProject, tagOverall, "生态环境"}},
	{ind{level1: "效益指标", level2: "社会效益指标", name: "救助资金按时足额发放率", kind: quant, op: eq, unit: "%"}, "100", "100", []string{tagProject, "民政", "民生"}},
	{ind{level1: "产出指标", level2: "数量指标", name: "城镇新增就业人数", kind: quant, op: ge, unit: "人"}, "8000", "15000", []string{tagProject, "人力资源社会保障", "民生"}},
	{ind{level1: "效益指标", level2: "社会效益指标", name: "隐患整改完成率", kind: quant, op: ge, unit: "%"}, "95", "100", []string{tagProject, "应急管理", "安全"}},
	{ind{level1: "效益指标", level2: "社会效益指标", name: "公交准点率", kind: quant, op: ge, unit: "%"}, "90", "96", []string{tagProject, "交通运输"}},
}

// libraryIndex finds an entry by an indicator's levels and name.
type libraryIndex map[[3]string]int

// of is the entry an indicator row was made from, nil when the library has none like it.
func (l libraryIndex) of(r ind) *int {
	if id, ok := l[[3]string{r.level1, r.level2, r.name}]; ok {
		return &id
	}
	return nil
}

// writeLibrary writes the common library and returns its index.
func writeLibrary(ctx context.Context, tx *ent.Tx) (libraryIndex, error) {
	lib := libraryIndex{}
	for _, e := range libraryEntries {
		c := tx.LibraryIndicator.Create().
			SetScope(libraryindicator.ScopeCOMMON).
			SetLevel1(e.level1).SetLevel2(e.level2).SetName(e.name).
			SetKind(libraryindicator.Kind(e.kind)).SetUnit(e.unit).SetScoringCriteria(criteria(e.ind)).
			SetTags(e.tags)
		if e.op != "" {
			c.SetOperator(libraryindicator.Operator(e.op))
		}
		if e.binding != "" {
			c.SetBinding(libraryindicator.Binding(e.binding))
		}
		for _, v := range []struct {
			text string
			set  func(fixed.Decimal) *ent.LibraryIndicatorCreate
		}{{e.lo, c.SetTargetMin}, {e.hi, c.SetTargetMax}, {e.weight, c.SetWeight}} {
			if v.text != "" {
				v.set(fixed.MustParse(v.text))
			}
		}
		row, err := c.Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("library entry %s: %w", e.name, err)
		}
		lib[[3]string{e.level1, e.level2, e.name}] = row.ID
	}
	return lib, nil
}
