import { describe, expect, it, vi } from "vitest";
import { waitFor } from "@testing-library/react";
import { mockClient } from "../test/urql";
import { renderWith } from "../test/render";
import { useChangedElsewhere, type Followed } from "./useChangedElsewhere";

function Page({ kind, id, reload }: { kind: Followed; id?: string; reload: () => void }) {
  useChangedElsewhere(kind, id, reload);
  return null;
}

describe("useChangedElsewhere", () => {
  it("reads the evaluation again when the server says someone else changed it", async () => {
    const reload = vi.fn();
    const m = mockClient({ EvaluationChangedElsewhere: { data: { evaluationChanged: { __typename: "Evaluation", id: "8589934593" } } } });
    renderWith(m.client, <Page kind="evaluation" id="8589934593" reload={reload} />);
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(m.variablesOf("EvaluationChangedElsewhere")).toEqual([{ id: "8589934593" }]);
    expect(m.variablesOf("DepartmentYearChangedElsewhere")).toEqual([]);
  });

  it("follows a department-year, and nothing before the page knows which", async () => {
    const reload = vi.fn();
    const m = mockClient({ DepartmentYearChangedElsewhere: { data: { departmentYearChanged: { __typename: "DepartmentYear", id: "4294967297" } } } });
    renderWith(m.client, <Page kind="year" reload={reload} />);
    expect(m.calls.filter((c) => c.kind === "subscription")).toEqual([]);
    renderWith(m.client, <Page kind="year" id="4294967297" reload={reload} />);
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(m.variablesOf("DepartmentYearChangedElsewhere")).toEqual([{ id: "4294967297" }]);
  });

  it("follows a round's dashboard, and no evaluation or year", async () => {
    const reload = vi.fn();
    const m = mockClient({ RoundChangedElsewhere: { data: { roundChanged: { __typename: "Round", id: "30064771073" } } } });
    renderWith(m.client, <Page kind="round" id="30064771073" reload={reload} />);
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(m.variablesOf("RoundChangedElsewhere")).toEqual([{ id: "30064771073" }]);
    expect(m.variablesOf("EvaluationChangedElsewhere")).toEqual([]);
    expect(m.variablesOf("DepartmentYearChangedElsewhere")).toEqual([]);
  });
});
