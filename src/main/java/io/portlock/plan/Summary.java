package io.portlock.plan;

/**
 * The counts of a plan, as Terraform prints them last.
 *
 * @param move numbers the state records under another group with the same passcode (no order)
 * @param adopt numbers Bandwidth already holds as desired, recorded without an order
 */
public record Summary(
    long add,
    long change,
    long remove,
    long unchanged,
    int orders,
    long drift,
    long move,
    long adopt) {

  /** The numbers an order touches: what the safety guards count (moves and adoptions do not). */
  public long changed() {
    return add + change + remove;
  }

  public boolean hasChanges() {
    return changed() > 0;
  }
}
