import { describe, expect, it, vi } from "vitest";
import { createFetcher, CSRF, isSubscription } from "./fetcher";

describe("the explorer's fetcher", () => {
  it("tells a subscription, which goes to the websocket, from what is POSTed", () => {
    expect(isSubscription({ query: "subscription { changes { id } }" })).toBe(true);
    expect(isSubscription({ query: "query A { me { kind } } subscription B { changes { id } }", operationName: "B" })).toBe(true);
    expect(isSubscription({ query: "query A { me { kind } } subscription B { changes { id } }", operationName: "A" })).toBe(false);
    expect(isSubscription({ query: "{ me { kind } }" })).toBe(false);
    expect(isSubscription({ query: "subscription {" })).toBe(false); // the server says what is wrong
  });

  it("POSTs a query with the session's CSRF token", async () => {
    const csrf = new CSRF();
    csrf.token = "t0ken";
    const doFetch = vi.fn(async () => new Response(JSON.stringify({ data: { me: { csrfToken: "next" } } })));
    const fetcher = createFetcher("/query", csrf, doFetch);
    await fetcher({ query: "{ me { csrfToken } }" });
    expect(doFetch).toHaveBeenCalledTimes(1);
    const [, init] = doFetch.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("t0ken");
    expect(csrf.token).toBe("next");
  });
});
