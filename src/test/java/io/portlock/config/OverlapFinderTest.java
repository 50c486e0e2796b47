package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Numbers in more than one group, found however the groups' spans lie. */
class OverlapFinderTest {
  private static List<String> describe(OverlapFinder.Result result) {
    List<String> out = new ArrayList<>();
    for (OverlapFinder.Overlap overlap : result.shown()) {
      out.add(overlap.number() + " " + java.util.Arrays.toString(overlap.groups()));
    }
    return out;
  }

  @Test
  void groupsFarApartHaveNoOverlap() {
    OverlapFinder.Result result =
        OverlapFinder.find(
            List.of(
                NumberSet.of(2018551020L, 2018551021L), NumberSet.empty(),
                NumberSet.of(2125550100L), NumberSet.of(2018551030L)),
            20);

    assertThat(result.total()).isZero();
  }

  @Test
  void interleavedAndNestedGroupsListEachSharedNumberOnceInAscendingOrder() {
    NumberSet wide = NumberSet.of(2018551000L, 2018551005L, 2018551010L, 2018551099L);
    NumberSet inside = NumberSet.of(2018551005L, 2018551006L, 2018551010L);
    NumberSet apart = NumberSet.of(2125550100L, 2125550101L);
    NumberSet alsoApart = NumberSet.of(2125550101L, 2125550102L);

    OverlapFinder.Result result =
        OverlapFinder.find(List.of(apart, wide, alsoApart, inside, wide), 20);

    assertThat(describe(result))
        .containsExactly(
            "2018551000 [1, 4]",
            "2018551005 [1, 3, 4]",
            "2018551010 [1, 3, 4]",
            "2018551099 [1, 4]",
            "2125550101 [0, 2]");
    assertThat(result.total()).isEqualTo(5);
  }

  @Test
  void shownAreCappedWhileAllAreCounted() {
    OverlapFinder.Result result =
        OverlapFinder.find(
            List.of(
                NumberSet.of(2018551020L, 2018551021L, 2018551022L),
                NumberSet.of(2018551020L, 2018551021L, 2018551022L)),
            2);

    assertThat(describe(result)).containsExactly("2018551020 [0, 1]", "2018551021 [0, 1]");
    assertThat(result.total()).isEqualTo(3);
  }

  @Test
  void randomGroupsAgreeWithCountingEachNumber() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int groups = 1 + random.nextInt(6);
      List<NumberSet> sets = new ArrayList<>();
      TreeMap<Long, List<Integer>> holders = new TreeMap<>();
      for (int g = 0; g < groups; g++) {
        long base = 2018550000L + random.nextInt(3) * 500;
        long[] numbers = new long[random.nextInt(40)];
        for (int i = 0; i < numbers.length; i++) {
          numbers[i] = base + random.nextInt(60);
        }
        NumberSet set = NumberSet.of(numbers);
        sets.add(set);
        for (int i = 0; i < set.size(); i++) {
          holders.computeIfAbsent(set.get(i), n -> new ArrayList<>()).add(g);
        }
      }
      List<String> expected = new ArrayList<>();
      holders.forEach(
          (number, in) -> {
            if (in.size() > 1) {
              expected.add(number + " " + in);
            }
          });

      OverlapFinder.Result result = OverlapFinder.find(sets, Integer.MAX_VALUE);

      assertThat(describe(result)).as("round %d", round).isEqualTo(expected);
      assertThat(result.total()).isEqualTo(expected.size());
    }
  }
}
