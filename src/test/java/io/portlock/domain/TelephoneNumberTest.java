package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelephoneNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2018551020",
        "+1 (201) 855-1020",
        "1-201-855-1020",
        "201.855.1020",
        "+12018551020",
        "12018551020",
        "(201) 855 1020",
        " 201-855-1020 "
      })
  void everyUsualNotationNormalisesToTenDigits(String text) {
    assertThat(TelephoneNumber.parse(text).value()).isEqualTo(2018551020L);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "201855102|'201855102' is not a telephone number: expected 10 digits (or 11 starting with 1) but found 9; write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "22018551020|'22018551020' is not a telephone number: 11 digits must start with the country code 1; write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "+44 20 7946 0958|'+44 20 7946 0958' is not a telephone number: too many digits (expected 10, or 11 starting with 1); write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "201-855-10x0|'201-855-10x0' is not a telephone number: unexpected character 'x'; write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "1018551020|1018551020 is not a NANP number: the area code must start with 2-9",
        "2011551020|2011551020 is not a NANP number: the exchange (digits 4-6) must start with 2-9",
        "8005551020|8005551020 is a toll-free number: Bandwidth refuses port-out passcodes on toll-free numbers (error 5126)",
        "+1 888 555 1020|8885551020 is a toll-free number: Bandwidth refuses port-out passcodes on toll-free numbers (error 5126)",
        "+2018551020|'+2018551020' is not a telephone number: a number written with '+' must start with the country code +1; write it as 10 digits such as 2018551020 or +1 (201) 855-1020"
      })
  void badNumbersAreRefusedWithAMessageSayingWhy(String text, String message) {
    assertThatThrownBy(() -> TelephoneNumber.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({
    "2018551030..2018551039,10",
    "2018551030..2018551030,1",
    "+1 201 855 1030 .. 201-855-1031,2"
  })
  void rangesAreInclusive(String text, long size) {
    assertThat(NumberRange.parse(text).size()).isEqualTo(size);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2018551039..2018551030|range 2018551039..2018551030 ends before it starts; write the lower number first",
        "2012000000..2019999999|range 2012000000..2019999999 holds 8000000 numbers but a range may hold at most 1000000; split it",
        "2019999990..2020000005|2020000005 is not a NANP number: the exchange (digits 4-6) must start with 2-9"
      })
  void badRangesAreRefused(String text, String message) {
    assertThatThrownBy(() -> NumberRange.parse(text)).hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void aRangeIsCheckedBlockByBlockNotOnlyAtItsEnds() {
    assertThatThrownBy(() -> new NumberRange(2019999990L, 2020000005L))
        .hasMessage(
            "range 2019999990..2020000005 includes an invalid number: 2020000000 is not a"
                + " NANP number: the exchange (digits 4-6) must start with 2-9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2018551020..", "..2018551020", "2018551020...2018551021"})
  void brokenRangeSyntaxIsRefused(String text) {
    assertThatThrownBy(() -> NumberRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
