package io.portlock.bandwidth;

import io.portlock.domain.Passcode;

/** What a {@code TnOptionGroup} does to {@code PortOutPasscode}. */
public sealed interface PasscodeChange {

  /** Sets the passcode. */
  record Set(Passcode passcode) implements PasscodeChange {}

  /** Clears it: {@code <PortOutPasscode>systemDefault</PortOutPasscode>}. */
  record Clear() implements PasscodeChange {}
}
