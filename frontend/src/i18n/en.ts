import type { Catalogue } from "./zh-CN";

// English. Keys mirror zh-CN.ts; the type makes a missing one a compile error.
const en: Catalogue = {
  app: { name: "Jixiao", title: "Budget performance self-evaluation" },
  common: {
    loading: "Loading…",
    empty: "No data",
    ok: "OK",
    save: "Save",
    saved: "Saved",
    cancel: "Cancel",
    reload: "Reload",
    search: "Search",
    actions: "Actions",
    open: "Open",
    table: "Table",
    chart: "Chart",
    error: "Something went wrong",
    forbidden: "You are not allowed to do this.",
    conflict: "Somebody else saved first. Reload, then make your change again.",
    wanUnit: "10k yuan",
    percent: "%",
    yes: "Yes",
    no: "No",
  },
  auth: {
    login: "Sign in",
    logout: "Sign out",
    username: "Username",
    password: "Password",
    required: "Enter your {{field}}",
    signedInAs: "{{name}} ({{role}})",
    department: "Department: {{name}}",
    allDepartments: "All departments",
  },
  roles: { ADMIN: "Administrator", REVIEWER: "Reviewer", EDITOR: "Editor", ANALYST: "Analyst" },
  nav: {
    departments: "Departments",
    dashboards: "Dashboards",
    language: "中文",
  },
  departments: {
    title: "Departments",
    code: "Code",
    name: "Name",
    functions: "Functions",
    years: "Years",
    searchPlaceholder: "Search by name or code",
    noYear: "No figures for this department yet",
    newYear: "Year",
    addYear: "Add year",
  },
  status: { DRAFT: "Draft", SUBMITTED: "Submitted", RETURNED: "Returned", APPROVED: "Approved", PUBLISHED: "Published" },
  grade: { EXCELLENT: "Excellent", GOOD: "Good", FAIR: "Fair", POOR: "Poor" },
};

export default en;
