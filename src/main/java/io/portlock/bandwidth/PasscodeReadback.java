package io.portlock.bandwidth;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.util.Map;

/**
 * Passcodes read back from {@code tnPortoutPasscodes}. Holds secrets: never log or print it.
 *
 * @param passcodes numbers that have a passcode, with it
 * @param withoutPasscode numbers reported with error 15619 (no passcode)
 * @param notOnAccount numbers reported with error 15610 (not on the account)
 */
public record PasscodeReadback(
    Map<Long, Passcode> passcodes, NumberSet withoutPasscode, NumberSet notOnAccount) {

  @Override
  public String toString() {
    return "PasscodeReadback("
        + passcodes.size()
        + " with passcode, "
        + withoutPasscode.size()
        + " without, "
        + notOnAccount.size()
        + " not on account)";
  }
}
