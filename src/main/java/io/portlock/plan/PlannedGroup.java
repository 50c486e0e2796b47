package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;

/**
 * The numbers of one config group inside one order, with the passcode to set (its fingerprint),
 * or a removal ({@code group} and {@code fingerprint} null: {@code systemDefault}).
 */
public record PlannedGroup(String group, Fingerprint fingerprint, NumberSet numbers) {

  public boolean isRemoval() {
    return fingerprint == null;
  }

  public String action() {
    return isRemoval() ? "clear" : "set";
  }
}
