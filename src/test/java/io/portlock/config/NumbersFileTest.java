package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers files: notations, comments, and errors at their line in the file. */
class NumbersFileTest {
  private static final String NOT_SHOWN =
      " (the text is not shown, in case the file holds a"
          + " secret); write one number or range per line, such as 2018551020 or"
          + " 2018551030..2018551039";

  private static final String CONFIG =
      """
      version: 1
      account: "9900000"
      groups:
        hq:
          passcode: {env: HQ}
          numbers_file: numbers/hq.txt
      """;

  @TempDir Path dir;

  private Fixture fixture(String numbers) {
    Fixture fixture = new Fixture(dir).env(Map.of("HQ", "hq2024ab"));
    fixture.write("numbers/hq.txt", numbers);
    return fixture;
  }

  @Test
  void commentsBlankLinesAndEveryNotationAreRead() {
    Config config =
        fixture(
                """
        # headquarters

        2018551020
          201-855-1021   # indented, with a comment
        +1 (201) 855-1022\t
        1.201.855.1023
        2018551030..2018551032
        #2018551099 commented out
        """)
            .load(CONFIG);

    assertThat(config.groups().get(0).numbers().toRangeStrings())
        .containsExactly("2018551020..2018551023", "2018551030..2018551032");
  }

  @Test
  void windowsLineEndingsByteOrderMarkAndMissingFinalNewlineAreFine() {
    Config config = fixture("\uFEFF2018551020\r\n2018551021\r\n2018551022").load(CONFIG);

    assertThat(config.groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551021L, 2018551022L));
  }

  @Test
  void oldMacLineEndingsEndLinesSoThatACommentDoesNotSwallowTheNumbersAfterIt() {
    // Found by NumbersFileFuzzTest: "2018550000 # desk\r2018550001" loaded one number, not two.
    Config config = fixture("2018551020 # desk\r2018551021\r\r201-855-1022\r").load(CONFIG);

    assertThat(config.groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551021L, 2018551022L));
  }

  @Test
  void linesEndedByCarriageReturnsAreCountedForErrorPlaces() {
    assertThat(fixture("2018551020\r\nx\r2018551021\rnope\n").diagnostics(CONFIG))
        .containsExactly(
            "numbers/hq.txt:2:1: error: group 'hq': the entry is not a telephone number or range:"
                + " an unexpected character at position 1"
                + NOT_SHOWN,
            "numbers/hq.txt:4:1: error: group 'hq': the entry is not a telephone number or range:"
                + " an unexpected character at position 1"
                + NOT_SHOWN);
  }

  @Test
  void badLinesAreReportedAtTheirLineAndColumnInTheNumbersFile() {
    assertThat(
            fixture(
                    """
        2018551020
        # fine

          12345
        2018551030..2018551020
        8885551234
        """)
                .diagnostics(CONFIG))
        .containsExactly(
            "numbers/hq.txt:4:3: error: group 'hq': the entry is not a telephone number or range:"
                + " expected 10 digits (or 11 starting with 1) but found 5"
                + NOT_SHOWN,
            "numbers/hq.txt:5:1: error: group 'hq': range 2018551030..2018551020 ends before it"
                + " starts; write the lower number first",
            "numbers/hq.txt:6:1: error: group 'hq': 8885551234 is a toll-free number: Bandwidth"
                + " refuses port-out passcodes on toll-free numbers (error 5126)");
  }

  @Test
  void aBadNumberRightAfterAGoodOneOfTheSameAreaCodeIsStillAnError() {
    // Each exchange is checked once for a run of its numbers: a new exchange is checked again.
    assertThat(
            fixture("2018551020\n2011551234\n2018551021\n2010991234\n2018551022\n")
                .diagnostics(CONFIG))
        .containsExactly(
            "numbers/hq.txt:2:1: error: group 'hq': 2011551234 is not a NANP number: the exchange"
                + " (digits 4-6) must start with 2-9",
            "numbers/hq.txt:4:1: error: group 'hq': 2010991234 is not a NANP number: the exchange"
                + " (digits 4-6) must start with 2-9");
  }

  @Test
  void aCharacterJustAboveTheDigitsInATenCharacterLineIsNeverReadAsADigit() {
    // ':' to '?' share the digits' high nibble (0x3A-0x3F): the fast path tests eight bytes at a
    // time and must refuse each of them in every position, as the byte-by-byte path does.
    StringBuilder numbers = new StringBuilder();
    int lines = 0;
    for (char c = ':'; c <= '?'; c++) {
      for (int position = 0; position < 10; position++) {
        StringBuilder line = new StringBuilder("2018551020");
        line.setCharAt(position, c);
        numbers.append(line).append('\n');
        lines++;
      }
    }
    numbers.append("2018551099\n");

    List<String> diagnostics = fixture(numbers.toString()).diagnostics(CONFIG);
    assertThat(diagnostics).hasSize(21); // twenty errors, then their count
    assertThat(diagnostics.get(0)).startsWith("numbers/hq.txt:1:");
    assertThat(diagnostics.get(20)).contains(String.valueOf(lines - 20)).contains("more");
  }

  @Test
  void afterTwentyErrorsOnlyTheirCountIsReported() {
    StringBuilder numbers = new StringBuilder("2018551020\n");
    for (int i = 0; i < 500; i++) {
      numbers.append("bad").append(i).append('\n');
    }

    List<String> diagnostics = fixture(numbers.toString()).diagnostics(CONFIG);

    assertThat(diagnostics).hasSize(21);
    assertThat(diagnostics.get(0))
        .isEqualTo(
            "numbers/hq.txt:2:1: error: group 'hq': the entry is not a telephone number or range:"
                + " an unexpected character at position 1"
                + NOT_SHOWN);
    assertThat(diagnostics.get(20))
        .isEqualTo(
            "numbers/hq.txt:22:1: error: group 'hq': ... and 480 more errors in this file (not"
                + " shown)");
  }

  @Test
  void binaryLinesAreCalledBinaryWithoutEchoingThem() {
    byte[] garbage = {'2', '0', 0, 1, (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3, '\n'};
    Fixture fixture = new Fixture(dir).env(Map.of("HQ", "hq2024ab"));
    fixture.write("numbers/hq.txt", garbage);

    assertThat(fixture.diagnostics(CONFIG))
        .containsExactly(
            "numbers/hq.txt:1:1: error: group 'hq': the line holds binary data (character \\u0000 at"
                + " column 3), not a number or range; is this a numbers file?",
            "numbers/hq.txt:2:1: error: group 'hq': the line holds binary data (character \\ufffd at"
                + " column 1), not a number or range; is this a numbers file?");
  }

  @Test
  void overlongLineIsRefusedWithoutHoldingIt() {
    Fixture fixture = fixture("2018551020\n" + "9".repeat(5_000_000));

    assertThat(fixture.diagnostics(CONFIG))
        .containsExactly(
            "numbers/hq.txt:2:1: error: group 'hq': the line is longer than 1000 characters;"
                + " expected one number or range per line");
  }

  @Test
  void longCommentIsNotTooLong() {
    Config config = fixture("2018551020 # " + "x".repeat(5000) + "\n2018551021\n").load(CONFIG);

    assertThat(config.groups().get(0).numbers().size()).isEqualTo(2);
  }

  @Test
  void numberListedTwiceInTheFileWarnsAtTheSecondLine() {
    Fixture fixture = fixture("2018551020\n2018551021\n201-855-1020\n");

    Config config = fixture.load(CONFIG);

    assertThat(config.warnings())
        .extracting(d -> fixture.relative(d.toString()))
        .containsExactly(
            "numbers/hq.txt:3:1: warning: 2018551020 is listed more than once in group 'hq' (first"
                + " at numbers/hq.txt:1:1); it is kept once");
  }

  @Test
  void numbersInAnyOrderAreSorted() {
    Config config = fixture("2018551030\n2018551020\n2018551031\n2018551021\n").load(CONFIG);

    assertThat(config.groups().get(0).numbers().toRangeStrings())
        .containsExactly("2018551020..2018551021", "2018551030..2018551031");
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aSortedFileThatRepeatsTheNumberJustBeforeWarnsAtTheRepeat() {
    Fixture fixture =
        fixture(
            """
        2018551020
        2018551021
        2018551021
        2018551030..2018551032
        2018551032..2018551033
        """);

    Config config = fixture.load(CONFIG);

    assertThat(config.groups().get(0).numbers().toRangeStrings())
        .containsExactly("2018551020..2018551021", "2018551030..2018551033");
    assertThat(config.warnings())
        .extracting(d -> fixture.relative(d.toString()))
        .containsExactly(
            "numbers/hq.txt:3:1: warning: 2018551021 is listed more than once in group 'hq' (first"
                + " at numbers/hq.txt:2:1); it is kept once",
            "numbers/hq.txt:5:1: warning: 2018551032 is listed more than once in group 'hq' (first"
                + " at numbers/hq.txt:4:1); it is kept once");
  }

  @Test
  void aShortFileReadAfterALongerOneHoldsOnlyItsOwnBytes() {
    // The files share one read buffer; what the first left in it must not be read as the second's.
    Fixture fixture = new Fixture(dir).env(Map.of("HQ", "hq2024ab", "BR", "br2024ab"));
    fixture.write("numbers/hq.txt", "2018551020\n2018551021\n");
    fixture.write("numbers/branch.txt", "201855");

    assertThat(
            fixture.diagnostics(
                """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ}
            numbers_file: numbers/hq.txt
          branch:
            passcode: {env: BR}
            numbers_file: numbers/branch.txt
        """))
        .containsExactly(
            "numbers/branch.txt:1:1: error: group 'branch': the entry is not a telephone number or"
                + " range: expected 10 digits (or 11 starting with 1) but found 6"
                + NOT_SHOWN);
  }

  @Test
  void theNumberLimitReachedInsideANumbersFileIsReportedAtTheLineThatPassedIt() {
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      numbers.append(2018551000L + i).append('\n');
    }
    Fixture fixture = fixture(numbers.toString());
    Path config = fixture.write("portlock.yaml", CONFIG);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConfigLoader.load(config, fixture.options(), 100))
        .isInstanceOfSatisfying(
            ConfigException.class,
            thrown ->
                assertThat(thrown.diagnostics())
                    .extracting(d -> fixture.relative(d.toString()))
                    .containsExactly(
                        "numbers/hq.txt:101:1: error: the config holds more than 100 numbers, the"
                            + " most portlock handles in one config; split the groups over several"
                            + " configs"));
  }

  @Test
  void aSmallGroupAfterALargerOneHoldsOnlyItsOwnNumbers() {
    // The groups collect their numbers in one array, one after the other.
    Fixture fixture = new Fixture(dir).env(Map.of("HQ", "hq2024ab", "BR", "br2024ab"));
    fixture.write("numbers/hq.txt", "2018551020\n2018551021\n2018551022\n");
    fixture.write("numbers/branch.txt", "2018559000\n2018558000\n");

    Config config =
        fixture.load(
            """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ}
            numbers_file: numbers/hq.txt
          branch:
            passcode: {env: BR}
            numbers_file: numbers/branch.txt
        """);

    assertThat(config.groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551021L, 2018551022L));
    assertThat(config.groups().get(1).numbers()).isEqualTo(NumberSet.of(2018558000L, 2018559000L));
  }

  @Test
  void emptyNumbersFileLeavesTheGroupWithoutNumbers() {
    assertThat(fixture("# nothing yet\n").diagnostics(CONFIG))
        .containsExactly(
            "portlock.yaml:4:3: error: group 'hq' has no numbers; list them under numbers: or in a"
                + " file named by numbers_file:");
  }

  @Test
  void latin1FileIsReadAsUtf8AndItsAccentsAreReported() {
    Fixture fixture = new Fixture(dir).env(Map.of("HQ", "hq2024ab"));
    fixture.write("numbers/hq.txt", "2018551020 # caf\u00e9\n".getBytes(StandardCharsets.UTF_8));

    assertThat(fixture.load(CONFIG).groups().get(0).numbers().size()).isEqualTo(1);
  }

  @Test
  void aCharacterWhoseBytesStraddleTheReadBufferIsOneCharacter() {
    // 5,957 lines of numbers take 65,527 bytes; then a line whose 'é' (two bytes in UTF-8)
    // starts at the last byte of the first 64 KiB: read as one character, it is an unexpected
    // character; split, it would be two malformed bytes, called binary.
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 5957; i++) {
      numbers.append(2018550000L + i).append('\n');
    }
    assertThat(numbers.length()).isEqualTo(65_535 - 8);
    numbers.append("20185510\u00e9\n");
    Fixture fixture = new Fixture(dir).env(Map.of("HQ", "hq2024ab"));
    fixture.write("numbers/hq.txt", numbers.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(fixture.diagnostics(CONFIG))
        .containsExactly(
            "numbers/hq.txt:5958:1: error: group 'hq': the entry is not a telephone number or range:"
                + " an unexpected character at position 9"
                + NOT_SHOWN);
  }

  @Test
  void numbersWrittenWithSeparatorsAndPrefixesReadAsTheirDigits() {
    Config config =
        fixture(
                """
        2018551020
        12018551021
         (201) 855-1022
        201-855-1023  # a comment
        2018551024\r
        2018551025\t
        """)
            .load(CONFIG);

    assertThat(config.groups().get(0).numbers().toRangeStrings())
        .containsExactly("2018551020..2018551025");
  }
}
