package io.portlock.apply;

import io.portlock.domain.Plural;
import io.portlock.state.State;
import java.util.List;

/**
 * What an apply did.
 *
 * @param ordersSent orders created at Bandwidth by this run (resumed ones not counted)
 * @param ordersResumed journaled orders of an interrupted run that were found and followed
 * @param unfinished orders still running when their --order-timeout or the grace period after an
 *     interrupt ran out (kept in the journal)
 * @param ordersNotSent planned orders not sent because the apply was interrupted first
 */
public record ApplyResult(
    State state, long added, long changed, long removed, List<NumberFailure> failures,
    int ordersSent, int ordersResumed, int unfinished, long droppedLeftAccount,
    int ordersNotSent) {

  public ApplyResult {
    failures = List.copyOf(failures);
  }

  /** {@code Apply complete: 3 added, 1 changed, 0 removed; 2 failed; 2 orders.} */
  public String summaryLine() {
    String outcome = ordersNotSent > 0 ? "Apply interrupted: "
        : failures.isEmpty() && unfinished == 0 ? "Apply complete: "
        : "Apply finished with failures: ";
    return outcome + added + " added, " + changed + " changed, " + removed + " removed; "
        + failures.size() + " failed; " + Plural.of(ordersSent, "order") + "."
        + (ordersResumed > 0 ? " Resumed " + Plural.of(ordersResumed, "interrupted order") + "."
            : "")
        + (unfinished > 0 ? " " + Plural.of(unfinished, "order") + " still running at Bandwidth:"
            + " run apply again to follow " + (unfinished == 1 ? "it." : "them.") : "");
  }
}
