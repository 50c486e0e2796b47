package io.portlock.plan;

import io.portlock.domain.NumberSet;

/** One kind of change to a set of numbers, grouped by what happens to them. */
public sealed interface Change {

  NumberSet numbers();

  /** The group the numbers end up in; null for a removal. */
  String group();

  /** Numbers not in the state: their passcode is set for the first time by portlock. */
  record Add(String group, NumberSet numbers) implements Change {}

  /**
   * Numbers in the state whose passcode must be set again.
   *
   * @param fromGroup the group the state records for them
   */
  record Modify(String group, String fromGroup, Reason reason, NumberSet numbers)
      implements Change {}

  /** Numbers in the state but no longer in the config: their passcode is cleared. */
  record Remove(String fromGroup, NumberSet numbers) implements Change {
    @Override
    public String group() {
      return null;
    }
  }

  /** Why a managed number must be set again. */
  enum Reason {
    /** The group's passcode is not the one last applied. */
    PASSCODE_CHANGED("passcode changed"),
    /** The number moved to another group. */
    MOVED("moved between groups"),
    /** Bandwidth holds another passcode than the state records: changed outside portlock. */
    DRIFT_CHANGED("changed outside portlock"),
    /** Bandwidth holds no passcode for it any more: removed outside portlock. */
    DRIFT_REMOVED("passcode removed outside portlock");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean isDrift() {
      return this == DRIFT_CHANGED || this == DRIFT_REMOVED;
    }
  }
}
