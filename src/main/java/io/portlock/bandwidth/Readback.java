package io.portlock.bandwidth;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.domain.TelephoneNumber;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects {@code tnPortoutPasscodes} answers (chunks or pages) into one {@link PasscodeReadback}.
 * Messages name numbers and problems, never a passcode.
 */
final class Readback {
  static final int NO_PASSCODE = 15619;
  static final int NOT_ON_ACCOUNT = 15610;

  private final Map<Long, Passcode> passcodes = new HashMap<>();
  private final NumberSet.Builder withoutPasscode = new NumberSet.Builder();
  private final NumberSet.Builder notOnAccount = new NumberSet.Builder();

  /**
   * Adds one answer. Numbers of other error codes, and numbers the answer does not mention, are
   * left out: the caller sees them in neither set.
   */
  Readback add(TelephoneNumbersResponseTemplate answer) {
    for (TelephoneNumbersResponseTemplate.Entry entry : answer.numbers) {
      if (isBlank(entry.fullNumber) && isBlank(entry.passcode)) {
        // Jackson reads an empty <TelephoneNumbers/> (Bandwidth's answer for a chunk in which no
        // number holds a passcode) as one entry with nothing in it: there is no number here.
        continue;
      }
      long number = number(entry.fullNumber);
      String value = entry.passcode == null ? "" : entry.passcode.trim();
      if (value.isEmpty() || value.equalsIgnoreCase(TnOptionOrderRequestTemplate.SYSTEM_DEFAULT)) {
        withoutPasscode.add(number);
        continue;
      }
      String problem = Passcode.problemWith(value);
      if (problem != null) {
        throw new MalformedAnswerException(
            "Bandwidth reports a passcode for "
                + number
                + " that portlock cannot hold: "
                + problem);
      }
      passcodes.put(number, Passcode.of(value));
    }
    for (ErrorTemplate error : answer.errors) {
      Integer code = Orders.codeOrNull(error.code);
      NumberSet.Builder target =
          code == null
              ? null
              : code == NO_PASSCODE
                  ? withoutPasscode
                  : code == NOT_ON_ACCOUNT ? notOnAccount : null;
      if (target != null) {
        error.allNumbers().forEach(n -> target.add(number(n)));
      }
    }
    return this;
  }

  Readback merge(Readback other) {
    passcodes.putAll(other.passcodes);
    withoutPasscode.addAll(other.withoutPasscode.build());
    notOnAccount.addAll(other.notOnAccount.build());
    return this;
  }

  PasscodeReadback build() {
    return new PasscodeReadback(
        Map.copyOf(passcodes), withoutPasscode.build(), notOnAccount.build());
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static long number(String text) {
    Long number = Orders.number(text);
    if (number == null || TelephoneNumber.problemWith(number) != null) {
      throw new MalformedAnswerException(
          "the answer names a telephone number '"
              + Excerpts.clean(text == null ? "" : text, 20)
              + "', expected 10 digits");
    }
    return number;
  }
}
