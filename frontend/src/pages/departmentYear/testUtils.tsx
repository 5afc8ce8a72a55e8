// Helpers for this screen's component tests: a urql client whose mutations are a spy,
// and the browser APIs jsdom lacks that Ant Design asks for.
import type { ReactNode } from "react";
import { cleanup, render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import type { DocumentNode } from "graphql";
import { CombinedError, Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, vi } from "vitest";
import "../../i18n";

// Vitest runs without globals here, so Testing Library does not unmount by itself.
afterEach(cleanup);

/** A server answer to a mutation: data, or GraphQL errors with their extensions. */
export type Answer = { data: unknown } | { errors: { message: string; extensions: Record<string, unknown> }[] };

/** The name of a document's operation. */
function operationName(doc: DocumentNode): string | undefined {
  for (const d of doc.definitions) if (d.kind === "OperationDefinition") return d.name?.value;
  return undefined;
}

/**
 * A client whose mutations answer with answer(variables), and whose queries answer with
 * queries[operation name] (or never, when it names none).
 */
export function mockClient(answer: (variables: Record<string, unknown>) => Answer, queries: Record<string, unknown> = {}) {
  const result = (a: Answer) =>
    "data" in a
      ? { data: a.data, stale: false, hasNext: false }
      : { data: undefined, error: new CombinedError({ graphQLErrors: a.errors }), stale: false, hasNext: false };
  const executeMutation = vi.fn((request: { variables: Record<string, unknown> }) => fromValue(result(answer(request.variables))));
  const executeQuery = vi.fn((request: { query: DocumentNode; variables: Record<string, unknown> }) => {
    const name = operationName(request.query);
    if (!name || !(name in queries)) return never;
    return fromValue({ ...result({ data: queries[name] }), operation: { ...request, kind: "query", context: {} } });
  });
  const client = { executeQuery, executeMutation, executeSubscription: () => never } as unknown as Client;
  return { client, executeMutation, executeQuery };
}

/** Renders ui inside the mocked client and a router at route (matched by path, when given). */
export function renderWith(client: Client, ui: ReactNode, at?: { route: string; path: string }) {
  return render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[at?.route ?? "/"]}>
        {at ? (
          <Routes>
            <Route path={at.path} element={ui} />
          </Routes>
        ) : (
          ui
        )}
      </MemoryRouter>
    </Provider>,
  );
}
