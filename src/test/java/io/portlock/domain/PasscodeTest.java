package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasscodeTest {

  @Test
  void toStringNeverShowsTheSecret() {
    Passcode passcode = Passcode.of("Zq81mK");
    assertThat(passcode.toString()).doesNotContain("Zq81mK").isEqualTo("Passcode(sensitive)");
    assertThat(passcode.reveal()).isEqualTo("Zq81mK");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|the passcode has 3 characters; expected 4 to 10 ASCII letters or digits",
        "abcdefghijk|the passcode has 11 characters; expected 4 to 10 ASCII letters or digits",
        "ab-cd|the passcode has a character that is not an ASCII letter or digit at position 3; expected 4 to 10 ASCII letters or digits",
        "UNCHANGED|the passcode is Bandwidth's keyword 'unchanged', which would leave the number unprotected; choose another passcode"
      })
  void invalidPasscodesAreRefusedWithoutQuotingThem(String value, String message) {
    assertThatThrownBy(() -> Passcode.of(value)).hasMessage(message);
  }
}
