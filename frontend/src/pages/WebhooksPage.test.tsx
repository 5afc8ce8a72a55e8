import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors, mockClient } from "../test/urql";
import { renderWith } from "../test/render";
import WebhooksPage from "./WebhooksPage";

const hook = {
  __typename: "Webhook" as const,
  id: "81604378625",
  name: "预算一体化系统",
  url: "https://integration.example/jixiao",
  entityTypes: ["Indicator"],
  actions: ["UPDATE"],
  active: true,
  createdAt: "2026-12-07T08:00:00Z",
  department: null,
};

const list = { data: { webhooks: { __typename: "WebhookConnection", edges: [{ __typename: "WebhookEdge", node: hook }] } } };

const delivery = (over: Record<string, unknown>) => ({
  __typename: "WebhookDelivery",
  id: "85899345921",
  entityType: "Indicator",
  entityID: 12884901889,
  action: "UPDATE",
  status: "PENDING",
  attempts: 1,
  responseCode: 500,
  error: "answered 500 Internal Server Error",
  nextAttemptAt: "2026-12-07T09:00:00Z",
  deliveredAt: null,
  createdAt: "2026-12-07T08:30:00Z",
  ...over,
});

describe("WebhooksPage", () => {
  it("lists the webhooks, registers one with its filter and shows its secret once", async () => {
    const m = mockClient({
      WebhooksPage: list,
      CreateWebhook: { data: { createWebhook: { secret: "whsec_shown-once", webhook: { id: "81604378626" } } } },
    });
    renderWith(m.client, <WebhooksPage />);
    expect(await screen.findByText("预算一体化系统")).toBeInTheDocument();
    expect(screen.getByText("https://integration.example/jixiao")).toBeInTheDocument();

    fireEvent.click(screen.getAllByRole("button", { name: /新增 Webhook/ })[0]);
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("地址"), { target: { value: " https://other.example/hook " } });
    fireEvent.click(within(dialog).getByLabelText("删除"));
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    await waitFor(() =>
      expect(m.variablesOf("CreateWebhook")).toEqual([{ input: { url: "https://other.example/hook", actions: ["DELETE"] } }]),
    );
    expect(await screen.findByTestId("webhook-secret")).toHaveTextContent("whsec_shown-once");
  });

  it("says a refused registration in the catalogue's words", async () => {
    const m = mockClient({ WebhooksPage: list, CreateWebhook: gqlErrors(["url: must be an http or https URL", { code: "BAD_USER_INPUT", field: "url" }]) });
    renderWith(m.client, <WebhooksPage />);
    await screen.findByText("预算一体化系统");
    fireEvent.click(screen.getAllByRole("button", { name: /新增 Webhook/ })[0]);
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("地址"), { target: { value: "ftp://x" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).not.toHaveTextContent("must be an http");
  });

  it("shows a webhook's delivery log and retries a failed delivery", async () => {
    const m = mockClient({
      WebhooksPage: list,
      WebhookDeliveries: {
        data: {
          webhookDeliveries: {
            __typename: "WebhookDeliveryConnection",
            totalCount: 2,
            edges: [
              { __typename: "WebhookDeliveryEdge", node: delivery({}) },
              { __typename: "WebhookDeliveryEdge", node: delivery({ id: "85899345920", status: "DELIVERED", responseCode: 200, error: "", nextAttemptAt: null, deliveredAt: "2026-12-07T08:20:00Z" }) },
            ],
          },
        },
      },
      RetryWebhookDelivery: { data: { retryWebhookDelivery: { __typename: "WebhookDelivery", id: "85899345921", status: "PENDING" } } },
    });
    renderWith(m.client, <WebhooksPage />);
    const row = (await screen.findByText("预算一体化系统")).closest("tr")!;
    fireEvent.click(within(row).getByRole("button", { name: /展开行|Expand row/ }));
    const log = await screen.findByTestId("deliveries-81604378625");
    expect(within(log).getByText("等待重试")).toBeInTheDocument();
    expect(within(log).getByText("answered 500 Internal Server Error")).toBeInTheDocument();
    expect(within(log).getByText("已送达")).toBeInTheDocument();
    const retries = within(log).getAllByRole("button", { name: "立即重试" });
    expect(retries).toHaveLength(1); // a delivered one has nothing to retry
    fireEvent.click(retries[0]);
    await waitFor(() => expect(m.variablesOf("RetryWebhookDelivery")).toEqual([{ id: "85899345921" }]));
    expect(m.variablesOf("WebhookDeliveries")).toEqual([{ id: "81604378625" }, { id: "81604378625" }]);
  });
});
