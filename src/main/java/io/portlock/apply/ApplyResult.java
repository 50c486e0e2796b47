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
 * @param outcomeUnknown orders whose create answer was lost and that Bandwidth's lookup did not
 *     show within the lookup wait (kept in the journal, never sent again by this run)
 */
public record ApplyResult(
    State state,
    long added,
    long changed,
    long removed,
    List<NumberFailure> failures,
    int ordersSent,
    int ordersResumed,
    int unfinished,
    long droppedLeftAccount,
    int ordersNotSent,
    int outcomeUnknown) {

  public ApplyResult {
    failures = List.copyOf(failures);
  }

  /** True when every order ended and every number was set: nothing is left to do. */
  public boolean complete() {
    return failures.isEmpty() && unfinished == 0 && outcomeUnknown == 0;
  }

  /** {@code Apply complete: 3 added, 1 changed, 0 removed; 2 failed; 2 orders.} */
  public String summaryLine() {
    String outcome =
        ordersNotSent > 0
            ? "Apply interrupted: "
            : complete() ? "Apply complete: " : "Apply finished with failures: ";
    return outcome
        + added
        + " added, "
        + changed
        + " changed, "
        + removed
        + " removed; "
        + failures.size()
        + " failed; "
        + Plural.of(ordersSent, "order")
        + "."
        + (ordersResumed > 0
            ? " Resumed " + Plural.of(ordersResumed, "interrupted order") + "."
            : "")
        + (unfinished > 0
            ? " "
                + Plural.of(unfinished, "order")
                + " still running at Bandwidth:"
                + " run apply again to follow "
                + (unfinished == 1 ? "it." : "them.")
            : "")
        + (outcomeUnknown > 0
            ? " "
                + outcomeUnknown
                + (outcomeUnknown == 1
                    ? " order's outcome is unknown: its answer was lost and Bandwidth's lookup does not"
                        + " show it yet; it stays in the journal and is not sent again: the next"
                        + " 'portlock apply' resolves it."
                    : " orders' outcomes are unknown: their answers were lost and Bandwidth's lookup does"
                        + " not show them yet; they stay in the journal and are not sent again: the next"
                        + " 'portlock apply' resolves them.")
            : "");
  }
}
