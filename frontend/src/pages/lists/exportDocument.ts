import { parse, type DocumentNode } from "graphql";

/** The connection a list screen reads, as the export asks for it again. */
export interface ExportRoot {
  /** The Query field: evaluations, departmentYears, projects, indicators. */
  field: string;
  /** Its where input's type, e.g. EvaluationWhereInput. */
  whereType: string;
  /** Its order input's type, e.g. EvaluationOrder. */
  orderType: string;
}

/**
 * The query /export runs for a list screen: the same connection, where and orderBy as the screen
 * (passed as the same variables), selecting the shown columns' fields. The exporter pages through
 * every row itself (it replaces first and after) and names each file column by its path of
 * response keys (departmentYear.department.name), so a hidden column is not in the file.
 */
export function exportDocument(name: string, root: ExportRoot, selections: readonly string[]): DocumentNode {
  const body = selections.filter((s) => s.trim() !== "").join("\n        ");
  return parse(`
    query ${name}($where: ${root.whereType}, $orderBy: [${root.orderType}!]) {
      ${root.field}(first: 1000, where: $where, orderBy: $orderBy) {
        edges {
          node {
            ${body || "id"}
          }
        }
      }
    }
  `);
}
