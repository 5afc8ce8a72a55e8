import { Kind, parse, type DocumentNode, type SelectionSetNode } from "graphql";

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

/** The export's column names a column's selection makes: its leaves' paths of response keys. */
export function leafPaths(selection: string): string[] {
  const doc = parse(`{ ${selection} }`);
  const out: string[] = [];
  const walk = (set: SelectionSetNode, prefix: string[]) => {
    for (const s of set.selections) {
      if (s.kind !== Kind.FIELD) continue;
      const path = [...prefix, s.alias?.value ?? s.name.value];
      if (s.selectionSet) walk(s.selectionSet, path);
      else out.push(path.join("."));
    }
  };
  const op = doc.definitions[0];
  if (op.kind === Kind.OPERATION_DEFINITION) walk(op.selectionSet, []);
  return out;
}

/**
 * The header row's words for the shown columns: a column of one field is headed by its title;
 * one of several fields heads each with the title and the field's word (部门（编码）).
 */
export function exportTitles(
  columns: readonly { title: string; exportFields: string }[],
  several: (title: string, leaf: string) => string,
): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const c of columns) {
    const paths = leafPaths(c.exportFields);
    for (const p of paths) titles[p] = paths.length === 1 ? c.title : several(c.title, p.slice(p.lastIndexOf(".") + 1));
  }
  return titles;
}
