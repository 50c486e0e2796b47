package io.portlock.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What an order does to a run of numbers: set them to a config group's passcode (known by its
 * fingerprint), or clear their passcode ({@code systemDefault}). Plans, the journal and the applier
 * carry this instead of a group and a fingerprint that are both null for a clear.
 */
public sealed interface Target {

  /** Set the numbers to the passcode of {@code group}, whose fingerprint is {@code fingerprint}. */
  record Set(String group, Fingerprint fingerprint) implements Target {
    public Set {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public String action() {
      return "set";
    }

    @Override
    public Optional<Fingerprint> passcodeKey() {
      return Optional.of(fingerprint);
    }
  }

  /** Clear the numbers' passcode. */
  record Clear() implements Target {
    @Override
    public String action() {
      return "clear";
    }

    @Override
    public Optional<Fingerprint> passcodeKey() {
      return Optional.empty();
    }
  }

  static Target set(String group, Fingerprint fingerprint) {
    return new Set(group, fingerprint);
  }

  static Target clear() {
    return new Clear();
  }

  /** {@code set} or {@code clear}, as plan files and messages name it. */
  String action();

  /**
   * The passcode the order sends, by fingerprint; empty for a clear. The numbers of one order with
   * the same key travel in one {@code TnOptionGroup}, whichever config groups they are in.
   */
  Optional<Fingerprint> passcodeKey();

  default boolean isClear() {
    return this instanceof Clear;
  }
}
