package io.portlock.bandwidth;

/** A tnoptions order's {@code ProcessingStatus}. */
public enum ProcessingStatus {
  RECEIVED,
  PROCESSING,
  COMPLETE,
  PARTIAL,
  FAILED;

  /** COMPLETE, PARTIAL and FAILED: the order will not change any more. */
  public boolean isTerminal() {
    return this == COMPLETE || this == PARTIAL || this == FAILED;
  }
}
