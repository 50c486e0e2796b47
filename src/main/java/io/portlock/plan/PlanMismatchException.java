package io.portlock.plan;

/**
 * A saved plan that is not what planning makes: its orders do not follow from its changes, or its
 * changes not from its config, state and recorded read-back. The file was edited or damaged.
 */
public final class PlanMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PlanMismatchException(String message) {
    super(message);
  }
}
