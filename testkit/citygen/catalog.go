package citygen

import "jixiao/ent/indicator"

// The names below are invented for a fictional city; they read like the real thing.

const cityName = "江海市"

var districtNames = []string{
	"东城区", "西城区", "南湖区", "北山区", "江滨区", "新港区",
	"高新区", "临江区", "青山区", "云溪区", "白沙区",
}

// bureau is a department under a district, with the area its functions text names.
type bureau struct{ name, area string }

var bureaus = []bureau{
	{"发展和改革局", "国民经济和社会发展规划、投资管理"},
	{"教育局", "基础教育、学前教育和教育督导"},
	{"科技工业和信息化局", "科技创新、工业和信息化"},
	{"公安分局", "社会治安、交通管理和户政"},
	{"民政局", "社会救助、养老服务和社区建设"},
	{"司法局", "公共法律服务、人民调解和普法"},
	{"财政局", "财政预算、国库支付和绩效管理"},
	{"人力资源和社会保障局", "就业创业、社会保险和人才服务"},
	{"自然资源分局", "国土空间规划和自然资源管理"},
	{"生态环境分局", "生态环境保护和污染防治"},
	{"住房和城乡建设局", "住房保障、城乡建设和建筑市场监管"},
	{"交通运输局", "道路交通建设和公共交通"},
	{"水务局", "水利工程、供排水和河湖管理"},
	{"农业农村局", "农业生产、乡村振兴和农村改革"},
	{"商务局", "商贸流通、招商引资和对外贸易"},
	{"文化广电旅游体育局", "公共文化、文物保护、旅游和全民健身"},
	{"卫生健康局", "公共卫生、医疗服务和疾病预防控制"},
	{"退役军人事务局", "退役军人安置和优抚褒扬"},
	{"应急管理局", "安全生产、防灾减灾和应急救援"},
	{"审计局", "财政财务收支审计和经济责任审计"},
	{"市场监督管理局", "市场主体登记、食品药品安全和质量监管"},
	{"统计局", "统计调查和数据发布"},
	{"医疗保障局", "医疗保险、医疗救助和医药价格"},
	{"城市管理和综合执法局", "市容环境卫生和城市管理综合执法"},
	{"政务服务数据管理局", "政务服务、数据资源和数字政府建设"},
	{"信访局", "群众来信来访和矛盾纠纷化解"},
	{"区委办公室", "区委日常运转、综合协调和督查督办"},
	{"区政府办公室", "区政府日常运转、政务信息和督查"},
	{"区委组织部", "干部队伍建设和基层党组织建设"},
	{"区委宣传部", "宣传思想和精神文明建设"},
	{"区委政法委员会", "政法工作统筹和平安建设"},
	{"区纪委监委", "党风廉政建设和监督执纪"},
	{"区委统战部", "统一战线和民族宗教工作"},
	{"区总工会", "职工权益维护和职工服务"},
	{"团区委", "青少年服务和共青团建设"},
	{"区妇女联合会", "妇女儿童权益保障"},
	{"区残疾人联合会", "残疾人康复、就业和权益保障"},
	{"区档案馆", "档案收集、保管和利用"},
	{"区融媒体中心", "新闻宣传和媒体融合"},
	{"区机关事务管理局", "机关后勤保障和公务用车管理"},
}

// streets name the street offices (街道办事处) once a district has used every bureau.
var streets = []string{
	"城东", "城西", "新桥", "河口", "龙山", "凤岗", "石桥", "沙湾", "南岭", "北湖",
	"金沙", "长岭", "白云", "双溪", "梅林", "桂园", "荔湾", "望江", "明珠", "清水",
}

var unitKinds = []string{
	"综合服务中心", "信息中心", "监测站", "综合执法大队", "事务中心", "培训中心",
	"机关服务中心", "技术推广站", "发展研究中心", "档案室",
}

