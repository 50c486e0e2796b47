package io.portlock.sandbox;

import io.portlock.domain.NumberSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The numbers on the sandbox's account: the configured set (or every number when none was
 * configured), minus the numbers that have since left the account.
 */
final class Inventory {
  private final NumberSet configured;
  private final Set<Long> removed = new HashSet<>();

  Inventory(NumberSet configured) {
    this.configured = configured;
  }

  boolean contains(long number) {
    return (configured == null || configured.contains(number)) && !removed.contains(number);
  }

  void remove(long number) {
    removed.add(number);
  }

  /** The numbers that left the account, for persistence. */
  long[] removed() {
    return removed.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  void restoreRemoved(long[] numbers) {
    for (long n : numbers) {
      removed.add(n);
    }
  }
}
