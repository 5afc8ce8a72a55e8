import { useEffect, useMemo, useState } from "react";
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

// Evidence (佐证材料) of one owner — an indicator, a monitoring entry or a rectification item's
// answer: the files, each downloaded from the server as an attachment (GET /files/attachments/{id},
// never shown in the page), uploaded through the GraphQL multipart request and deleted under the
// owner's access rules, which the server decides.

/** What files attach to: an indicator, a monitoring entry (its stored id) or a rectification item. */
export type EvidenceOwner = { kind: "indicator" | "monitoringEntry" | "rectification"; id: string };

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

export const OwnedEvidenceDocument = graphql(`
  query OwnedEvidence($where: AttachmentWhereInput!) {
    attachments(first: 200, where: $where, orderBy: [{ field: CREATED_AT, direction: ASC }]) {
      totalCount
      edges { node { id fileName contentType size uploadedByName createdAt url } }
    }
    attachmentLimits { maxBytes extensions }
  }
`);

export const AttachFileDocument = graphql(`
  mutation EvidenceAttachFile($monitoringEntryID: ID, $rectificationID: ID, $file: Upload!) {
    attachFile(monitoringEntryID: $monitoringEntryID, rectificationID: $rectificationID, file: $file) { id fileName }
  }
`);

/** The filter of an owner's files in the attachments list. */
export function ownerWhere(owner: EvidenceOwner) {
  return owner.kind === "monitoringEntry" ? { monitoringEntryID: owner.id } : owner.kind === "rectification" ? { rectificationID: owner.id } : { indicatorID: owner.id };
}

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
  if (e.reason === "MONITORING_LOCKED" && e.status) return t("errors.reason.MONITORING_LOCKED", { status: t(`monitoring.status.${e.status}`) });
  if (e.reason === "RECTIFICATION_STATUS" && e.params) {
    const name = (s: string | undefined) => (s ? t(`review.rectStatus.${s}`, { defaultValue: s }) : "");
    return errorText(t, { ...e, params: { ...e.params, status: name(e.params.status), expected: name(e.params.expected) } });
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
 * The 佐证材料 control of an owner's row (an indicator's by default): a paper clip with the number
 * of files, opening the drawer. Readers open it to download; readOnly hides uploading and deleting.
 */
export function EvidenceButton({
  indicatorID,
  owner: given,
  name,
  count,
  readOnly,
}: {
  indicatorID?: string;
  owner?: EvidenceOwner;
  name: string;
  count: number;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const owner = given ?? { kind: "indicator" as const, id: indicatorID ?? "" };
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
      {open && <EvidenceDrawer owner={owner} name={name} readOnly={readOnly} onClose={() => setOpen(false)} onCount={setSeen} />}
    </>
  );
}

/** The drawer of an owner's evidence: the files with their download links, upload, delete. */
export function EvidenceDrawer({
  indicatorID,
  owner,
  name,
  readOnly,
  onClose,
  onCount,
}: {
  indicatorID?: string;
  owner?: EvidenceOwner;
  name: string;
  readOnly: boolean;
  onClose(): void;
  onCount?(count: number): void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer open width={560} title={t("evidence.drawerTitle", { name })} onClose={onClose} destroyOnHidden>
      <EvidencePanel owner={owner ?? { kind: "indicator", id: indicatorID ?? "" }} readOnly={readOnly} onCount={onCount} />
    </Drawer>
  );
}

/** The read-only notice of an owner's kind: what keeps its files from changing. */
const readOnlyKey: Record<EvidenceOwner["kind"], string> = {
  indicator: "evidence.readOnly",
  monitoringEntry: "evidence.readOnlyMonitoring",
  rectification: "evidence.readOnlyRectification",
};

/** An owner's evidence: the files with their download links, and upload and delete unless readOnly. */
export function EvidencePanel({ owner, readOnly, onCount }: { owner: EvidenceOwner; readOnly: boolean; onCount?(count: number): void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const isIndicator = owner.kind === "indicator";
  const [indicatorResult, refetchIndicator] = useQuery({
    query: EvidenceDocument,
    variables: { id: owner.id },
    requestPolicy: "network-only",
    pause: !isIndicator,
  });
  const [ownedResult, refetchOwned] = useQuery({
    query: OwnedEvidenceDocument,
    variables: { where: ownerWhere(owner) },
    requestPolicy: "network-only",
    pause: isIndicator,
  });
  const [uploading, setUploading] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);
  const { fetching, error } = isIndicator ? indicatorResult : ownedResult;
  const indicatorNode = indicatorResult.data?.node?.__typename === "Indicator" ? indicatorResult.data.node : undefined;
  const loaded = isIndicator ? indicatorNode : ownedResult.data?.attachments;
  const files = useMemo(
    () => (isIndicator ? (indicatorNode?.attachments ?? []) : (ownedResult.data?.attachments.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))),
    [isIndicator, indicatorNode, ownedResult.data],
  );
  const limits = (isIndicator ? indicatorResult.data : ownedResult.data)?.attachmentLimits;
  const hasData = !!(isIndicator ? indicatorResult.data : ownedResult.data);

  useEffect(() => {
    if (loaded) onCount?.(files.length);
  }, [loaded, files, onCount]);

  const reload = () => (isIndicator ? refetchIndicator : refetchOwned)({ requestPolicy: "network-only" });

  const upload = async (file: File) => {
    const refused = limits && precheck(file, limits);
    if (refused) {
      setProblems([evidenceErrorText(t, refused)]);
      return;
    }
    setUploading(file.name);
    const r = isIndicator
      ? await client.mutation(AttachEvidenceDocument, { indicatorID: owner.id, file }).toPromise()
      : await client
          .mutation(AttachFileDocument, {
            monitoringEntryID: owner.kind === "monitoringEntry" ? owner.id : null,
            rectificationID: owner.kind === "rectification" ? owner.id : null,
            file,
          })
          .toPromise();
    setUploading(undefined);
    const done = r.data && ("attachToIndicator" in r.data ? r.data.attachToIndicator : "attachFile" in r.data ? r.data.attachFile : undefined);
    if (r.error || !done) {
      setProblems(fieldErrors(r.error).map((e) => evidenceErrorText(t, e)));
      return;
    }
    setProblems([]);
    void message.success(t("evidence.uploaded", { name: done.fileName }));
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
    <Space direction="vertical" style={{ width: "100%" }} data-testid="evidence-panel">
      {readOnly ? (
        <Alert type="info" showIcon message={t(readOnlyKey[owner.kind])} />
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
      {error && !hasData && <Alert type="error" showIcon message={fieldErrors(error).map((e) => errorText(t, e)).join(" ")} />}
      {fetching && !hasData ? (
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
  );
}
