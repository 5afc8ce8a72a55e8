// The explorer's requests: POST /query on this origin with the session cookie, and the session's
// CSRF token in X-CSRF-Token, as the app sends them (src/api/client.ts; platform/auth refuses a
// signed-in POST that changes something without it). Subscriptions go over the websocket at
// /query (graphql-ws), with the same token in connection_init.
import { getOperationAST, parse, type ExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { websocketURL } from "../api/client";

export interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/** The token of the session, if any: read from `me` at start and from every `login` or `me` answer. */
export class CSRF {
  token = "";

  /** Remembers the token an answer carries: `login { csrfToken }` or `me { csrfToken }`. A `logout` forgets it. */
  learn(result: unknown) {
    const data = (result as { data?: Record<string, unknown> } | null)?.data;
    if (!data || typeof data !== "object") return;
    for (const field of ["login", "me"]) {
      const token = (data[field] as { csrfToken?: unknown } | null | undefined)?.csrfToken;
      if (typeof token === "string") this.token = token;
    }
    if (data.logout === true) this.token = "";
  }
}

/** Whether params ask for a subscription (which the websocket serves, not a POST). */
export function isSubscription(params: GraphQLParams): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName ?? undefined)?.operation === "subscription";
  } catch {
    return false; // the server says what is wrong with it
  }
}

/** A GraphiQL fetcher against url; doFetch is window.fetch but for tests. */
export function createFetcher(url: string, csrf: CSRF, doFetch: typeof fetch = (...a) => fetch(...a)) {
  let ws: Client | undefined;
  let wsToken = "";
  const subscribe = (params: GraphQLParams): AsyncIterable<ExecutionResult> => {
    if (ws && wsToken !== csrf.token) void ws.dispose(); // signed in or out since: connect as who is now
    if (!ws || wsToken !== csrf.token) {
      wsToken = csrf.token;
      ws = createClient({ url: websocketURL(), connectionParams: () => (csrf.token ? { csrfToken: csrf.token } : {}) });
    }
    const results = ws.iterate({ query: params.query, operationName: params.operationName, variables: params.variables as Record<string, unknown> | undefined });
    return results as AsyncIterable<ExecutionResult>; // the errors as sent (formatted), as GraphiQL shows them
  };
  return (params: GraphQLParams, opts?: { headers?: Record<string, unknown> }): Promise<ExecutionResult> | AsyncIterable<ExecutionResult> =>
    isSubscription(params) ? subscribe(params) : post(params, opts);

  async function post(params: GraphQLParams, opts?: { headers?: Record<string, unknown> }): Promise<ExecutionResult> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
    if (csrf.token) headers["X-CSRF-Token"] = csrf.token;
    // The Headers tab's own wins (e.g. an Authorization: Bearer token).
    for (const [k, v] of Object.entries(opts?.headers ?? {})) headers[k] = String(v);
    const response = await doFetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: JSON.stringify(params),
    });
    const text = await response.text();
    let result: ExecutionResult;
    try {
      result = JSON.parse(text);
    } catch {
      throw new Error(`${url} answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
    }
    csrf.learn(result);
    return result;
  }
}

/** Asks the server for the session's token, so that a browser signed in to the app can change things. */
export async function loadToken(fetcher: ReturnType<typeof createFetcher>) {
  try {
    await (fetcher({ query: "query ExplorerSession { me { csrfToken } }", operationName: "ExplorerSession" }) as Promise<ExecutionResult>);
  } catch {
    // Not signed in or the server is down: the first request the user sends will say so.
  }
}
