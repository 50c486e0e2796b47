package io.portlock.plan;

import io.portlock.domain.NumberSet;

/** One kind of change to a set of numbers, grouped by what happens to them. */
public sealed interface Change {

  NumberSet numbers();

  /** The group the numbers end up in; null for a removal. */
  String group();

  /** False for changes that only the state records: no order is sent and no guard counts them. */
  default boolean sendsOrder() {
    return true;
  }

  /** Numbers not in the state: their passcode is set for the first time by portlock. */
  record Add(String group, NumberSet numbers) implements Change {}

  /**
   * Numbers whose passcode must be set again: in the state with another passcode or group, or not
   * in the state but holding another passcode at Bandwidth ({@link Reason#SET_OUTSIDE}).
   *
   * @param fromGroup the group the state records for them; null when the state has none
   */
  record Modify(String group, String fromGroup, Reason reason, NumberSet numbers)
      implements Change {}

  /**
   * Numbers the state records under another group whose passcode is the same (a renamed group, or
   * numbers moved between groups with equal passcodes): like Terraform's {@code moved}, only the
   * state changes.
   */
  record Move(String group, String fromGroup, NumberSet numbers) implements Change {
    @Override
    public boolean sendsOrder() {
      return false;
    }
  }

  /**
   * Numbers that Bandwidth already holds with the desired passcode, as a refresh read back: the
   * state records them without an order (adopting an account that is already protected).
   *
   * @param fromGroup the group the state records for them with another passcode; null when the
   *     state has none
   */
  record Adopt(String group, String fromGroup, NumberSet numbers) implements Change {
    @Override
    public boolean sendsOrder() {
      return false;
    }
  }

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
    DRIFT_REMOVED("passcode removed outside portlock"),
    /** Not in the state, and Bandwidth holds another passcode for it than the desired one. */
    SET_OUTSIDE("set outside portlock");

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
