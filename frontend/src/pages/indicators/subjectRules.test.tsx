import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { renderHook, waitFor } from "@testing-library/react";
import { Provider } from "urql";
import { mockClient } from "../../test/urql";
import { serverLimits } from "./rules.fixture";
import { useRules, type ServedBand } from "./rules";
import type { IndicatorRow } from "./types";
import { validateCell } from "./validate";

const qualitative: IndicatorRow = {
  id: "2", version: 1, position: 1, level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性",
  kind: "QUALITATIVE", operator: null, target: null, unit: "", weight: "5.00", actual: null, binding: null,
  rating: "ACHIEVED", ratedScore: "4.73", deviationReason: "", scoringCriteria: "", effectiveActual: null,
  completionRate: null, score: "4.73", attainment: "0.9460", deviationRequired: false, warnings: [],
  attachmentCount: 0, reviewScore: null,
};

// A rule set whose 达成 starts at 90 % of the weight (partialFrom 70): as Project.rules serves it.
const strict: ServedBand[] = [
  { rating: "ACHIEVED", low: "0.90", high: "1.00", highInclusive: true },
  { rating: "PARTIAL", low: "0.70", high: "0.90", highInclusive: false },
  { rating: "NOT_ACHIEVED", low: "0.00", high: "0.70", highInclusive: false },
];

function rulesWith(bands?: ServedBand[]) {
  const { client } = mockClient({ IndicatorRules: { data: { limits: serverLimits } } });
  const wrapper = ({ children }: { children: ReactNode }) => <Provider value={client}>{children}</Provider>;
  return renderHook(() => useRules(bands), { wrapper });
}

describe("useRules", () => {
  it("checks a rated score against the bands of the rules that score the subject, not the built-in ones", async () => {
    const builtIn = rulesWith();
    await waitFor(() => expect(builtIn.result.current).toBeDefined());
    expect(validateCell(qualitative, "ratedScore", "4.4", builtIn.result.current)).toBeUndefined();

    const subject = rulesWith(strict);
    await waitFor(() => expect(subject.result.current).toBeDefined());
    expect(validateCell(qualitative, "ratedScore", "4.4", subject.result.current)).toMatchObject({
      key: "outsideBand",
      values: { band: "4.50–5.00" },
    });
    expect(validateCell(qualitative, "ratedScore", "4.5", subject.result.current)).toBeUndefined();
  });
});
