package io.portlock.config;

/** {@code safety.passcode_policy}: what validate and every command do with a weak passcode. */
public enum PasscodePolicy {
  /** A weak passcode is a warning (the default). */
  WARN,
  /** A weak passcode is an error: nothing runs until it is replaced. */
  STRICT
}