var ordinals = []string{"", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十"}

// projectKind is a kind of budget project and its functional category (功能分类).
type projectKind struct{ name, category string }

var projectKinds = []projectKind{
	{"信息化系统运维经费", "一般公共服务"}, {"政务服务中心运行经费", "一般公共服务"},
	{"公共卫生服务补助资金", "卫生健康"}, {"道路养护及维修经费", "交通运输"},
	{"教育设施改造工程", "教育"}, {"环境监测能力建设", "节能环保"},
	{"社区综合服务提升项目", "城乡社区"}, {"安全生产监管专项经费", "灾害防治及应急管理"},
	{"农田水利设施建设", "农林水"}, {"城市绿化养护经费", "城乡社区"},
	{"老年人助餐服务补贴", "社会保障和就业"}, {"就业创业扶持资金", "社会保障和就业"},
	{"文化惠民演出活动经费", "文化旅游体育与传媒"}, {"全民健身设施建设", "文化旅游体育与传媒"},
	{"河湖长制工作经费", "农林水"}, {"食品安全抽检经费", "一般公共服务"},
	{"应急物资储备经费", "灾害防治及应急管理"}, {"档案数字化项目", "一般公共服务"},
	{"普法宣传教育经费", "公共安全"}, {"困难群众救助资金", "社会保障和就业"},
	{"学校食堂提升工程", "教育"}, {"智慧城管平台建设", "城乡社区"},
	{"污水管网改造工程", "节能环保"}, {"乡村振兴示范点建设", "农林水"},
	{"招商引资活动经费", "商业服务业等"}, {"统计调查专项经费", "一般公共服务"},
	{"退役军人服务保障经费", "社会保障和就业"}, {"消防设施更新项目", "公共安全"},
	{"公共法律服务体系建设", "公共安全"}, {"数字政府建设项目", "一般公共服务"},
	{"职业技能培训补贴", "社会保障和就业"}, {"科技创新券补助资金", "科学技术"},
}

var keyTaskTitles = []string{
	"统筹推进年度重点工作任务", "加强预算绩效管理", "推进数字化转型", "优化营商环境",
	"提升公共服务水平", "加强干部队伍建设", "做好安全生产和应急管理", "推进法治政府建设",
	"落实民生实事项目", "加强风险防控",
}

var conclusions = []string{
	"%d年度，本部门认真履行职责，预算执行总体良好，年度绩效目标基本完成。",
	"%d年度，本部门围绕中心工作，统筹安排预算资金，各项绩效指标总体完成，资金使用效益较好。",
	"%d年度，本部门各项工作有序推进，部分指标未达预期，已分析原因并提出改进措施。",
}

var problems = []string{
	"部分月份支出进度未达到序时进度要求。",
	"需要进一步规范部门的绩效管理制度。",
	"部分绩效指标设置不够细化、量化。",
	"项目前期论证不够充分，执行中存在调整。",
	"年末结转结余资金偏多。",
}

var improvements = []string{
	"加强预算执行动态监控，确保支出进度符合序时要求。",
	"完善绩效管理制度，强化绩效目标与预算编制的衔接。",
	"科学设置绩效指标，提高指标的可衡量性。",
	"做实项目前期论证，提高预算编制的准确性。",
	"加快结转资金清理盘活，提高资金使用效益。",
}

var reasonsBelow = []string{
	"受项目实施进度影响，部分任务未能在年内完成。",
	"部分采购项目延期验收，资金支付相应推迟。",
	"上级政策调整，年度任务量相应减少。",
	"受客观条件限制，实际完成值低于年初预期。",
}

var reasonsAbove = []string{
	"实际工作需求增加，超额完成年度目标。",
	"服务需求旺盛，实际完成值明显高于年初预期。",
	"年初目标设置偏保守，下一年度将合理调整指标值。",
}

var reasonsReverse = []string{
	"受物价上涨及临时性任务增加影响，实际值超出控制目标。",
	"突发事件应对增加相关支出，未能控制在目标以内。",
	"年中新增工作任务，相关指标超出年初设定值。",
}

var executionExplanations = []string{
	"项目分期实施，部分合同款按进度于下一年度支付。",
	"政府采购流程较长，项目资金未能在年内全部支付。",
	"项目实施方案调整，部分资金结转下一年度使用。",
}

var (
	geOp = indicator.OperatorAtLeast
	gtOp = indicator.OperatorAbove
	eqOp = indicator.OperatorEqual
	leOp = indicator.OperatorAtMost
	ltOp = indicator.OperatorBelow
)

// tmpl is an indicator template. Targets are drawn from [lo, hi] in units of 10^-dec
// (dec 2 and lo = hi = 10000 is 100.00). A qualitative template has no operator.
type tmpl struct {
	level1, level2, name, unit string
	op                         indicator.Operator // "" for qualitative
	lo, hi                     int64
	dec                        int
	binding                    indicator.Binding
	units                      int  // overall management items: fixed weight in half points
	optional                   bool // management items a department-year may leave out
	cost                       bool // project cost: target = budget, actual = executed
}

func (t tmpl) qualitative() bool { return t.op == "" }

func pct(level1, level2, name string, op indicator.Operator, lo, hi int64) tmpl {
	return tmpl{level1: level1, level2: level2, name: name, unit: "%", op: op, lo: lo * 100, hi: hi * 100, dec: 2}
}

func count(level1, level2, name, unit string, op indicator.Operator, lo, hi int64) tmpl {
	return tmpl{level1: level1, level2: level2, name: name, unit: unit, op: op, lo: lo, hi: hi}
}

func qual(level1, level2, name string) tmpl {
	return tmpl{level1: level1, level2: level2, name: name}
}

// management is the finance bureau's framework of a department-year's management items
// (SCORING.md §6), in its order, with its weights.
var management = []tmpl{
	{level1: "管理效率", level2: "预算编制", name: "预算编制规范性", units: 10, optional: true},
	{level1: "管理效率", level2: "预算执行", name: "预算资金支出率", unit: "%", op: geOp, lo: 10000, hi: 10000, dec: 2, binding: indicator.BindingEXECUTION_RATE, units: 20},
	{level1: "管理效率", level2: "预算执行", name: "结转结余率", unit: "%", op: leOp, lo: 1000, hi: 1000, dec: 2, binding: indicator.BindingCARRYOVER_RATE, units: 10, optional: true},
	{level1: "管理效率", level2: "预算执行", name: "财务管理合规性", units: 10, optional: true},
	{level1: "管理效率", level2: "信息公开", name: "预决算及绩效信息公开", units: 10, optional: true},
	{level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性", units: 10, optional: true},
	{level1: "管理效率", level2: "采购管理", name: "政府采购规范性", units: 10, optional: true},
	{level1: "管理效率", level2: "资产管理", name: "固定资产利用率", unit: "%", op: geOp, lo: 9500, hi: 9500, dec: 2, binding: indicator.BindingASSET_UTILIZATION, units: 10, optional: true},
	{level1: "管理效率", level2: "运行成本", name: "公用经费控制率", unit: "%", op: leOp, lo: 10000, hi: 10000, dec: 2, binding: indicator.BindingPUBLIC_FUNDS_CONTROL, units: 5, optional: true},
	{level1: "管理效率", level2: "运行成本", name: "三公经费控制率", unit: "%", op: leOp, lo: 10000, hi: 10000, dec: 2, binding: indicator.BindingTHREE_PUBLIC_CONTROL, units: 5, optional: true},
}

// overallOutput and overallBenefit are a department-year's 履职效能 indicators.
var overallOutput = []tmpl{
	pct("履职效能", "产出", "交办任务事项完成率", geOp, 100, 100),
	count("履职效能", "产出", "业务岗位培训人数", "人次", geOp, 40, 600),
	count("履职效能", "产出", "会议参与人数", "人次", geOp, 200, 3000),
	pct("履职效能", "产出", "后勤保障服务完成及时性", eqOp, 100, 100),
	pct("履职效能", "产出", "重点工作任务完成率", geOp, 95, 100),
	count("履职效能", "产出", "政务信息报送数量", "篇", geOp, 20, 200),
	pct("履职效能", "产出", "督查督办事项办结率", geOp, 95, 100),
	count("履职效能", "产出", "开展专项检查次数", "次", geOp, 4, 60),
	count("履职效能", "产出", "办理行政审批事项", "件", geOp, 100, 5000),
	count("履职效能", "产出", "行政执法案件数量", "件", gtOp, 10, 300),
}

var overallBenefit = []tmpl{
	pct("履职效能", "效益", "成果被采纳应用率", geOp, 100, 100),
	count("履职效能", "效益", "信息稿件被省采纳", "篇", geOp, 5, 30),
	count("履职效能", "效益", "信息稿件被国家采纳", "篇", geOp, 1, 5),
	count("履职效能", "效益", "信息稿件或批示次数", "次", geOp, 10, 60),
	pct("履职效能", "效益", "社会公众满意度", geOp, 85, 95),
	pct("履职效能", "效益", "行政复议纠错率", leOp, 3, 8),
	count("履职效能", "效益", "有效投诉数量", "件", ltOp, 5, 30),
	count("履职效能", "效益", "安全责任事故次数", "次", leOp, 0, 0),
	pct("履职效能", "效益", "政务服务好评率", geOp, 95, 99),
	qual("履职效能", "效益", "部门职能作用发挥情况"),
}

// projectOutput, projectBenefit and projectSatisfaction are a project's indicators,
// grouped by level 2 in each pool's order.
var projectOutput = []tmpl{
	count("产出指标", "数量指标", "培训人次", "人次", geOp, 50, 2000),
	count("产出指标", "数量指标", "服务对象人数", "人", geOp, 100, 20000),
	count("产出指标", "数量指标", "建设项目数量", "个", geOp, 1, 30),
	count("产出指标", "数量指标", "巡查检查次数", "次", geOp, 12, 500),
	count("产出指标", "数量指标", "补贴发放户数", "户", geOp, 100, 5000),
	count("产出指标", "数量指标", "采购设备数量", "台", geOp, 5, 300),
	{level1: "产出指标", level2: "数量指标", name: "道路养护里程", unit: "公里", op: geOp, lo: 50, hi: 2000, dec: 1},
	count("产出指标", "数量指标", "覆盖社区数量", "个", geOp, 5, 60),
	count("产出指标", "数量指标", "举办活动场次", "场", geOp, 2, 50),
	count("产出指标", "数量指标", "印发宣传材料", "份", geOp, 500, 20000),
	pct("产出指标", "质量指标", "验收合格率", geOp, 95, 100),
	pct("产出指标", "质量指标", "设备完好率", geOp, 95, 98),
	pct("产出指标", "质量指标", "资金拨付准确率", eqOp, 100, 100),
	pct("产出指标", "质量指标", "数据准确率", geOp, 98, 100),
	pct("产出指标", "质量指标", "问题整改完成率", geOp, 90, 100),
	qual("产出指标", "质量指标", "服务质量达标情况"),
	pct("产出指标", "时效指标", "项目按期完成率", geOp, 100, 100),
	pct("产出指标", "时效指标", "资金拨付及时率", geOp, 100, 100),
	count("产出指标", "时效指标", "项目完成时限", "天", leOp, 30, 365),
	count("产出指标", "时效指标", "问题响应时间", "小时", ltOp, 2, 48),
	{level1: "产出指标", level2: "成本指标", name: "项目成本控制", unit: "万元", op: leOp, dec: 2, cost: true},
	count("产出指标", "成本指标", "人均培训成本", "元", leOp, 200, 2000),
	count("产出指标", "成本指标", "单位建设成本", "元/平方米", leOp, 800, 6000),
}

var projectBenefit = []tmpl{
	count("效益指标", "经济效益指标", "带动就业人数", "人", geOp, 10, 2000),
	{level1: "效益指标", level2: "经济效益指标", name: "节约财政资金", unit: "万元", op: geOp, lo: 500, hi: 50000, dec: 2},
	pct("效益指标", "社会效益指标", "群众知晓率", geOp, 80, 95),
	pct("效益指标", "社会效益指标", "政策覆盖率", geOp, 90, 100),
	count("效益指标", "社会效益指标", "服务群众人次", "人次", geOp, 500, 50000),
	count("效益指标", "社会效益指标", "安全事故发生次数", "次", leOp, 0, 0),
	count("效益指标", "社会效益指标", "有效投诉数量", "件", ltOp, 5, 20),
	pct("效益指标", "生态效益指标", "空气质量优良天数比例", geOp, 85, 95),
	pct("效益指标", "生态效益指标", "污水集中处理率", geOp, 90, 98),
	pct("效益指标", "生态效益指标", "建成区绿化覆盖率", geOp, 35, 45),
	qual("效益指标", "可持续影响指标", "长效管理机制建立情况"),
	count("效益指标", "可持续影响指标", "设施持续使用年限", "年", geOp, 5, 20),
	qual("效益指标", "可持续影响指标", "制度建设完善程度"),
}

var projectSatisfaction = []tmpl{
	pct("满意度指标", "服务对象满意度指标", "服务对象满意度", geOp, 85, 95),
	pct("满意度指标", "服务对象满意度指标", "群众满意度", geOp, 90, 90),
	pct("满意度指标", "服务对象满意度指标", "参训人员满意度", geOp, 90, 95),
}

// monthTargets are the finance bureau's cumulative monthly targets, percent of the budget.
var monthTargets = [12]int64{5, 12, 20, 28, 36, 45, 53, 61, 70, 78, 87, 95}
