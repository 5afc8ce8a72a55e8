import { graphql } from "../../gql";
import type { ReportQuery } from "../../gql/graphql";

/** The evaluation's report as the server writes it (Evaluation.report), and whether the viewer may edit its texts. */
export const ReportDocument = graphql(`
  query Report($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation {
        id
        status
        viewerCan {
          edit
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
            text {
              value
              draft
              written
              store
              version
              maxLength
            }
          }
        }
      }
    }
  }
`);

/** Writes the department's text of one section; an empty text brings back the generated draft. */
export const SetReportTextDocument = graphql(`
  mutation SetReportText($evaluationID: ID!, $section: String!, $text: String!, $version: Int) {
    setReportText(evaluationID: $evaluationID, section: $section, text: $text, version: $version) {
      key
      text {
        version
        written
      }
    }
  }
`);

/** The evaluation a report belongs to. */
export type ReportEvaluation = Extract<NonNullable<ReportQuery["node"]>, { __typename: "Evaluation" }>;
export type Report = ReportEvaluation["report"];
export type ReportSection = Report["sections"][number];
export type ReportTable = ReportSection["tables"][number];
