// The README's example operations ("Two commands", "The GraphQL contract", "Aggregates"), offered
// as the explorer's first tabs. One file: the explorer imports it and examples.test.ts checks that
// each parses and validates against the server's schema (graph/*.graphql). Keep them in step with
// the README when either changes.

export interface Example {
  /** The tab's name (GraphiQL shows the operation's name). */
  name: string;
  query: string;
  /** JSON; the ids are placeholders: look them up with the query the comment names. */
  variables?: string;
}

export const examples: Example[] = [
  {
    name: "SignIn",
    query: `# Sign in: the session cookie is kept, and the explorer sends the returned csrfToken
# with every request after it (as the app does).
mutation SignIn {
  login(username: "editor", password: "…printed by make run…") { csrfToken user { role } }
}
`,
  },
  {
    name: "SeedScore",
    query: `# The seed's score: 99.69, EXCELLENT (优).
query SeedScore {
  departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) {
    edges { node {
      department { name }
      totalActual executionRate carryoverRate
      overallEvaluation { score grade gradeLabel }
    } }
  }
}
`,
  },
  {
    name: "WorstInDistrict",
    query: `# $district: the id of departments(where: {code: "440115"})
query WorstInDistrict($district: ID!) {
  evaluationRanking(direction: ASC, first: 20, where: {
    hasProject: false
    hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {within: $district}}
  }) {
    edges { node { score grade departmentYear { department { code name } } } }
  }
}
`,
    variables: `{ "district": "the id of departments(where: {code: \\"440115\\"})" }`,
  },
  {
    name: "LeastAttained",
    query: `query LeastAttained {
  indicatorRanking(by: ATTAINMENT, direction: ASC, first: 50,
                   where: {kind: QUANTITATIVE, attainmentLT: "0.8"}) {
    totalCount
    edges { node { name target effectiveActual completionRate score attainment } }
  }
}
`,
  },
  {
    name: "DepartmentByCode",
    query: `query DepartmentByCode { departments(where: {code: "440115-001"}) { edges { node { id name } } } }
`,
  },
  {
    name: "CreateDepartmentYear",
    query: `# $departmentID: from DepartmentByCode
mutation CreateDepartmentYear($departmentID: ID!) {
  createDepartmentYear(input: {departmentID: $departmentID, year: 2024, personnelBudget: "900"}) { id }
}
`,
    variables: `{ "departmentID": "the id DepartmentByCode returns" }`,
  },
  {
    name: "CreateIndicator",
    query: `# $departmentYearID: from CreateDepartmentYear
mutation CreateIndicator($departmentYearID: ID!) {
  createIndicator(input: {
    departmentYearID: $departmentYearID, position: 1
    level1: "履职效能", level2: "产出", name: "业务岗位培训人数"
    kind: QUANTITATIVE, operator: GE, target: "80", actual: "88", unit: "人次", weight: "6"
  }) { id score completionRate }
}
`,
    variables: `{ "departmentYearID": "the id CreateDepartmentYear returns" }`,
  },
  {
    name: "GradesInDistrict",
    query: `# $district: the id of departments(where: {code: "440115"})
query GradesInDistrict($district: ID!) {
  evaluationAggregate(groupBy: [GRADE], where: {hasProject: false,
      hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {within: $district}}}) {
    totalGroups groups { key { grade } count }
  }
}
`,
    variables: `{ "district": "the id of departments(where: {code: \\"440115\\"})" }`,
  },
  {
    name: "AttainmentByLevel",
    query: `query AttainmentByLevel {
  indicatorAggregate(groupBy: [LEVEL1, LEVEL2], measures: [ATTAINMENT],
                     orderBy: {field: AVG, measure: ATTAINMENT, direction: ASC}) {
    groups { key { level1 level2 } count stats { avg min } }
  }
}
`,
  },
  {
    name: "YearOnYear",
    query: `query YearOnYear {
  evaluationYearOnYear(year: 2023, against: 2022, groupBy: [DEPARTMENT], measure: SCORE,
                       where: {hasProject: false}, orderBy: {field: CHANGE, stat: AVG, direction: DESC}) {
    groups { key { department { code name } } current { avg } previous { avg } change { avg } }
  }
}
`,
  },
  {
    name: "BudgetByDistrict",
    query: `query BudgetByDistrict {
  departmentYearAggregate(groupBy: [DEPARTMENT], departmentDepth: 2, where: {year: 2023},
                          measures: [TOTAL_BUDGET, TOTAL_ACTUAL]) {
    groups { key { department { code name depth } } stats { measure sum } executionRate }
  }
}
`,
  },
  {
    name: "DeviationsByDepartment",
    query: `query DeviationsByDepartment {
  indicatorAggregate(groupBy: [DEPARTMENT], where: {deviationRequired: true},
                     orderBy: {field: COUNT, direction: DESC}) {
    totalGroups groups { key { department { code name } } count }
  }
}
`,
  },
  {
    name: "YearWarnings",
    query: `# What looks wrong without breaking a rule: the demo's 住房和城乡建设局 2024 shows each kind.
query YearWarnings {
  departmentYears(where: {year: 2024, hasDepartmentWith: {code: "440115-009"}}) {
    edges { node {
      warnings { code message params month indicator { name } project { code name } }
    } }
  }
}
`,
  },
  {
    name: "StartYearFromLast",
    query: `# A new year from the last: $department from DepartmentByCode
mutation StartYearFromLast($department: ID!) {
  startYearFromLast(departmentID: $department, year: 2024) {
    departmentYear { id year goal }
    createdYear goalCopied
    keyTasks { title } indicators { name target weight }
    projects { code name } projectIndicatorCount skippedProjects { name }
    evaluations { id status project { name } }
  }
}
`,
    variables: `{ "department": "the id DepartmentByCode returns" }`,
  },
  {
    name: "LibrarySearch",
    query: `query LibrarySearch {
  libraryIndicators(where: {search: "满意度", tagsAll: ["项目"]}) {
    edges { node { id name level1 level2 operator targetMin targetMax unit weight tags usageCount } }
  }
}
`,
  },
  {
    name: "AddFromLibrary",
    query: `# $year: the departmentYear id StartYearFromLast returns; $ids: ids LibrarySearch returns
mutation AddFromLibrary($year: ID!, $ids: [ID!]!) {
  addIndicatorsFromLibrary(departmentYearID: $year, libraryIDs: $ids) {
    id position level1 level2 name target weight libraryIndicator { name }
  }
}
`,
    variables: `{ "year": "the departmentYear id", "ids": ["a library entry's id"] }`,
  },
  {
    name: "MonitoringMidYear",
    query: `# Mid-year monitoring: $year is the office's 2023 departmentYear id (SeedScore).
# The forecasts, lights and how each was computed; the budget against June's target.
mutation MonitoringMidYear($year: ID!) {
  createMonitoringReport(departmentYearID: $year, point: "2023-06-30") {
    id status
    entries { indicator { id name } valueToDate expected light likelihood expectedSteps { code params { name value } } }
    budget { rateToDate targetPercent expectedRate light months { month rate targetPercent } }
    submitProblems { indicatorName field reason }
  }
}
`,
    variables: `{ "year": "the departmentYear id" }`,
  },
];
