import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { message } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";

const EvaluationChanged = graphql(`
  subscription EvaluationChangedElsewhere($id: ID!) {
    evaluationChanged(id: $id) { id }
  }
`);

const DepartmentYearChanged = graphql(`
  subscription DepartmentYearChangedElsewhere($id: ID!) {
    departmentYearChanged(id: $id) { id }
  }
`);

const RoundChanged = graphql(`
  subscription RoundChangedElsewhere($id: ID!) {
    roundChanged(id: $id) { id }
  }
`);

/** What a page follows: an evaluation, a department-year, or a round (its dashboard). */
export type Followed = "evaluation" | "year" | "round";

/**
 * Calls reload each time someone else changes what an open page shows: the evaluation (it, or
 * any row of its year), or the department-year (any row of it). The server leaves out the
 * viewer's own changes and everything the viewer may not read; the page reads its data again
 * itself. A short note says why the page changed under the user's eyes. A round is changed by
 * its departments' submissions (roundChanged). When the server's connection to the other servers'
 * changes broke and came back, every subscription is sent its object again (a resync): the page
 * reads again as for a change, since it may have missed some.
 */
export function useChangedElsewhere(kind: Followed, id: string | undefined, reload: () => void) {
  const { t } = useTranslation();
  const count = (n: number | undefined) => (n ?? 0) + 1;
  const [evaluation] = useSubscription({ query: EvaluationChanged, variables: { id: id ?? "" }, pause: kind !== "evaluation" || !id }, count);
  const [year] = useSubscription({ query: DepartmentYearChanged, variables: { id: id ?? "" }, pause: kind !== "year" || !id }, count);
  const [round] = useSubscription({ query: RoundChanged, variables: { id: id ?? "" }, pause: kind !== "round" || !id }, count);
  const changes = (kind === "evaluation" ? evaluation.data : kind === "year" ? year.data : round.data) ?? 0;
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  }, [reload]);
  useEffect(() => {
    if (changes === 0) return;
    latest.current();
    void message.info(t("notify.changedElsewhere"));
  }, [changes, t]);
}
