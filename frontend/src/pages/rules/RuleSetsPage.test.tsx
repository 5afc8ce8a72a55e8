import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RuleSetsView } from "../RuleSetsPage";
import { renderWith } from "../../test/render";
import { gqlErrors, mockClient, type Reply } from "../../test/urql";

const defaults = {
  reverseRule: "LINEAR",
  equalLikeAtLeast: true,
  deviationBelow: "100.00",
  deviationAtOrAbove: "130.00",
  executionExplanationBelow: "90.00",
  executionWeight: "10.00",
  outputWeight: "50.00",
  benefitWeight: "30.00",
  satisfactionWeight: "10.00",
  checkWeightSplit: false,
  excellentFrom: "90.00",
  goodFrom: "80.00",
  fairFrom: "60.00",
  achievedFrom: "80.00",
  partialFrom: "60.00",
};

const everywhere = {
  id: "64424509442",
  year: 2023,
  version: 2,
  name: "2023 年度评分规则",
  sources: "财预〔2020〕10号",
  latest: true,
  createdAt: "2026-12-07T10:00:00Z",
  createdByName: "admin",
  region: null,
  parameters: { ...defaults, reverseRule: "RATIO", excellentFrom: "95.00" },
  versions: [
    { id: "64424509442", version: 2, name: "2023 年度评分规则", createdAt: "2026-12-07T10:00:00Z", createdByName: "admin" },
    { id: "64424509441", version: 1, name: "2023 年度评分规则", createdAt: "2026-12-06T10:00:00Z", createdByName: "reviewer" },
  ],
};

const regional = {
  ...everywhere,
  id: "64424509443",
  version: 1,
  name: "南沙区规则",
  region: { id: "1", code: "440115", name: "南沙区" },
  parameters: defaults,
  versions: [{ id: "64424509443", version: 1, name: "南沙区规则", createdAt: "2026-12-07T11:00:00Z", createdByName: "reviewer" }],
};

const list = {
  data: {
    ruleSets: [everywhere, regional],
    defaultRules: defaults,
    departments: { edges: [{ node: { id: "1", code: "440115", name: "南沙区" } }, { node: { id: "2", code: "440115-001", name: "区委办" } }] },
  },
};

function setup(replies: Record<string, Reply>, canChange = true) {
  const mock = mockClient({ RuleSets: list, ...replies });
  renderWith(mock.client, <RuleSetsView canChange={canChange} />);
  return { ...mock, user: userEvent.setup() };
}

const input = (name: string) => screen.getByTestId(`rule-${name}`);
const itemOf = (name: string) => input(name).closest(".ant-form-item") as HTMLElement;

async function retype(user: ReturnType<typeof userEvent.setup>, name: string, value: string) {
  await user.clear(input(name));
  await user.paste(value);
}

