import { graphql } from "../../gql";

export const MonitoringReportFields = graphql(`
  fragment MonitoringReportFields on MonitoringReport {
    id
    point
    status
    projectID
    reviewComment
    submittedByName
    reviewedByName
    viewerCan { edit submit review }
    entries {
      id
      attachmentCount
      indicator { id level1 level2 name kind unit operator target }
      valueToDate
      computedExpected
      expected
      expectedSteps { code params { name value } }
      computedLikelihood
      computedLight
      likelihood
      light
      overridden
      expectedOverride
      likelihoodOverride
      overrideReason
      causeCategory
      cause
      measure
      note
      explanationRequired
      fromLastYear
    }
    budget {
      month
      adjustedBudget
      executedToDate
      fromMonths
      rateToDate
      targetPercent
      computedExpectedRate
      expectedRate
      expectedSteps { code params { name value } }
      computedLight
      light
      overridden
      explanationRequired
      months { month executed targetPercent rate }
    }
    budgetExecuted
    budgetExpectedOverride
    budgetOverrideReason
    budgetCause
    budgetMeasure
    submitProblems { indicatorID indicatorName field reason params }
  }
`);

export const MonitoringPageDocument = graphql(`
  query MonitoringPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on DepartmentYear {
        id
        year
        viewerCan { edit }
        department { id name }
        projects(first: 100, orderBy: [{ field: CODE }]) { edges { node { id name } } }
        monitoringReports { id point status projectID }
      }
    }
  }
`);

export const MonitoringReportDocument = graphql(`
  query MonitoringReport($id: ID!) {
    node(id: $id) {
      __typename
      ... on MonitoringReport {
        ...MonitoringReportFields
      }
    }
  }
`);

export const CreateMonitoringDocument = graphql(`
  mutation CreateMonitoring($year: ID!, $project: ID, $point: String!) {
    createMonitoringReport(departmentYearID: $year, projectID: $project, point: $point) {
      ...MonitoringReportFields
    }
  }
`);

export const SetMonitoringEntryDocument = graphql(`
  mutation SetMonitoringEntry($report: ID!, $indicator: ID!, $input: MonitoringEntryInput!) {
    setMonitoringEntry(reportID: $report, indicatorID: $indicator, input: $input) {
      ...MonitoringReportFields
    }
  }
`);

export const SetMonitoringBudgetDocument = graphql(`
  mutation SetMonitoringBudget($report: ID!, $input: MonitoringBudgetInput!) {
    setMonitoringBudget(reportID: $report, input: $input) {
      ...MonitoringReportFields
    }
  }
`);

export const SubmitMonitoringDocument = graphql(`
  mutation SubmitMonitoring($id: ID!) {
    submitMonitoringReport(id: $id) {
      ...MonitoringReportFields
    }
  }
`);

export const ApproveMonitoringDocument = graphql(`
  mutation ApproveMonitoring($id: ID!, $comment: String) {
    approveMonitoringReport(id: $id, comment: $comment) {
      ...MonitoringReportFields
    }
  }
`);

export const ReturnMonitoringDocument = graphql(`
  mutation ReturnMonitoring($id: ID!, $comment: String!) {
    returnMonitoringReport(id: $id, comment: $comment) {
      ...MonitoringReportFields
    }
  }
`);
