import { Client, cacheExchange, fetchExchange } from "urql";

let csrfToken = "";

/** Remembers the CSRF token every POST of a signed-in browser must send. */
export function setCSRFToken(token: string | null | undefined) {
  csrfToken = token ?? "";
}

/** The header a signed-in browser's POST must carry: for requests made outside urql (exports). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "X-CSRF-Token": csrfToken } : {};
}

export const client = new Client({
  url: "/query",
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
  requestPolicy: "cache-and-network",
  fetchOptions: (): RequestInit => ({
    credentials: "same-origin",
    headers: csrfToken ? { "X-CSRF-Token": csrfToken } : undefined,
  }),
});