describe("RuleSetsView", () => {
  it("lists each set with its region, current version and main parameters", async () => {
    setup({});
    const table = await screen.findByTestId("rule-sets");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("全部部门");
    expect(rows[0]).toHaveTextContent("第 2 版现行");
    expect(rows[0]).toHaveTextContent("反向指标计分方法：比值；优 ≥ 95.00，良 ≥ 80.00，中 ≥ 60.00");
    expect(rows[1]).toHaveTextContent("南沙区（440115）及下属单位");
    expect(screen.getByRole("button", { name: /新建规则集/ })).toBeInTheDocument();
  });

  it("offers no change to those who only read the rules", async () => {
    setup({}, false);
    await screen.findByTestId("rule-sets");
    expect(screen.queryByRole("button", { name: /新建规则集/ })).not.toBeInTheDocument();
    expect(screen.queryByTestId(`edit-${everywhere.id}`)).not.toBeInTheDocument();
  });

  it("changes a set as its next version, every refused parameter said at its field in the UI's language", async () => {
    let tries = 0;
    const { user, variablesOf } = setup({
      UpdateRuleSet: () =>
        ++tries === 1
          ? gqlErrors(
              ["goodFrom: must be below excellentFrom (95), got 96", {
                code: "BAD_USER_INPUT", field: "goodFrom", reason: "NOT_ORDERED", params: { above: "excellentFrom", aboveValue: "95", got: "96" },
              }],
              ["deviationBelow: must be at least 0 and at most 100, got 101", {
                code: "BAD_USER_INPUT", field: "deviationBelow", reason: "OUT_OF_RANGE", params: { min: "0", max: "100", got: "101" },
              }],
            )
          : { data: { updateRuleSet: { id: "64424509444", version: 3 } } },
    });
    await user.click(await screen.findByTestId(`edit-${everywhere.id}`));
    expect(await screen.findByText("修改「2023 年度评分规则」：保存为第 3 版")).toBeInTheDocument();
    expect(input("excellentFrom")).toHaveValue("95.00");
    await retype(user, "goodFrom", "96");
    await retype(user, "deviationBelow", "101");
    await user.click(screen.getByRole("button", { name: "保 存" }));
    await waitFor(() => expect(itemOf("goodFrom")).toHaveTextContent("“良”最低分：须低于「“优”最低分」（95），当前 96"));
    expect(itemOf("deviationBelow")).toHaveTextContent("完成率低于此值须说明偏差（%）：须在 0 到 100 之间（当前 101）");

    await retype(user, "goodFrom", "85");
    await retype(user, "deviationBelow", "95");
    await user.click(screen.getByRole("button", { name: "保 存" }));
    await waitFor(() => expect(variablesOf("UpdateRuleSet")).toHaveLength(2));
    expect(variablesOf("UpdateRuleSet")[1]).toEqual({
      id: everywhere.id,
      input: {
        name: "2023 年度评分规则", sources: "财预〔2020〕10号", reverseRule: "RATIO", equalLikeAtLeast: true, checkWeightSplit: false,
        deviationBelow: "95", deviationAtOrAbove: "130.00", executionExplanationBelow: "90.00", executionWeight: "10.00",
        outputWeight: "50.00", benefitWeight: "30.00", satisfactionWeight: "10.00",
        excellentFrom: "95.00", goodFrom: "85", fairFrom: "60.00", achievedFrom: "80.00", partialFrom: "60.00",
      },
    });
    // Saved: the list is read again.
    await waitFor(() => expect(variablesOf("RuleSets").length).toBeGreaterThan(1));
  });

  it("makes a new set from the built-in rules, and says when its year and region have one", async () => {
    let tries = 0;
    const { user, variablesOf } = setup({
      CreateRuleSet: () =>
        ++tries === 1
          ? gqlErrors(["year: a rule set of 2023 for every department already exists (rule set 64424509442)", {
              code: "CONFLICT", field: "year", entity: "rule set", existingID: everywhere.id,
            }])
          : { data: { createRuleSet: { id: "64424509445", version: 1 } } },
    });
    await user.click(await screen.findByRole("button", { name: /新建规则集/ }));
    await retype(user, "year", "2023");
    await user.type(input("name"), "某省规则");
    await user.click(screen.getByTestId("rule-reverse-RATIO"));
    await user.click(screen.getByRole("button", { name: "保 存" }));
    await waitFor(() => expect(itemOf("year")).toHaveTextContent("该年度、该适用范围已有规则集，请修改现有规则集。"));
    await retype(user, "year", "2024");
    await user.click(screen.getByRole("button", { name: "保 存" }));
    await waitFor(() => expect(variablesOf("CreateRuleSet")).toHaveLength(2));
    expect(variablesOf("CreateRuleSet")[1]).toEqual({
      input: {
        ...Object.fromEntries(Object.entries(defaults)),
        year: 2024, regionID: null, name: "某省规则", sources: "", reverseRule: "RATIO",
      },
    });
  });
});
