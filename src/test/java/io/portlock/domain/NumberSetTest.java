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

  @Test
  void theFirstRangesAndTheRangeCountAgreeWithAllTheRanges() {
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 50; round++) {
      NumberSet.Builder builder = new NumberSet.Builder();
      for (int i = random.nextInt(60); i > 0; i--) {
        builder.add(2018550000L + random.nextInt(120));
      }
      NumberSet set = builder.build();
      java.util.List<NumberRange> all = set.ranges();

      assertThat(set.rangeCount()).isEqualTo(all.size());
      for (int limit : new int[] {0, 1, 3, all.size(), all.size() + 2}) {
        assertThat(set.ranges(limit)).isEqualTo(all.subList(0, Math.min(limit, all.size())));
      }
    }
  }
}
