import { useEffect, useState } from "react";
import { Alert, Badge, Button, Drawer, List, Popconfirm, Space, Spin, Tooltip, Typography, Upload, message } from "antd";
import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { useClient, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";
import { formatDate } from "../../lib/format";

// Evidence (佐证材料) of one indicator: the files, each downloaded from the server as an attachment
// (GET /files/attachments/{id}, never shown in the page), uploaded through the GraphQL multipart
// request and deleted under the indicator's access rules, which the server decides.

export const EvidenceDocument = graphql(`
  query IndicatorEvidence($id: ID!) {
    node(id: $id) {
      __typename
      ... on Indicator {
        id
        attachmentCount
        attachments { id fileName contentType size uploadedByName createdAt url }
      }
    }
    attachmentLimits { maxBytes extensions }
  }
`);

export const AttachEvidenceDocument = graphql(`
  mutation IndicatorEvidenceAttach($indicatorID: ID!, $file: Upload!) {
    attachToIndicator(indicatorID: $indicatorID, file: $file) { id fileName }
  }
`);

export const DeleteEvidenceDocument = graphql(`
  mutation IndicatorEvidenceDelete($id: ID!) {
    deleteAttachment(id: $id)
  }
`);

/** A size for people: 512 B, 1.5 KB, 20 MB (binary units, as file managers show them). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let v = bytes;
  for (const unit of ["KB", "MB", "GB"]) {
    v /= 1024;
    if (v < 1024 || unit === "GB") return `${Number(v.toFixed(1))} ${unit}`;
  }
  return `${bytes} B`;
}

const extensionOf = (name: string) => {
  const i = name.lastIndexOf(".");
  return i > 0 ? name.slice(i).toLowerCase() : "";
};

/**
 * What the server would refuse of a file before it is sent (its size and extension), as the
 * server's own refusal reads; undefined when it may go. The server checks the content.
 */
export function precheck(file: { name: string; size: number }, limits: { maxBytes: number; extensions: readonly string[] }): FieldError | undefined {
  const params = { name: file.name, size: String(file.size), max: String(limits.maxBytes), extension: extensionOf(file.name) };
  if (file.size > limits.maxBytes) return { code: "BAD_USER_INPUT", field: "file", reason: "FILE_TOO_LARGE", params, message: "" };
  if (file.size === 0) return { code: "BAD_USER_INPUT", field: "file", reason: "FILE_EMPTY", params, message: "" };
  if (!limits.extensions.includes(params.extension))
    return { code: "BAD_USER_INPUT", field: "file", reason: "EXTENSION", params: { ...params, allowed: limits.extensions.join(" ") }, message: "" };
  return undefined;
}

/** The sentence for a refusal of an upload or a delete: a file's reason from this section, else the catalogue's. */
export function evidenceErrorText(t: TFunction, e: FieldError): string {
  if (e.field === "file" && e.reason && t(`evidence.reason.${e.reason}`, { defaultValue: "" })) {
    const p = e.params ?? {};
    const bytes = (v: string | undefined) => (v == null || v === "" ? "" : fileSize(Number(v)));
    let size = bytes(p.size);
    // Just over the limit rounds to the limit: then the exact count says why.
    if (size && size === bytes(p.max)) size += t("evidence.exactBytes", { n: Number(p.size).toLocaleString("en-US") });
    return t(`evidence.reason.${e.reason}`, {
      ...p,
      size,
      max: bytes(p.max),
      extension: p.extension || t("evidence.noExtension"),
    });
  }
  return errorText(t, e);
}

function FileIcon({ contentType }: { contentType: string }) {
  if (contentType === "application/pdf") return <FilePdfOutlined style={{ color: "#cf1322" }} />;
  if (contentType.startsWith("image/")) return <FileImageOutlined style={{ color: "#1677ff" }} />;
  if (contentType.includes("word")) return <FileWordOutlined style={{ color: "#1677ff" }} />;
  if (contentType.includes("excel") || contentType.includes("spreadsheet")) return <FileExcelOutlined style={{ color: "#389e0d" }} />;
  if (contentType.includes("powerpoint") || contentType.includes("presentation")) return <FilePptOutlined style={{ color: "#d46b08" }} />;
  if (contentType.startsWith("text/")) return <FileTextOutlined />;
  return <FileOutlined />;
}

/**
 * The 佐证材料 control of an indicator row: a paper clip with the number of files, opening the
 * drawer. Readers open it to download; readOnly hides uploading and deleting.
 */
export function EvidenceButton({ indicatorID, name, count, readOnly }: { indicatorID: string; name: string; count: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // The drawer's count once it has read the list: the row's may be older than a change made here.
  const [seen, setSeen] = useState<number>();
  const shown = seen ?? count;
  return (
    <>
      <Tooltip title={t("evidence.title")}>
        <Button
          type="text"
          size="small"
          data-testid="evidence-button"
          aria-label={t("evidence.open", { name, count: shown })}
          onClick={() => setOpen(true)}
          icon={
            <Badge count={shown} size="small" offset={[4, -2]} color="#8c8c8c">
              <PaperClipOutlined />
            </Badge>
          }
        />
      </Tooltip>
      {open && <EvidenceDrawer indicatorID={indicatorID} name={name} readOnly={readOnly} onClose={() => setOpen(false)} onCount={setSeen} />}
    </>
  );
}

/** The drawer of an indicator's evidence: the files with their download links, upload, delete. */
export function EvidenceDrawer({
  indicatorID,
  name,
  readOnly,
  onClose,
  onCount,
}: {
  indicatorID: string;
  name: string;
  readOnly: boolean;
  onClose(): void;
  onCount?(count: number): void;
}) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: EvidenceDocument, variables: { id: indicatorID }, requestPolicy: "network-only" });
  const [uploading, setUploading] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);
  const node = data?.node?.__typename === "Indicator" ? data.node : undefined;
  const files = node?.attachments ?? [];
  const limits = data?.attachmentLimits;

  useEffect(() => {
    if (node) onCount?.(node.attachments.length);
  }, [node, onCount]);

  const reload = () => refetch({ requestPolicy: "network-only" });

  const upload = async (file: File) => {
    const refused = limits && precheck(file, limits);
    if (refused) {
      setProblems([evidenceErrorText(t, refused)]);
      return;
    }
    setUploading(file.name);
    const r = await client.mutation(AttachEvidenceDocument, { indicatorID, file }).toPromise();
    setUploading(undefined);
    if (r.error || !r.data) {
      setProblems(fieldErrors(r.error).map((e) => evidenceErrorText(t, e)));
      return;
    }
    setProblems([]);
    void message.success(t("evidence.uploaded", { name: r.data.attachToIndicator.fileName }));
    reload();
  };

  const remove = async (id: string, fileName: string) => {
    const r = await client.mutation(DeleteEvidenceDocument, { id }).toPromise();
    if (r.error) {
      setProblems(fieldErrors(r.error).map((e) => evidenceErrorText(t, e)));
      return;
    }
    setProblems([]);
    void message.success(t("evidence.deleted", { name: fileName }));
    reload();
  };

  return (
    <Drawer open width={560} title={t("evidence.drawerTitle", { name })} onClose={onClose} destroyOnHidden>
      <Space direction="vertical" style={{ width: "100%" }}>
        {readOnly ? (
          <Alert type="info" showIcon message={t("evidence.readOnly")} />
        ) : (
          <Space wrap>
            <Upload
              accept={limits?.extensions.join(",")}
              showUploadList={false}
              multiple={false}
              beforeUpload={(f) => {
                void upload(f);
                return false; // sent by the mutation, not by the Upload's own request
              }}
            >
              <Button icon={<UploadOutlined />} loading={!!uploading} disabled={!limits}>
                {t("evidence.upload")}
              </Button>
            </Upload>
            {uploading && <Typography.Text type="secondary">{t("evidence.uploading", { name: uploading })}</Typography.Text>}
          </Space>
        )}
        {limits && <Typography.Text type="secondary">{t("evidence.hint", { max: fileSize(limits.maxBytes) })}</Typography.Text>}
        {problems.length > 0 && (
          <Alert type="error" showIcon closable onClose={() => setProblems([])} data-testid="evidence-problems" message={problems.join(" ")} />
        )}
        {error && !data && <Alert type="error" showIcon message={fieldErrors(error).map((e) => errorText(t, e)).join(" ")} />}
        {fetching && !data ? (
          <Spin />
        ) : (
          <List
            size="small"
            dataSource={files}
            locale={{ emptyText: t("evidence.empty") }}
            footer={files.length > 0 ? <Typography.Text type="secondary">{t("evidence.count", { count: files.length })}</Typography.Text> : undefined}
            renderItem={(a) => (
              <List.Item
                data-testid="evidence-item"
                actions={[
                  <a key="download" href={a.url} download={a.fileName} aria-label={`${t("evidence.download")} ${a.fileName}`}>
                    <DownloadOutlined /> {t("evidence.download")}
                  </a>,
                  ...(readOnly
                    ? []
                    : [
                        <Popconfirm
                          key="delete"
                          title={t("evidence.deleteConfirm", { name: a.fileName })}
                          okText={t("common.ok")}
                          cancelText={t("common.cancel")}
                          onConfirm={() => remove(a.id, a.fileName)}
                        >
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("evidence.deleteOne", { name: a.fileName })} />
                        </Popconfirm>,
                      ]),
                ]}
              >
                <List.Item.Meta
                  avatar={<FileIcon contentType={a.contentType} />}
                  title={
                    <a href={a.url} download={a.fileName}>
                      {a.fileName}
                    </a>
                  }
                  description={t(a.uploadedByName ? "evidence.meta" : "evidence.metaAnonymous", {
                    size: fileSize(a.size),
                    who: a.uploadedByName,
                    at: formatDate(a.createdAt as string, i18n.language),
                  })}
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Drawer>
  );
}
