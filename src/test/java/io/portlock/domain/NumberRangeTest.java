package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberRangeTest {
  private static NumberRange written(String text) {
    // Inside a larger buffer, as a JSON parser hands its text over.
    char[] buffer = ("[\"" + text + "\"]").toCharArray();
    return NumberRange.parseWritten(buffer, 2, text.length());
  }

  @Test
  void theWrittenFormReadsAsParseReadsIt() {
    for (String text :
        List.of("2018551030", "2018551030..2018551039", "9999999999", "2012000000..2012999999")) {
      assertThat(written(text)).as(text).isEqualTo(NumberRange.parse(text));
    }
  }

  @Test
  void anyOtherFormIsLeftToParse() {
    for (String text :
        List.of(
            "+12018551030",
            "12018551030",
            "201-855-1030",
            "2018551030 ",
            "0018551030",
            "1018551030",
            "2018551030...2018551039",
            "2018551030..+12018551039",
            "2018551O30",
            "2018551030-.2018551039")) {
      assertThat(written(text)).as(text).isNull();
    }
  }

  @Test
  void anInvalidWrittenNumberIsLeftToParseAndAnInvalidRangeIsRefusedAsParseRefusesIt() {
    for (String text :
        List.of("8005551234", "2011551030", "2011551030..2011551031", "2018551030..8005551234")) {
      assertThat(written(text)).as(text).isNull();
    }
    for (String text : List.of("2018551039..2018551030", "2018551030..2019551030")) {
      Throwable parsed =
          org.assertj.core.api.Assertions.catchThrowable(() -> NumberRange.parse(text));
      assertThatThrownBy(() -> written(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(parsed.getMessage());
    }
  }
}
