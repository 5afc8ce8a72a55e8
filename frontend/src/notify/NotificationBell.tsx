import { useState } from "react";
import { Badge, Button, Empty, List, Popover, Typography } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useSubscription } from "urql";
import dayjs from "dayjs";
import { graphql } from "../gql";
import type { NotificationChangesSubscription } from "../gql/graphql";

const Changes = graphql(`
  subscription NotificationChanges {
    changes {
      id
      resync
      entityType
      entityID
      action
      actorName
      at
      departmentYearID
      projectID
      departmentYear { id year }
      department { id name }
    }
  }
`);

export type Change = NotificationChangesSubscription["changes"];

/** How many changes the list keeps, newest first. */
export const KEEP = 50;

/**
 * The list after change arrived: newest first, at most KEEP. A resync signal (the server may have
 * missed changes while its connection to the others was down) is no change to list: the pages
 * that show data read it again (useChangedElsewhere).
 */
export function keep(list: Change[] | undefined, change: Change): Change[] {
  if (change.resync) return list ?? [];
  return [change, ...(list ?? []).filter((c) => c.id !== change.id)].slice(0, KEEP);
}

/** The screen that shows a change, when there is one to open. */
export function linkOf(c: Change): string | undefined {
  if (c.action !== "DELETE") {
    switch (c.entityType) {
      case "Evaluation":
        return `/evaluations/${c.entityID}`;
      case "DepartmentYear":
        return `/years/${c.entityID}`;
      case "Project":
        return `/projects/${c.entityID}/indicators`;
      case "Indicator":
        return c.projectID ? `/projects/${c.projectID}/indicators` : c.departmentYear ? `/years/${c.departmentYear.id}/indicators` : undefined;
      case "LibraryIndicator":
        return "/library";
      case "RuleSet":
        return "/rules";
    }
  }
  return c.departmentYear ? `/years/${c.departmentYear.id}` : undefined;
}

/**
 * The bell in the header: the changes others make to what the viewer may read, heard from the
 * `changes` subscription since the page opened (the server filters them by the viewer's rules
 * and leaves out the viewer's own). The count is of those not yet seen.
 */
export default function NotificationBell() {
  const { t } = useTranslation();
  const [{ data: list }] = useSubscription({ query: Changes }, (prev: Change[] | undefined, d: NotificationChangesSubscription) => keep(prev, d.changes));
  const [seen, setSeen] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const changes = list ?? [];
  const firstSeen = seen ? changes.findIndex((c) => c.id === seen) : -1;
  const unread = firstSeen < 0 ? changes.length : firstSeen;
  const markRead = () => setSeen(changes[0]?.id);

  const content = (
    <div style={{ width: "min(380px, calc(100vw - 56px))", maxHeight: 420, overflowY: "auto" }} data-testid="notifications">
      {changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notify.empty")} />
      ) : (
        <List
          size="small"
          dataSource={changes}
          renderItem={(c, i) => {
            const text = t("notify.line", {
              actor: c.actorName,
              action: t(`notify.actions.${c.action}`),
              entity: t(`notify.entities.${c.entityType}`, { defaultValue: c.entityType }),
            });
            const to = linkOf(c);
            return (
              <List.Item style={{ fontWeight: i < unread ? 600 : undefined }}>
                <List.Item.Meta
                  title={to ? <Link to={to} onClick={() => setOpen(false)}>{text}</Link> : text}
                  description={
                    <Typography.Text type="secondary">
                      {c.department && c.departmentYear
                        ? t("notify.where", { department: c.department.name, year: c.departmentYear.year }) + " · "
                        : c.department
                          ? c.department.name + " · "
                          : ""}
                      {dayjs(c.at).format("HH:mm:ss")}
                    </Typography.Text>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {changes.length > 0 && (
        <Button type="link" size="small" onClick={markRead}>
          {t("notify.markRead")}
        </Button>
      )}
    </div>
  );
  return (
    <Popover
      content={content}
      title={t("notify.title")}
      trigger="click"
      placement="bottomRight"
      // On a phone the list slides along the screen's edge rather than past it.
      align={{ overflow: { adjustX: 1, adjustY: 1, shiftX: 8 } }}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) markRead();
      }}
    >
      <Badge count={unread} size="small" overflowCount={KEEP - 1}>
        <Button size="small" icon={<BellOutlined />} aria-label={t("notify.bell")} />
      </Badge>
    </Popover>
  );
}
