import { graphql } from "../../gql";
import type { PublicReportQuery, PublicReportsQuery } from "../../gql/graphql";

/**
 * The public site reads as the public does, whoever is signed in: without the session cookie, so that an
 * editor (confined to a department) sees every published report, and a reviewer nothing unpublished.
 */
export const asPublic = { fetchOptions: { credentials: "omit" as const } };

/**
 * The published reports, one row per department-year with a published evaluation, newest year first.
 * The filter names PUBLISHED itself, so that a signed-in reader of /public sees what the public sees;
 * signed out, the server's access rules let nothing else through anyway.
 */
export const PublicReportsDocument = graphql(`
  query PublicReports($where: DepartmentYearWhereInput!, $first: Int!, $after: Cursor) {
    departmentYears(where: $where, first: $first, after: $after, orderBy: [{ field: YEAR, direction: DESC }]) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          year
          department {
            id
            code
            name
          }
          evaluations {
            id
            status
            score
            grade
            gradeLabel
            project {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** The years that have a published report, for the year filter. */
export const PublicYearsDocument = graphql(`
  query PublicYears {
    departmentYearAggregate(groupBy: [YEAR], where: { hasEvaluationsWith: [{ status: PUBLISHED }] }, first: 100) {
      groups {
        key {
          year
        }
        count
      }
    }
  }
`);

/** One published report, as the server writes it. */
export const PublicReportDocument = graphql(`
  query PublicReport($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation {
        id
        status
        score
        gradeLabel
        departmentYear {
          id
          year
          department {
            id
            code
            name
          }
        }
        project {
          id
          name
        }
        report {
          kind
          title
          characters
          sections {
            key
            parentKey
            level
            number
            title
            runIn
            paragraphs {
              text
              generated
              draft
            }
            tables {
              title
              header {
                cells {
                  text
                  rowSpan
                  colSpan
                  numeric
                }
              }
              rows {
                cells {
                  text
                  rowSpan
                  colSpan
                  numeric
                }
              }
            }
          }
        }
      }
    }
  }
`);

export type PublicYearRow = NonNullable<NonNullable<NonNullable<PublicReportsQuery["departmentYears"]["edges"]>[number]>["node"]>;

/** The filter of the list: published evaluations, the year, and the department's name or code. */
export function publicWhere(year: number | undefined, search: string) {
  const q = search.trim();
  return {
    hasEvaluationsWith: [{ status: "PUBLISHED" as const }],
    ...(year ? { year } : {}),
    ...(q ? { hasDepartmentWith: [{ or: [{ nameContainsFold: q }, { codeContainsFold: q }] }] } : {}),
  };
}

/** A published report as the report page reads it. */
export type PublicReport = Extract<NonNullable<PublicReportQuery["node"]>, { __typename: "Evaluation" }>["report"];
