import { Client, cacheExchange, fetchExchange } from "urql";

let csrfToken = "";

/** Remembers the CSRF token every POST of a signed-in browser must send. */
export function setCSRFToken(token: string | null | undefined) {
  csrfToken = token ?? "";
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
