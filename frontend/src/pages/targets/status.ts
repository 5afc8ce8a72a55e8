// Where a year's targets stand, as the screens show it; no GraphQL here, so any page may import it.

/** The statuses in which the year's targets are fixed: the indicator editor keeps their target-defining cells read-only. */
export const FIXED_STATUSES: readonly string[] = ["FILED", "APPROVED", "ADJUSTING"];

/** The colour of a targets status tag. */
export function targetStatusColor(status: string): string | undefined {
  switch (status) {
    case "FILED":
    case "ADJUSTING":
      return "processing";
    case "RETURNED":
      return "warning";
    case "APPROVED":
      return "success";
    default:
      return undefined;
  }
}

/** The colour of one version's status. */
export function versionStatusColor(status: string): string {
  return status === "APPROVED" ? "green" : status === "RETURNED" ? "red" : "blue";
}
