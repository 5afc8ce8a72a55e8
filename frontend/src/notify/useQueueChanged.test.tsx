import { describe, expect, it, vi } from "vitest";
import { waitFor } from "@testing-library/react";
import { mockClient } from "../test/urql";
import { renderWith } from "../test/render";
import { useQueueChanged } from "./useQueueChanged";

function Home({ reload, pause }: { reload: () => void; pause?: boolean }) {
  useQueueChanged(reload, pause);
  return null;
}

describe("useQueueChanged", () => {
  it("reads the queue again when the server says it may have moved", async () => {
    const reload = vi.fn();
    const m = mockClient({ QueueChangedElsewhere: { data: { myQueueChanged: { __typename: "Queue", toReviewCount: 2 } } } });
    renderWith(m.client, <Home reload={reload} />);
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(m.calls.find((c) => c.name === "QueueChangedElsewhere")?.kind).toBe("subscription");
  });

  it("subscribes to nothing while paused (nobody signed in)", () => {
    const reload = vi.fn();
    const m = mockClient({});
    renderWith(m.client, <Home reload={reload} pause />);
    expect(m.calls.filter((c) => c.kind === "subscription")).toEqual([]);
    expect(reload).not.toHaveBeenCalled();
  });
});
