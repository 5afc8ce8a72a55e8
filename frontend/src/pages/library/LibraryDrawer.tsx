import { useState } from "react";
import { Alert, Button, Drawer, Space, Typography } from "antd";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText, errorText, fieldErrors } from "../../api/errors";
import { nodes } from "../../lib/relay";
import LibraryTable, { LibraryFilters } from "./LibraryTable";
import { AddFromLibraryDocument, LibraryListDocument, libraryWhere, type LibraryEntry } from "./query";

interface Props {
  open: boolean;
  onClose(): void;
  /** The subject the indicators go to: a department-year's overall indicators, or a project's. */
  departmentYearID: string;
  projectID?: string;
  /** After the server made them: how many. */
  onAdded(count: number): void;
}

/**
 * 从指标库添加: search the library, filter by tags, tick entries and add them in one step
 * (addIndicatorsFromLibrary). The server places each and says what it refuses; an entry bound
 * to a formula cannot go to a project, which the list says before the server has to.
 */
export default function LibraryDrawer({ open, onClose, departmentYearID, projectID, onAdded }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const [{ data, fetching, error }] = useQuery({ query: LibraryListDocument, variables: { where: libraryWhere(search, tags) }, pause: !open });
  const [{ fetching: adding }, add] = useMutation(AddFromLibraryDocument);
  const entries = nodes<LibraryEntry>(data?.libraryIndicators);

  const submit = async () => {
    setProblem(undefined);
    // In the order the list shows them, whatever order they were ticked in; those ticked under
    // another filter after them.
    const shown = entries.map((e) => e.id).filter((id) => selected.includes(id));
    const ids = [...shown, ...selected.filter((id) => !shown.includes(id))];
    const r = await add({ year: departmentYearID, project: projectID, ids });
    const errors = fieldErrors(r.error);
    if (errors.length) return setProblem(errors.map((e) => errorText(t, e)).join(" "));
    setSelected([]);
    onAdded(r.data?.addIndicatorsFromLibrary.length ?? 0);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={Math.min(1100, window.innerWidth - 48)}
      title={t("library.drawerTitle")}
      destroyOnHidden
      extra={
        <Space>
          <Typography.Text type="secondary">{t("library.selected", { count: selected.length })}</Typography.Text>
          <Button type="primary" disabled={!selected.length} loading={adding} onClick={() => void submit()} data-testid="library-add-selected">
            {t("library.addSelected", { count: selected.length })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("library.drawerHint")}</Typography.Paragraph>
      <LibraryFilters search={search} tags={tags} onSearch={setSearch} onTags={setTags} />
      {error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 12 }} />}
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} role="alert" />}
      <LibraryTable
        entries={entries}
        loading={fetching}
        selection={{
          selected,
          onChange: (ids) => setSelected((prev) => [...prev.filter((id) => !entries.some((e) => e.id === id)), ...ids]),
          disabled: (e) => (projectID && e.binding ? t("library.boundOnlyOverall") : undefined),
        }}
      />
    </Drawer>
  );
}
