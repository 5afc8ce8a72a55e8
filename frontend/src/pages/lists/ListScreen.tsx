import { useMemo, useState, type ReactNode } from "react";
import { Alert, Button, Checkbox, Flex, Popover, Select, Space, Table, Typography } from "antd";
import type { ColumnsType, SorterResult } from "antd/es/table/interface";
import { SettingOutlined } from "@ant-design/icons";
import { useQuery, type AnyVariables } from "urql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { useTranslation } from "react-i18next";
import ExportButton from "../../components/ExportButton";
import { errorsText } from "../../api/errors";
import { nodes } from "../../lib/relay";
import { exportDocument, type ExportRoot } from "./exportDocument";
import { useColumnSettings } from "./useColumnSettings";
import { MUTED } from "./cells";
import type { Sort } from "./useListParams";

/** One column of a list screen. */
export interface ListColumn<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** The connection's OrderField this column sorts by (on the server); none: not sortable. */
  sortField?: string;
  align?: "left" | "right";
  width?: number;
  /** The key column: fixed on the left when the table scrolls sideways, always shown. */
  fixed?: boolean;
  defaultHidden?: boolean;
  /** What the export selects of each row for this column, e.g. "departmentYear { year }". */
  exportFields: string;
}

/** The part of a Relay connection a list reads. */
export interface ListConnection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges?: ({ node?: T | null } | null)[] | null;
}

export const PAGE_SIZES = [20, 50, 100];

export interface ListScreenProps<D, V extends AnyVariables, T extends { id: string }> {
  /** The screen's name: its test id and where its column settings are kept. */
  id: string;
  title: string;
  intro?: string;
  /** A query taking $where, $orderBy, $first and $after, with one connection. */
  query: TypedDocumentNode<D, V>;
  connection: (data: D) => ListConnection<T> | undefined;
  where: Record<string, unknown>;
  /** The order shown; onSort(undefined) goes back to the screen's default. */
  sort: Sort;
  onSort: (sort: Sort | undefined) => void;
  columns: ListColumn<T>[];
  filters: ReactNode;
  anyFilter?: boolean;
  onClearFilters?: () => void;
  exportRoot: ExportRoot;
  /** The export's file name (without extension). */
  filename: string;
}

/**
 * A list screen: filters, a table sorted and paged on the server (first/after over the
 * connection's cursors), column settings remembered per screen, and 导出 of every row the filters
 * select, with the columns shown. What a viewer may read is the server's business: the screen
 * shows what the connection answers.
 */
