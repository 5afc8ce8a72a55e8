// 简体中文 (the default catalogue). Every UI string lives here and in en.ts.
const zhCN = {
  app: { name: "绩效", title: "预算绩效自评系统" },
  common: {
    loading: "加载中…",
    empty: "暂无数据",
    save: "保存",
    saved: "已保存",
    cancel: "取消",
    reload: "重新加载",
    search: "搜索",
    actions: "操作",
    open: "打开",
    table: "数据表",
    chart: "图表",
    error: "出错了",
    forbidden: "您没有权限进行此操作。",
    conflict: "其他人已先保存了修改。请重新加载后再修改。",
    wanUnit: "万元",
    percent: "%",
    yes: "是",
    no: "否",
  },
  auth: {
    login: "登录",
    logout: "退出登录",
    username: "用户名",
    password: "密码",
    required: "请输入{{field}}",
    signedInAs: "{{name}}（{{role}}）",
    department: "所属部门：{{name}}",
    allDepartments: "全部部门",
  },
  roles: { ADMIN: "管理员", REVIEWER: "审核人员", EDITOR: "填报人员", ANALYST: "分析人员" },
  nav: {
    departments: "部门",
    dashboards: "分析看板",
    language: "English",
  },
  departments: {
    title: "部门",
    code: "部门编码",
    name: "部门名称",
    functions: "部门职能",
    years: "年度",
    searchPlaceholder: "按名称或编码搜索",
    noYear: "该部门尚无年度数据",
  },
  status: { DRAFT: "草稿", SUBMITTED: "已提交", RETURNED: "已退回", APPROVED: "已审核", PUBLISHED: "已公开" },
  grade: { EXCELLENT: "优", GOOD: "良", FAIR: "中", POOR: "差" },
};

export default zhCN;
export type Catalogue = typeof zhCN;
