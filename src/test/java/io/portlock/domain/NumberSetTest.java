package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberSetTest {

  @Test
  void addRangeAddsEveryNumberOfTheInclusiveRange() {
    NumberSet set =
        new NumberSet.Builder()
            .addRange(NumberRange.parse("2018551030..2018551032"))
            .add(2018551020L)
            .build();
    assertThat(set.toRangeStrings()).containsExactly("2018551020", "2018551030..2018551032");
  }

  @Test
  void intersectKeepsOnlyTheNumbersInBothSets() {
    NumberSet a = NumberSet.of(2018551020L, 2018551021L, 2018551022L);
    NumberSet b = NumberSet.of(2018551021L, 2018551022L, 2018551023L);
    assertThat(a.intersect(b)).isEqualTo(NumberSet.of(2018551021L, 2018551022L));
    assertThat(a.intersect(NumberSet.empty()).isEmpty()).isTrue();
  }
}