export default function ListScreen<D, V extends AnyVariables, T extends { id: string }>(props: ListScreenProps<D, V, T>) {
  const { id, title, intro, query, connection, where, sort, onSort, columns, filters, anyFilter, onClearFilters, exportRoot, filename } = props;
  const { t } = useTranslation();
  const settings = useColumnSettings(id, columns);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const orderBy = useMemo(() => [{ field: sort.field, direction: sort.direction }], [sort.field, sort.direction]);

  // The cursors of the pages before the one shown; a new filter, order or page size starts again.
  const pagesKey = JSON.stringify([where, orderBy, pageSize]);
  const [pages, setPages] = useState<{ key: string; afters: (string | null)[] }>({ key: pagesKey, afters: [null] });
  const afters = pages.key === pagesKey ? pages.afters : [null];
  const after = afters[afters.length - 1];

  const variables = useMemo(() => ({ where, orderBy, first: pageSize, after }) as unknown as V, [where, orderBy, pageSize, after]);
  const [{ data, fetching, error }] = useQuery({ query, variables, requestPolicy: "cache-and-network" });
  const conn = data ? connection(data) : undefined;
  const rows = useMemo(() => nodes<T>(conn), [conn]);

  const shown = columns.filter((c) => settings.isVisible(c.key));
  // The export selects the shown columns' fields.
  const exportDoc = exportDocument(`${id.charAt(0).toUpperCase()}${id.slice(1)}ListExport`, exportRoot, shown.map((c) => c.exportFields));

  const tableColumns: ColumnsType<T> = shown.map((c) => ({
    key: c.key,
    title: c.title,
    render: (_: unknown, row: T) => c.render(row),
    align: c.align,
    width: c.width,
    fixed: c.fixed ? ("left" as const) : undefined,
    sorter: c.sortField != null,
    sortDirections: ["descend", "ascend"],
    sortOrder: c.sortField && c.sortField === sort.field ? (sort.direction === "ASC" ? "ascend" : "descend") : null,
  }));

  const onTableChange = (_p: unknown, _f: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const col = columns.find((c) => c.key === s?.columnKey);
    if (!col?.sortField || !s?.order) onSort(undefined);
    else onSort({ field: col.sortField, direction: s.order === "ascend" ? "ASC" : "DESC" });
  };

  const settingsPanel = (
    <div data-testid="column-settings-panel" style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      {columns.map((c) => (
        <Checkbox
          key={c.key}
          checked={settings.isVisible(c.key)}
          disabled={c.fixed}
          onChange={(e) => settings.setVisible(c.key, e.target.checked)}
        >
          {c.title}
          {c.fixed ? t("lists.keyColumn") : ""}
        </Checkbox>
      ))}
      <Button type="link" size="small" style={{ alignSelf: "flex-start", padding: 0 }} disabled={!settings.customised} onClick={settings.reset}>
        {t("lists.columnsReset")}
      </Button>
    </div>
  );

  const page = afters.length;
  const total = conn?.totalCount ?? 0;
  return (
    <div data-testid={`list-${id}`}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {intro && <Typography.Paragraph style={{ color: MUTED }}>{intro}</Typography.Paragraph>}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }} role="search" aria-label={t("lists.filters")}>
        {filters}
        {onClearFilters && (
          <Button onClick={onClearFilters} disabled={!anyFilter}>
            {t("lists.reset")}
          </Button>
        )}
      </Flex>
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="list-total">{t("lists.total", { count: total })}</Typography.Text>
        <Space wrap>
          <Popover trigger="click" placement="bottomRight" title={t("lists.columnsTitle")} content={settingsPanel}>
            <Button icon={<SettingOutlined />} data-testid="column-settings">
              {t("lists.columns")}
            </Button>
          </Popover>
          <ExportButton document={exportDoc} variables={{ where, orderBy }} filename={filename} disabled={!data || total === 0} />
        </Space>
      </Flex>
      {error && <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} style={{ marginBottom: 12 }} />}
      <Table<T>
        rowKey="id"
        size="middle"
        dataSource={rows}
        columns={tableColumns}
        loading={fetching && !data}
        pagination={false}
        scroll={{ x: "max-content" }}
        onChange={onTableChange}
        locale={{ emptyText: t("lists.empty") }}
      />
      <Flex wrap gap={8} justify="flex-end" align="center" style={{ marginTop: 12 }} data-testid="list-pager">
        <Button
          data-testid="list-prev"
          disabled={page <= 1}
          onClick={() => setPages({ key: pagesKey, afters: afters.slice(0, -1) })}
        >
          {t("lists.prev")}
        </Button>
        <Typography.Text data-testid="list-page">{t("lists.page", { page })}</Typography.Text>
        <Button
          data-testid="list-next"
          disabled={!conn?.pageInfo.hasNextPage || !conn.pageInfo.endCursor}
          onClick={() => conn?.pageInfo.endCursor && setPages({ key: pagesKey, afters: [...afters, conn.pageInfo.endCursor] })}
        >
          {t("lists.next")}
        </Button>
        <Select<number>
          aria-label={t("lists.pageSize")}
          data-testid="list-page-size"
          value={pageSize}
          onChange={setPageSize}
          style={{ width: 110 }}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t("lists.pageSizeOption", { n }) }))}
        />
      </Flex>
    </div>
  );
}
