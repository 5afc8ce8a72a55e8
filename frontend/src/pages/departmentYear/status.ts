/** The colour of an evaluation's status tag: grey draft, blue submitted, orange returned, green approved and published. */
export function statusColor(status: string): string | undefined {
  switch (status) {
    case "SUBMITTED":
      return "processing";
    case "RETURNED":
      return "warning";
    case "APPROVED":
      return "success";
    case "PUBLISHED":
      return "green";
    default:
      return undefined;
  }
}
