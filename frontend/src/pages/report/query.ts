import { graphql } from "../../gql";
import type { ReportEvaluationQuery } from "../../gql/graphql";

/** Everything the printable report needs, in one request. */
export const ReportEvaluationDocument = graphql(`
  query ReportEvaluation($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation {
        id
        status
        score
        grade
        gradeLabel
        conclusion
        problems
        improvements
        executionRate
        executionScore
        monthsBehind
        subtotals { level1 level2 score weight }
        project { id code name budget executed executionRate }
        indicators {
          id
          position
          level1
          level2
          name
          kind
          operator
          target
          unit
          weight
          effectiveActual
          completionRate
          score
          attainment
          rating
          deviationReason
        }
        departmentYear {
          id
          year
          goal
          totalBudget
          basicBudget
          projectBudget
          totalActual
          basicActual
          personnelActual
          publicActual
          projectActual
          carryoverStart
          carryoverEnd
          carryoverRate
          executionRate
          monthsBehind
          department { id code name functions }
          keyTasks { id position title content outcome }
          projects(first: 200, orderBy: [{ field: CODE }]) {
            totalCount
            edges { node { id code name budget executed executionRate } }
          }
        }
      }
    }
  }
`);

/** The evaluation a report is printed from. */
export type ReportEvaluation = Extract<NonNullable<ReportEvaluationQuery["node"]>, { __typename: "Evaluation" }>;
export type ReportIndicator = ReportEvaluation["indicators"][number];
export type ReportDepartmentYear = ReportEvaluation["departmentYear"];
