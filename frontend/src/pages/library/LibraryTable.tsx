import type { ReactNode } from "react";
import { Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { TableRowSelection } from "antd/es/table/interface";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { LibraryTagsDocument, targetText, trim, type LibraryEntry } from "./query";
import { ExpandColumnTitle } from "../../components/VisuallyHidden";

const STATUS_COLOR: Record<LibraryEntry["status"], string> = { DRAFT: "default", PROPOSED: "processing", APPROVED: "success", RETURNED: "warning" };

/** The search box and tag filter over the library (the tags of the entries the caller reads). */
export function LibraryFilters({
  search,
  tags,
  onSearch,
  onTags,
  children,
}: {
  search: string;
  tags: string[];
  onSearch(v: string): void;
  onTags(v: string[]): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: LibraryTagsDocument });
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        defaultValue={search}
        placeholder={t("library.search")}
        onSearch={onSearch}
        style={{ width: 320 }}
        aria-label={t("library.search")}
        data-testid="library-search"
      />
      <Select
        mode="multiple"
        allowClear
        value={tags}
        onChange={onTags}
        placeholder={t("library.tagsFilter")}
        aria-label={t("library.tagsFilter")}
        options={(data?.libraryTags ?? []).map((v) => ({ value: v, label: v }))}
        style={{ minWidth: 240 }}
        data-testid="library-tags"
      />
      {children}
    </Space>
  );
}

export interface LibraryTableProps {
  entries: LibraryEntry[];
  loading?: boolean;
  /** Row selection for adding: the ids picked, and why an entry cannot be picked (undefined: it can). */
  selection?: { selected: string[]; onChange(ids: string[]): void; disabled?(e: LibraryEntry): string | undefined };
  /** An entry's details, shown when its row is expanded. */
  details?(e: LibraryEntry): ReactNode;
  actions?(e: LibraryEntry): ReactNode;
}

/** The library's entries: what each indicator says, its typical target, tags, where it stands and how often it is used. */
export default function LibraryTable({ entries, loading, selection, details, actions }: LibraryTableProps) {
  const { t } = useTranslation();
  const rowSelection: TableRowSelection<LibraryEntry> | undefined = selection && {
    selectedRowKeys: selection.selected,
    onChange: (keys) => selection.onChange(keys.map(String)),
    getCheckboxProps: (e) => ({ disabled: !!selection.disabled?.(e), "aria-label": e.name }),
    renderCell: (_checked, e, _i, node) => {
      const why = selection.disabled?.(e);
      return why ? <Tooltip title={why}>{node}</Tooltip> : node;
    },
  };
  return (
    <Table<LibraryEntry>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={entries}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      rowSelection={rowSelection}
      expandable={details ? { expandedRowRender: details, columnTitle: <ExpandColumnTitle /> } : undefined}
      locale={{ emptyText: t("common.empty") }}
      scroll={{ x: 1100 }}
      data-testid="library-table"
      columns={[
        {
          key: "name",
          title: t("library.col.name"),
          fixed: "left",
          width: 220,
          render: (_, e) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{e.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.level1} / {e.level2}
              </Typography.Text>
            </Space>
          ),
        },
        { key: "kind", title: t("library.col.kind"), render: (_, e) => t(`indicators.kind.${e.kind}`) },
        {
          key: "target",
          title: t("library.col.target"),
          render: (_, e) => (
            <>
              {targetText(t, e)}
              {e.binding && (
                <Tooltip title={t("library.formula", { binding: t(`indicators.binding.${e.binding}`) })}>
                  <Tag style={{ marginLeft: 4 }}>ƒ</Tag>
                </Tooltip>
              )}
            </>
          ),
        },
        { key: "unit", title: t("library.col.unit"), render: (_, e) => e.unit || t("library.none") },
        { key: "weight", title: t("library.col.weight"), align: "right", render: (_, e) => (e.weight ? trim(e.weight) : t("library.none")) },
        {
          key: "tags",
          title: t("library.col.tags"),
          render: (_, e) => e.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
        },
        {
          key: "status",
          title: t("library.col.status"),
          render: (_, e) => (
            <Space size={4} wrap>
              <Tag color={e.scope === "COMMON" ? "blue" : "purple"}>{t(`library.scope.${e.scope}`)}</Tag>
              {e.status !== "APPROVED" && <Tag color={STATUS_COLOR[e.status]}>{t(`library.status.${e.status}`)}</Tag>}
            </Space>
          ),
        },
        { key: "usage", title: t("library.col.usage"), align: "right", render: (_, e) => e.usageCount },
        ...(actions ? [{ key: "actions", title: t("library.col.actions"), render: (_: unknown, e: LibraryEntry) => actions(e) }] : []),
      ]}
    />
  );
}
