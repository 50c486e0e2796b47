package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test
  void oneIsSingularAndEveryOtherCountPlural() {
    assertThat(Plural.of(1, "number")).isEqualTo("1 number");
    assertThat(Plural.of(0, "number")).isEqualTo("0 numbers");
    assertThat(Plural.of(2, "order")).isEqualTo("2 orders");
    assertThat(Plural.of(1, "entry", "entries")).isEqualTo("1 entry");
    assertThat(Plural.of(3, "entry", "entries")).isEqualTo("3 entries");
    assertThat(Plural.agree(1, "is", "are")).isEqualTo("is");
    assertThat(Plural.agree(0, "is", "are")).isEqualTo("are");
  }
}
