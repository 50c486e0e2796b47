package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import java.util.Objects;

/** The numbers of one config group inside one order, and what the order does to them. */
public record PlannedGroup(Target target, NumberSet numbers) {

  public PlannedGroup {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(numbers, "numbers");
  }

  /** Numbers set to the passcode of {@code group}. */
  public PlannedGroup(String group, Fingerprint fingerprint, NumberSet numbers) {
    this(Target.set(group, fingerprint), numbers);
  }

  /** Numbers whose passcode is cleared. */
  public static PlannedGroup clear(NumberSet numbers) {
    return new PlannedGroup(Target.clear(), numbers);
  }

  public boolean isRemoval() {
    return target.isClear();
  }

  public String action() {
    return target.action();
  }

  /** The same target for a part of the numbers. */
  public PlannedGroup withNumbers(NumberSet part) {
    return new PlannedGroup(target, part);
  }
}
