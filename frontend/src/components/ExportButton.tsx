import { useState } from "react";
import { Button, Space, message } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { print, type DocumentNode } from "graphql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { csrfHeaders } from "../api/client";
import { errorText, type FieldError } from "../api/errors";

export type ExportFormat = "csv" | "xlsx";

/** An export the server refused, with its errors as the UI reads them. */
export class ExportError extends Error {
  constructor(
    readonly errors: (FieldError & { limit?: number; got?: number })[],
    readonly incomplete = false,
  ) {
    super(errors[0]?.message ?? "export failed");
  }
}

/** The file name a Content-Disposition header gives: its RFC 5987 filename*, else its filename. */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1];
}

/**
 * Asks the server for the rows of a query as a file (POST /export, with the CSRF header a
 * signed-in browser sends) and saves it through a temporary <a download>. Resolves with the
 * file's name; rejects with an ExportError when the server refuses or the download breaks off.
 */
export async function downloadExport(opts: {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  format: ExportFormat;
  filename?: string;
  /** The header row's words by column name (departmentYear.department.name → 部门). */
  titles?: Record<string, string>;
}): Promise<string> {
  const resp = await fetch("/export", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", ...csrfHeaders() },
    body: JSON.stringify({
      query: print(opts.document),
      variables: opts.variables ?? {},
      format: opts.format,
      filename: opts.filename,
      titles: opts.titles,
    }),
  });
  if (!resp.ok || (resp.headers.get("Content-Type") ?? "").startsWith("application/json")) throw await refusal(resp);
  let blob: Blob;
  try {
    blob = await resp.blob();
  } catch (e) {
    // The server aborts a streamed CSV that failed part-way: the file is not complete.
    throw new ExportError([{ code: "NETWORK", message: String(e) }], true);
  }
  const name = dispositionName(resp.headers.get("Content-Disposition")) ?? `${opts.filename ?? "export"}.${opts.format}`;
  saveBlob(blob, name);
  return name;
}

/** The ExportError of a download the server refused, from its GraphQL-style error body. */
export async function refusal(resp: Response): Promise<ExportError> {
  let body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } = {};
  try {
    body = await resp.json();
  } catch {
    // not JSON: reported as unknown below
  }
  const errors = (body.errors ?? [{ message: `HTTP ${resp.status}` }]).map((e) => {
    const x = e.extensions ?? {};
    return {
      code: String(x.code ?? "UNKNOWN"),
      field: x.field == null ? undefined : String(x.field),
      limit: typeof x.limit === "number" ? x.limit : undefined,
      got: typeof x.got === "number" ? x.got : undefined,
      message: e.message,
    };
  });
  return new ExportError(errors);
}

/** Saves blob as a download named name, through a temporary <a download>. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** The sentence for a refused export, in the UI's language. */
export function exportErrorText(t: TFunction, err: unknown): string {
  if (!(err instanceof ExportError)) return t("errors.code.NETWORK");
  if (err.incomplete) return t("export.incomplete");
  const e = err.errors[0];
  return t(`export.error.${e.code}`, { limit: e.limit, got: e.got, defaultValue: errorText(t, e) });
}

/**
 * Buttons that export the rows of the screen's own query, every page of it, as CSV or XLSX:
 * the server runs the query under the viewer's access rules and pages through its first
 * connection (or list), whatever page size the screen asked for.
 */
export default function ExportButton({
  document,
  variables,
  filename,
  titles,
  disabled,
}: {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  filename?: string;
  titles?: Record<string, string>;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    const hide = message.loading(t("export.started"), 0);
    try {
      const name = await downloadExport({ document, variables, format, filename, titles });
      void message.success(t("export.done", { name }));
    } catch (err) {
      void message.error(exportErrorText(t, err));
    } finally {
      hide();
      setBusy(null);
    }
  };
  return (
    <Space.Compact data-testid="export">
      <Button
        icon={<DownloadOutlined />}
        title={t("export.csvTitle")}
        loading={busy === "csv"}
        disabled={disabled || busy !== null}
        onClick={() => void run("csv")}
      >
        {t("export.label")} {t("export.csv")}
      </Button>
      <Button title={t("export.xlsxTitle")} loading={busy === "xlsx"} disabled={disabled || busy !== null} onClick={() => void run("xlsx")}>
        {t("export.xlsx")}
      </Button>
    </Space.Compact>
  );
}
