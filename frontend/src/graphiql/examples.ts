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
    name: "ExplainScore",
    query: `# How a score was computed: the rules, then each step with its numbers (4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00).
query ExplainScore {
  indicators(where: {name: "结转结余率", hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) {
    edges { node { score explanation { value rules { frozen ruleSet { name version } } steps { code params value } } } }
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
    name: "WhatIf",
    query: `# The seed rescored with 60 trainees and less project spending: nothing is written.
# $evaluation: SeedScore's overallEvaluation id; $trainees: the indicators(where: {name: "业务岗位培训人数", …}) id
query WhatIf($evaluation: ID!, $trainees: ID!) {
  whatIf(evaluationID: $evaluation, changes: {indicators: [{id: $trainees, actual: "60"}], figures: {projectActual: "800"}}) {
    score grade difference rank keptRank peers
    indicators { indicator { name score } changed actual score difference }
    subtotals { level1 level2 score keptScore difference }
  }
}
`,
    variables: `{ "evaluation": "the seed's overall evaluation id", "trainees": "业务岗位培训人数's id" }`,
  },
  {
    name: "NextGrade",
    query: `# What it would take 区交通运输局 (2023: 53.53, 差) to reach 中, and where its points were lost.
query NextGrade {
  departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-008"}}) {
    edges { node { overallEvaluation { nextGrade {
      score grade next from gap
      items { name pointsLost outcome field places from to change rating totalAfter }
    } } } }
  }
}
`,
  },
  {
    name: "ReviewOfEvaluation",
    query: `# The finance bureau's review of an evaluation: $evaluation from SeedScore
query ReviewOfEvaluation($evaluation: ID!) {
  node(id: $evaluation) {
    ... on Evaluation {
      status score grade reviewTotal reviewGrade
      reviewViewerCan { rescore raiseRectification }
      indicators { id name weight score reviewScore { score reason reviewerName } }
      rectifications { id issue dueDate status overdue measures outcome viewerCan { answer decide } }
    }
  }
}
`,
    variables: `{ "evaluation": "the id SeedScore returns" }`,
  },
  {
    name: "RescoreIndicator",
    query: `# A reviewer re-scores a submitted evaluation's indicator (the self-score stays): $indicator from ReviewOfEvaluation
mutation RescoreIndicator($indicator: ID!) {
  rescoreIndicator(indicatorID: $indicator, score: "4.5", reason: "培训签到记录不全，按实到人次计分") {
    name score reviewScore { score reason reviewerName }
  }
}
`,
    variables: `{ "indicator": "an indicator id ReviewOfEvaluation returns" }`,
  },
  {
    name: "OverdueRectifications",
    query: `query OverdueRectifications {
  rectifications(overdue: true, first: 50) {
    totalCount
    edges { node { issue dueDate status evaluation { departmentYear { year department { name } } } } }
  }
}
`,
  },
  {
    name: "MyQueue",
    query: `# The signed-in user's work: an editor's rounds to fill and returned evaluations,
# the bureau's evaluations and targets waiting, and rounds near their deadline.
query MyQueue {
  myQueue {
    toFill { round { name } department { name } evaluation { id } status deadline daysLeft }
    returned { evaluation { id } comment returnedAt returnedBy }
    returnedTargets { version { id number kind } comment }
    toReview { evaluation { id departmentYear { year department { name } } project { name } } submittedAt daysWaiting }
    toReviewCount
    targetsToReview { version { id number kind } daysWaiting }
    targetsToReviewCount
    rounds { name deadline daysLeft summary { onTime late returned notSubmitted overdue total } }
  }
}
`,
  },
  {
    name: "RoundDashboard",
    query: `# Each round with every department's status (the demo's 2023 round: on time, returned, overdue).
query RoundDashboard {
  rounds(orderBy: [{field: DEADLINE, direction: DESC}]) {
    edges { node {
      id name status deadline daysLeft pastDeadline
      summary { onTime late returned notSubmitted overdue total }
      participants { department { code name } status submittedAt }
    } }
  }
}
`,
  },
  {
    name: "OpenRound",
    query: `# The finance bureau opens a round; $district: the id of department 440115 (its whole subtree).
mutation OpenRound($district: ID!) {
  openRound(input: {kind: SELF_EVALUATION, year: 2023, name: "2023年度部门整体支出绩效自评",
                    opensAt: "2024-01-05T09:00:00+08:00", deadline: "2024-03-31T23:59:59+08:00", subtreeIDs: [$district]}) {
    id deadline daysLeft summary { total }
  }
}
`,
    variables: `{ "district": "the id of department 440115" }`,
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
  {
    name: "Changes",
    query: `# Changes others make to what you read, as they commit (over the websocket at /query).
subscription Changes {
  changes(entityTypes: ["Indicator", "Evaluation"]) {
    entityType entityID action actorName at department { name } departmentYear { year }
  }
}
`,
  },
  {
    name: "RegisterWebhook",
    query: `# Administrators: the secret is in this answer only.
mutation RegisterWebhook {
  createWebhook(input: {name: "预算一体化", url: "https://integration.example/jixiao",
      entityTypes: ["Indicator", "Evaluation"], actions: [UPDATE]}) {
    secret webhook { id }
  }
}
`,
  },
];
