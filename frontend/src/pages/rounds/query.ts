import { graphql } from "../../gql";

graphql(`
  fragment RoundSummaryFields on RoundSummary {
    onTime
    late
    returned
    notSubmitted
    overdue
    total
  }
`);

graphql(`
  fragment RoundRow on Round {
    id
    version
    name
    kind
    year
    status
    opensAt
    deadline
    daysLeft
    pastDeadline
    monitoringPoint
    summary { ...RoundSummaryFields }
    viewerCan { update close }
  }
`);

/** Every round the caller reads, nearest deadline first. */
export const RoundsListDocument = graphql(`
  query RoundsList {
    rounds(first: 200, orderBy: [{ field: STATUS }, { field: DEADLINE }]) {
      totalCount
      edges { node { ...RoundRow } }
    }
  }
`);

/** One round's dashboard: its summary and the departments' parts the caller reads. */
export const RoundDetailDocument = graphql(`
  query RoundDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Round {
        ...RoundRow
        participants {
          id
          projects
          status
          submittedAt
          department { id code name }
          departmentYear { id year }
          evaluation { id status }
          monitoringReport { id status point }
        }
      }
    }
  }
`);

/** The departments to choose from, as a tree. */
export const RoundDepartmentsDocument = graphql(`
  query RoundDepartments {
    departments(first: 1000, orderBy: [{ field: CODE }]) {
      edges { node { id code name parent { id } } }
    }
  }
`);

export const OpenRoundDocument = graphql(`
  mutation OpenRound($input: OpenRoundInput!) {
    openRound(input: $input) { ...RoundRow }
  }
`);

export const UpdateRoundDocument = graphql(`
  mutation UpdateRound($id: ID!, $input: UpdateRoundInput!, $version: Int) {
    updateRound(id: $id, input: $input, version: $version) { ...RoundRow }
  }
`);

export const CloseRoundDocument = graphql(`
  mutation CloseRound($id: ID!) {
    closeRound(id: $id) { ...RoundRow }
  }
`);

/** The caller's work queue (the home page). */
export const MyQueueDocument = graphql(`
  query MyQueue {
    myQueue {
      toFill {
        round { id name kind }
        participant { id }
        department { id name }
        departmentYear { id year }
        evaluation { id }
        monitoringReport { id }
        monitoringPoint
        status
        deadline
        daysLeft
      }
      returned {
        evaluation { id departmentYear { id year department { id name } } project { id name } }
        comment
        returnedAt
        returnedBy
      }
      returnedTargets {
        version { id number kind departmentYear { id year department { id name } } }
        comment
        returnedAt
        returnedBy
      }
      toReview {
        evaluation { id departmentYear { id year department { id name } } project { id name } }
        submittedAt
        daysWaiting
      }
      toReviewCount
      targetsToReview {
        version { id number kind departmentYear { id year department { id name } } }
        submittedAt
        daysWaiting
      }
      targetsToReviewCount
      monitoringToReview {
        report { id point departmentYear { id year department { id name } } project { id name } }
        submittedAt
        daysWaiting
      }
      monitoringToReviewCount
      rounds { ...RoundRow }
    }
  }
`);
