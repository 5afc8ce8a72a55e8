import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";
import { createClient as createWSClient, type Client as WSClient } from "graphql-ws";

let csrfToken = "";

/** Remembers the CSRF token every POST of a signed-in browser must send. */
export function setCSRFToken(token: string | null | undefined) {
  const next = token ?? "";
  if (next === csrfToken) return;
  csrfToken = next;
  // The subscriptions' websocket was opened as whoever was signed in: open it again as the new one.
  ws?.terminate();
}

/** The header a signed-in browser's POST must carry: for requests made outside urql (exports). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "X-CSRF-Token": csrfToken } : {};
}

/** The subscriptions' websocket URL: /query on this page's host (wss behind HTTPS). */
export function websocketURL(loc: Pick<Location, "protocol" | "host"> = window.location): string {
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/query`;
}

let ws: WSClient | undefined;

/**
 * The graphql-ws client (protocol graphql-transport-ws), opened on the first subscription and
 * closed a while after the last ends. The session cookie goes with the upgrade; the CSRF token
 * goes in connection_init, as the server asks of a signed-in browser. A dropped connection is
 * opened again (a server restarting, the network); each page refetches what it shows when told.
 */
function websocket(): WSClient {
  ws ??= createWSClient({
    url: () => websocketURL(),
    connectionParams: () => (csrfToken ? { csrfToken } : {}),
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  return ws;
}

export const client = new Client({
  url: "/query",
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: websocket().subscribe({ ...request, query: request.query ?? "" }, sink) }),
      }),
    }),
  ],
  preferGetMethod: false,
  requestPolicy: "cache-and-network",
  fetchOptions: (): RequestInit => ({
    credentials: "same-origin",
    headers: csrfToken ? { "X-CSRF-Token": csrfToken } : undefined,
  }),
});
