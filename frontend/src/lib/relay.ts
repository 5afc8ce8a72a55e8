/** The nodes of a Relay connection; the schema allows null edges and nodes, which never carry data. */
export function nodes<T>(conn: { edges?: ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  const out: T[] = [];
  for (const e of conn?.edges ?? []) if (e?.node) out.push(e.node);
  return out;
}
