package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedNumbersTest {
  private static final java.util.function.LongConsumer UNCOUNTED = n -> {};

  @Test
  void runsAreWrittenAsDistancesFromTheNumberBeforeWithTheCountThatFollows() {
    NumberSet numbers =
        NumberSet.of(
            2018551020L,
            2018551021L,
            2018551022L,
            2018551023L,
            2018551024L,
            2018551030L,
            2018551032L,
            2018551034L,
            2018551035L);

    assertThat(PackedNumbers.entries(numbers)).containsExactly("2018551020+4,6,2,2+1");
    assertThat(PackedNumbers.parse(List.of("2018551020+4,6,2,2+1"), UNCOUNTED)).isEqualTo(numbers);
  }

  @Test
  void anEmptySetHasNoEntries() {
    assertThat(PackedNumbers.entries(NumberSet.empty())).isEmpty();
    assertThat(PackedNumbers.parse(List.of(), UNCOUNTED)).isEqualTo(NumberSet.empty());
  }

  @Test
  void everyOtherNumberCostsTwoBytesAndEntriesStartAfreshEveryThousandRuns() {
    long[] scattered = new long[2500];
    for (int i = 0; i < scattered.length; i++) {
      scattered[i] = 2012000000L + 2L * i;
    }
    NumberSet numbers = NumberSet.ofSorted(scattered);

    List<String> entries = PackedNumbers.entries(numbers);

    assertThat(entries).hasSize(3);
    assertThat(entries.get(1)).startsWith("2012002000,2,2,");
    assertThat(entries.stream().mapToInt(String::length).sum()).isLessThan(2 * 2500 + 3 * 10);
    assertThat(PackedNumbers.parse(entries, UNCOUNTED)).isEqualTo(numbers);
  }

  @Test
  void randomSetsOfSinglesAndRangesReadBackAsWritten() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      NumberSet.Builder builder = new NumberSet.Builder();
      long at = 2012000000L + random.nextInt(1000);
      for (int i = 0; i < random.nextInt(3000); i++) {
        int run = random.nextInt(4) == 0 ? 1 + random.nextInt(50) : 1;
        builder.addRange(new NumberRange(at, at + run - 1));
        at += run + 1 + random.nextInt(random.nextBoolean() ? 3 : 5000);
      }
      NumberSet numbers = builder.build();

      assertThat(PackedNumbers.parse(PackedNumbers.entries(numbers), UNCOUNTED)).isEqualTo(numbers);
    }
  }

  @Test
  void eachRunIsCountedBeforeItsNumbersAreHeld() {
    List<Long> sizes = new ArrayList<>();
    PackedNumbers.parse(List.of("2018551020+4,6", "2018552000+999999"), sizes::add);
    assertThat(sizes).containsExactly(5L, 1L, 1_000_000L);

    AtomicLong total = new AtomicLong();
    assertThatThrownBy(
            () ->
                PackedNumbers.parse(
                    List.of("2012000000+999999,2+999999,2+999999"),
                    n -> {
                      if (total.addAndGet(n) > 2_000_000) {
                        throw new IllegalStateException("too many");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(total.get()).isEqualTo(3_000_000L);
  }

  @Test
  void aDecoderTakesEntriesOneByOneAsTheyAreRead() {
    PackedNumbers.Decoder decoder = new PackedNumbers.Decoder(UNCOUNTED);
    decoder.add("2018551020+4");
    decoder.add("2018551030,2");

    assertThat(decoder.build())
        .isEqualTo(PackedNumbers.parse(List.of("2018551020+4", "2018551030,2"), UNCOUNTED));
    PackedNumbers.Decoder touching = new PackedNumbers.Decoder(UNCOUNTED);
    touching.add("2018551020+4");
    assertThatThrownBy(() -> touching.add("2018551025"))
        .isInstanceOf(PackedNumbers.MalformedException.class)
        .hasMessageStartingWith("entry 2 does not start after");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|entry 1 is empty",
        "2018551020,x|entry 1 has a character other than a digit, ',' or '+' at position 12 where a"
            + " number was expected",
        "2018551020;2|entry 1 has a character other than a digit, ',' or '+' at position 11",
        "2018551020,|entry 1 ends where a number was expected",
        "2018551020+0|entry 1 has +0 at position 11",
        "2018551020,1|entry 1 has a distance of 1 at position 12 (runs ascend, at least 2 apart)",
        "2018551020,0|entry 1 has a distance of 0 at position 12 (runs ascend, at least 2 apart)",
        "20185510200|entry 1 has a number of more than 10 digits at position 1",
        "9999999999,2|entry 1 goes past 9999999999 at position 12",
        "-2018551020|entry 1 has a character other than a digit, ',' or '+' at position 1 where a"
            + " number was expected",
      })
  void anEntryNotInThePackedFormIsRefusedByItsPlaceWithoutQuotingIt(String entry, String message) {
    assertThatThrownBy(() -> PackedNumbers.parse(List.of(entry), UNCOUNTED))
        .isInstanceOf(PackedNumbers.MalformedException.class)
        .hasMessage(message);
  }

  @Test
  void entriesThatOverlapOrTouchAreRefused() {
    assertThatThrownBy(() -> PackedNumbers.parse(List.of("2018551020+4", "2018551025"), UNCOUNTED))
        .isInstanceOf(PackedNumbers.MalformedException.class)
        .hasMessage(
            "entry 2 does not start after the entry before it ends (entries ascend, apart)");
  }

  @Test
  void anInvalidNumberIsRefusedAsAConfigWouldBe() {
    assertThatThrownBy(() -> PackedNumbers.parse(List.of("8005550100"), UNCOUNTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toll-free");
    assertThatThrownBy(() -> PackedNumbers.parse(List.of("2011000000+5"), UNCOUNTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exchange");
  }
}
