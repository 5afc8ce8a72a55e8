import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";

const QueueChanged = graphql(`
  subscription QueueChangedElsewhere {
    myQueueChanged { toReviewCount }
  }
`);

/**
 * Calls reload each time the signed-in user's work queue (myQueue) may have moved: a department
 * submitted, a reviewer returned something, a round opened or closed (myQueueChanged; the server
 * leaves out the user's own changes and what the user may not read, and sends it again after a
 * resync). For the home page: it reads its queue again itself, quietly.
 */
export function useQueueChanged(reload: () => void, pause = false) {
  const [queue] = useSubscription({ query: QueueChanged, pause }, (n: number | undefined) => (n ?? 0) + 1);
  const changes = queue.data ?? 0;
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  }, [reload]);
  useEffect(() => {
    if (changes > 0) latest.current();
  }, [changes]);
}
