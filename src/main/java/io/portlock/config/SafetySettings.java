package io.portlock.config;

/**
 * The {@code safety:} section: how large a change {@code apply} accepts without {@code --force}.
 *
 * @param maxChangePercent largest share of managed numbers one apply may change (default 30),
 *     checked only when more than {@link #MIN_MANAGED_FOR_PERCENT} numbers are managed
 * @param maxChanges largest absolute number of changed numbers, or null for no limit
 * @param passcodePolicy whether a weak passcode is a warning or an error
 */
public record SafetySettings(int maxChangePercent, Long maxChanges, PasscodePolicy passcodePolicy) {
  public static final int DEFAULT_MAX_CHANGE_PERCENT = 30;
  public static final int MIN_MANAGED_FOR_PERCENT = 10;

  public SafetySettings(int maxChangePercent, Long maxChanges) {
    this(maxChangePercent, maxChanges, PasscodePolicy.WARN);
  }

  public static SafetySettings defaults() {
    return new SafetySettings(DEFAULT_MAX_CHANGE_PERCENT, null);
  }
}
