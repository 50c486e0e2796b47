package io.portlock.apply;

import io.portlock.state.State;
import java.util.List;

/**
 * What an apply did.
 *
 * @param ordersSent orders created at Bandwidth by this run (resumed ones not counted)
 * @param ordersResumed journaled orders of an interrupted run that were found and followed
 * @param unfinished orders still running when their --order-timeout ran out (kept in the journal)
 */
public record ApplyResult(
    State state, long added, long changed, long removed, List<NumberFailure> failures,
    int ordersSent, int ordersResumed, int unfinished, long droppedLeftAccount) {

  public ApplyResult {
    failures = List.copyOf(failures);
  }

  /** {@code Apply complete: 3 added, 1 changed, 0 removed; 2 failed; 2 orders.} */
  public String summaryLine() {
    return (failures.isEmpty() && unfinished == 0 ? "Apply complete: " : "Apply finished with failures: ")
        + added + " added, " + changed + " changed, " + removed + " removed; " + failures.size()
        + " failed; " + ordersSent + (ordersSent == 1 ? " order." : " orders.")
        + (ordersResumed > 0 ? " Resumed " + ordersResumed + " interrupted orders." : "")
        + (unfinished > 0 ? " " + unfinished + " orders still running at Bandwidth: run apply"
            + " again to follow them." : "");
  }
}
