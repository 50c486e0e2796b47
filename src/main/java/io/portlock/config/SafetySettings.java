package io.portlock.config;

/**
 * The {@code safety:} section: how large a change {@code apply} accepts without {@code --force}.
 *
 * @param maxChangePercent largest share of managed numbers one apply may change (default 30),
 *     checked only when more than {@link #MIN_MANAGED_FOR_PERCENT} numbers are managed
 * @param maxChanges largest absolute number of changed numbers, or null for no limit
 * @param passcodePolicy whether a weak passcode is a warning or an error
 * @param unmanaged what a plan does about eligible numbers of the account that no group covers
 * @param ineligible what a plan does about numbers of the config that cannot hold a passcode
 */
public record SafetySettings(
    int maxChangePercent,
    Long maxChanges,
    PasscodePolicy passcodePolicy,
    Unmanaged unmanaged,
    Ineligible ineligible) {

  /** {@code safety.unmanaged}: eligible numbers of the account that no group covers. */
  public enum Unmanaged {
    /** The plan shows a notice (the default). */
    WARN,
    /** The plan is refused until they are covered. */
    FAIL,
    /** Nothing is said (and the inventory is not read for them). */
    IGNORE
  }

  /**
   * {@code safety.ineligible}: numbers a group lists that Bandwidth cannot protect (the account
   * lists them off-net). No order is sent for them either way: an order would fail with 5196 on
   * every apply.
   */
  public enum Ineligible {
    /** The plan shows a notice naming them and where the config lists them (the default). */
    WARN,
    /** The plan is refused until they are removed from the config. */
    FAIL
  }

  public SafetySettings {
    java.util.Objects.requireNonNull(unmanaged, "unmanaged");
    java.util.Objects.requireNonNull(ineligible, "ineligible");
  }

  public SafetySettings(
      int maxChangePercent, Long maxChanges, PasscodePolicy passcodePolicy, Unmanaged unmanaged) {
    this(maxChangePercent, maxChanges, passcodePolicy, unmanaged, Ineligible.WARN);
  }

  public SafetySettings(int maxChangePercent, Long maxChanges, PasscodePolicy passcodePolicy) {
    this(maxChangePercent, maxChanges, passcodePolicy, Unmanaged.WARN);
  }

  public static final int DEFAULT_MAX_CHANGE_PERCENT = 30;
  public static final int MIN_MANAGED_FOR_PERCENT = 10;

  public SafetySettings(int maxChangePercent, Long maxChanges) {
    this(maxChangePercent, maxChanges, PasscodePolicy.WARN);
  }

  public static SafetySettings defaults() {
    return new SafetySettings(DEFAULT_MAX_CHANGE_PERCENT, null);
  }
}
