// One urql client for every component test: it answers each operation by its name from a table,
// records what was asked, and never touches the network.
import type { DocumentNode } from "graphql";
import {
  CombinedError,
  createRequest,
  makeOperation,
  type Client,
  type GraphQLRequest,
  type Operation,
  type OperationContext,
  type OperationResult,
} from "urql";
import { fromValue, never, pipe, take, toPromise, type Source } from "wonka";
import { vi } from "vitest";

/** A GraphQL error as the server sends it: a message and its extensions (code, field, …). */
export interface ServerError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A server answer: data, or GraphQL errors. */
export type Answer = { data: unknown } | { errors: ServerError[] };

/** An answer, or one computed from the operation's variables. */
export type Reply = Answer | ((variables: Record<string, unknown>) => Answer);

/** An operation the client was asked to run. */
export interface Call {
  name: string;
  kind: "query" | "mutation" | "subscription";
  variables: Record<string, unknown>;
}

/** The name of a document's operation. */
export function operationName(doc: GraphQLRequest["query"]): string {
  if (!("definitions" in doc)) return "";
  for (const d of doc.definitions) if (d.kind === "OperationDefinition" && d.name) return d.name.value;
  return "";
}

/** Shorthand for an answer made of GraphQL errors: gqlErrors(["msg", { code: "LOCKED" }], …). */
export const gqlErrors = (...errors: [message: string, extensions?: Record<string, unknown>][]): Answer => ({
  errors: errors.map(([message, extensions]) => ({ message, extensions })),
});

function toResult(operation: Operation, answer: Answer): OperationResult {
  const outcome =
    "data" in answer
      ? { data: answer.data ?? undefined }
      : { data: undefined, error: new CombinedError({ graphQLErrors: answer.errors }) };
  return { operation, ...outcome, stale: false, hasNext: false };
}

/**
 * A client answering each operation with replies[its name], or with otherwise when the table names
 * none of it. An operation answered by neither stays pending (a query shows its loading state).
 *
 *   const { client, executeMutation, variablesOf } = mockClient({
 *     Me: { data: me },                                  // satisfies MeQuery, ideally
 *     EvaluationPageSubmit: gqlErrors(["…", { code: "SUBMIT_CHECK", field: "weight" }]),
 *     EvaluationPageUpdate: (vars) => ({ data: { updateEvaluation: { ...ev, version: 6 } } }),
 *   });
 *   renderWith(client, <Page />, { route: "/evaluations/20", path: "/evaluations/:evaluationId" });
 *   expect(variablesOf("EvaluationPageUpdate")).toEqual([{ id: "20", … }]);
 */
export function mockClient(replies: Record<string, Reply> = {}, otherwise?: Reply) {
  const calls: Call[] = [];
  const run =
    (kind: Call["kind"]) =>
    (request: GraphQLRequest, context?: Partial<OperationContext>): Source<OperationResult> => {
      const operation = makeOperation(kind, request, { url: "/query", requestPolicy: "network-only", ...context } as OperationContext);
      const name = operationName(request.query);
      const variables = (request.variables ?? {}) as Record<string, unknown>;
      calls.push({ name, kind, variables });
      const reply = name in replies ? replies[name] : otherwise;
      if (reply === undefined) return never;
      return fromValue(toResult(operation, typeof reply === "function" ? reply(variables) : reply));
    };
  const executeQuery = vi.fn(run("query"));
  const executeMutation = vi.fn(run("mutation"));
  const executeSubscription = vi.fn(run("subscription"));
  // client.query(…).toPromise() and client.mutation(…).toPromise(), for code that calls them directly.
  const once = (execute: typeof executeQuery) => (query: DocumentNode, variables?: Record<string, unknown>) => ({
    toPromise: () => pipe(execute(createRequest(query, variables ?? {})), take(1), toPromise),
  });
  // A component reaches the client only through urql's hooks and these two methods.
  const client = {
    executeQuery,
    executeMutation,
    executeSubscription,
    query: once(executeQuery),
    mutation: once(executeMutation),
  } as unknown as Client;
  /** The variables of every call of the named operation, oldest first. */
  const variablesOf = (name: string) => calls.filter((c) => c.name === name).map((c) => c.variables);
  return { client, calls, variablesOf, executeQuery, executeMutation };
}
