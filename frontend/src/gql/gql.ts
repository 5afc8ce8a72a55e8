/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      kind\n      name\n      role\n      csrfToken\n      user { id username displayName }\n      scope { id code name }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { csrfToken user { id } }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout { logout }\n": typeof types.LogoutDocument,
    "\n  query Departments {\n    departments(first: 1000, orderBy: [{ field: CODE }]) {\n      edges {\n        node {\n          id\n          code\n          name\n          functions\n          parent { id }\n          years(first: 20, orderBy: [{ field: YEAR, direction: DESC }]) {\n            edges { node { id year overallEvaluation { id status } } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DepartmentsDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      kind\n      name\n      role\n      csrfToken\n      user { id username displayName }\n      scope { id code name }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { csrfToken user { id } }\n  }\n": types.LoginDocument,
    "\n  mutation Logout { logout }\n": types.LogoutDocument,
    "\n  query Departments {\n    departments(first: 1000, orderBy: [{ field: CODE }]) {\n      edges {\n        node {\n          id\n          code\n          name\n          functions\n          parent { id }\n          years(first: 20, orderBy: [{ field: YEAR, direction: DESC }]) {\n            edges { node { id year overallEvaluation { id status } } }\n          }\n        }\n      }\n    }\n  }\n": types.DepartmentsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      kind\n      name\n      role\n      csrfToken\n      user { id username displayName }\n      scope { id code name }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      kind\n      name\n      role\n      csrfToken\n      user { id username displayName }\n      scope { id code name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { csrfToken user { id } }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { csrfToken user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout { logout }\n"): (typeof documents)["\n  mutation Logout { logout }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Departments {\n    departments(first: 1000, orderBy: [{ field: CODE }]) {\n      edges {\n        node {\n          id\n          code\n          name\n          functions\n          parent { id }\n          years(first: 20, orderBy: [{ field: YEAR, direction: DESC }]) {\n            edges { node { id year overallEvaluation { id status } } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Departments {\n    departments(first: 1000, orderBy: [{ field: CODE }]) {\n      edges {\n        node {\n          id\n          code\n          name\n          functions\n          parent { id }\n          years(first: 20, orderBy: [{ field: YEAR, direction: DESC }]) {\n            edges { node { id year overallEvaluation { id status } } }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;