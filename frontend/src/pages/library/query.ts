import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import type { LibraryEntryFragment } from "../../gql/graphql";
import { operatorSymbol } from "../indicators/types";

graphql(`
  fragment LibraryEntry on LibraryIndicator {
    id
    version
    scope
    status
    reviewComment
    level1
    level2
    name
    kind
    operator
    unit
    scoringCriteria
    binding
    targetMin
    targetMax
    weight
    tags
    usageCount
    department { id name }
    viewerCan { edit propose review }
  }
`);

export type LibraryEntry = LibraryEntryFragment;

/** Entries in library order: common first, then by levels and name. Page of 500: the library is small. */
export const LibraryListDocument = graphql(`
  query LibraryList($where: LibraryIndicatorWhereInput) {
    libraryIndicators(first: 500, where: $where, orderBy: [{ field: SCOPE }, { field: LEVEL1 }, { field: LEVEL2 }, { field: NAME }]) {
      totalCount
      edges { node { ...LibraryEntry } }
    }
  }
`);

export const LibraryTagsDocument = graphql(`
  query LibraryTags {
    libraryTags
  }
`);

/** What an entry's details show: where it is used and its review history. */
export const LibraryDetailDocument = graphql(`
  query LibraryDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on LibraryIndicator {
        id
        usageCount
        usedIn { id year department { id name } }
        transitions { from to comment actorName at }
      }
    }
  }
`);

export const AddFromLibraryDocument = graphql(`
  mutation AddFromLibrary($year: ID!, $project: ID, $ids: [ID!]!) {
    addIndicatorsFromLibrary(departmentYearID: $year, projectID: $project, libraryIDs: $ids) { id name }
  }
`);

export const ProposeIndicatorDocument = graphql(`
  mutation ProposeIndicator($id: ID!, $tags: [String!]) {
    proposeIndicatorToLibrary(indicatorID: $id, tags: $tags) { ...LibraryEntry }
  }
`);

export const CreateLibraryDocument = graphql(`
  mutation CreateLibrary($input: CreateLibraryIndicatorInput!, $propose: Boolean) {
    createLibraryIndicator(input: $input, propose: $propose) { ...LibraryEntry }
  }
`);

export const UpdateLibraryDocument = graphql(`
  mutation UpdateLibrary($id: ID!, $input: UpdateLibraryIndicatorInput!, $version: Int) {
    updateLibraryIndicator(id: $id, input: $input, version: $version) { ...LibraryEntry }
  }
`);

export const ProposeLibraryDocument = graphql(`
  mutation ProposeLibrary($id: ID!) {
    proposeLibraryIndicator(id: $id) { ...LibraryEntry }
  }
`);

export const ApproveLibraryDocument = graphql(`
  mutation ApproveLibrary($id: ID!, $comment: String) {
    approveLibraryIndicator(id: $id, comment: $comment) { ...LibraryEntry }
  }
`);

export const ReturnLibraryDocument = graphql(`
  mutation ReturnLibrary($id: ID!, $comment: String!) {
    returnLibraryIndicator(id: $id, comment: $comment) { ...LibraryEntry }
  }
`);

export const DeleteLibraryDocument = graphql(`
  mutation DeleteLibrary($id: ID!) {
    deleteLibraryIndicator(id: $id)
  }
`);

/** The typical target as the forms write a target: "≥ 85–95", "≤ 100"; a dash for a qualitative entry. */
export function targetText(t: TFunction, e: Pick<LibraryEntry, "operator" | "targetMin" | "targetMax">): string {
  const op = operatorSymbol(e.operator);
  const lo = e.targetMin ? trim(e.targetMin) : undefined;
  const hi = e.targetMax ? trim(e.targetMax) : undefined;
  if (lo && hi && lo !== hi) return t("library.range", { op, lo, hi });
  if (lo ?? hi) return t("library.rangeOne", { op, value: lo ?? hi });
  return t("library.none");
}

/** A decimal as people write it: "85.00" → "85", "99.50" → "99.5". */
export function trim(d: string): string {
  return d.includes(".") ? d.replace(/0+$/, "").replace(/\.$/, "") : d;
}

/** The where input of the library's filters: words to search and tags every entry must carry. */
export function libraryWhere(search: string, tags: string[], extra: Record<string, unknown> = {}) {
  const where: Record<string, unknown> = { ...extra };
  if (search.trim()) where.search = search.trim();
  if (tags.length) where.tagsAll = tags;
  return where;
}
