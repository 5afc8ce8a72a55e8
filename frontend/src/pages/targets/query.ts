import { graphql } from "../../gql";
import type { TargetChangeFieldsFragment, TargetEntryFieldsFragment, TargetsPageQuery, TargetVersionFieldsFragment } from "../../gql/graphql";

graphql(`
  fragment TargetEntryFields on TargetEntry {
    indicatorID
    projectID
    level1
    level2
    name
    kind
    operator
    target
    unit
    weight
  }
`);

graphql(`
  fragment TargetChangeFields on TargetChange {
    indicatorID
    name
    targetChanged
    weightChanged
    before { ...TargetEntryFields }
    after { ...TargetEntryFields }
  }
`);

graphql(`
  fragment TargetVersionFields on TargetVersion {
    id
    number
    kind
    status
    reason
    reviewComment
    submittedByName
    reviewedByName
    createdAt
    reviewedAt
    entries { ...TargetEntryFields }
    changes { ...TargetChangeFields }
  }
`);

/** A department-year's targets: where they stand, what the caller may do, every version; its projects' names. */
export const TargetsPageDocument = graphql(`
  query TargetsPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on DepartmentYear {
        id
        year
        department { id code name }
        projects(first: 1000, orderBy: [{ field: CODE }]) { edges { node { id code name } } }
        targets {
          status
          viewerCan { file adjust review }
          inForce {
            id
            number
            entries {
              indicatorID
              indicator {
                id
                targetAdjustment { originalTarget originalWeight versions { id number reason } }
              }
            }
          }
          pending { id number kind }
          versions { ...TargetVersionFields }
        }
      }
    }
  }
`);

export const FileTargetsDocument = graphql(`
  mutation FileTargets($departmentYearID: ID!, $note: String) {
    fileTargets(departmentYearID: $departmentYearID, note: $note) { ...TargetVersionFields }
  }
`);

export const ProposeTargetAdjustmentDocument = graphql(`
  mutation ProposeTargetAdjustment($departmentYearID: ID!, $reason: String!, $changes: [TargetChangeInput!]!) {
    proposeTargetAdjustment(departmentYearID: $departmentYearID, reason: $reason, changes: $changes) { ...TargetVersionFields }
  }
`);

export const ApproveTargetsDocument = graphql(`
  mutation ApproveTargets($id: ID!, $comment: String) {
    approveTargets(id: $id, comment: $comment) { ...TargetVersionFields }
  }
`);

export const ReturnTargetsDocument = graphql(`
  mutation ReturnTargets($id: ID!, $comment: String!) {
    returnTargets(id: $id, comment: $comment) { ...TargetVersionFields }
  }
`);

export const TargetChangesDocument = graphql(`
  query TargetChanges($fromID: ID!, $toID: ID!) {
    targetChanges(fromID: $fromID, toID: $toID) { ...TargetChangeFields }
  }
`);

/** The reviewers' queue: every version waiting for the finance bureau, oldest first. */
export const TargetsQueueDocument = graphql(`
  query TargetsQueue {
    targetVersions(first: 200, where: { status: SUBMITTED }, orderBy: [{ field: CREATED_AT, direction: ASC }]) {
      totalCount
      edges {
        node {
          id
          number
          kind
          reason
          submittedByName
          createdAt
          departmentYear { id year department { id code name } }
        }
      }
    }
  }
`);

export type TargetEntry = TargetEntryFieldsFragment;
export type TargetChange = TargetChangeFieldsFragment;
export type TargetVersion = TargetVersionFieldsFragment;
export type TargetsYear = Extract<NonNullable<TargetsPageQuery["node"]>, { __typename: "DepartmentYear" }>;
export type YearTargets = TargetsYear["targets"];
export type TargetStatus = YearTargets["status"];
export type InForceEntry = NonNullable<YearTargets["inForce"]>["entries"][number];
export type TargetAdjustment = NonNullable<NonNullable<InForceEntry["indicator"]>["targetAdjustment"]>;
