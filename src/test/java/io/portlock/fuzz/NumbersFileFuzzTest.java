package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.Config;
import io.portlock.config.ConfigException;
import io.portlock.config.Diagnostic;
import io.portlock.domain.NumberSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the numbers-file parser through the config loader (the only way a user reaches it):
 * mutated example files and generated lines of every kind. Each file must load or fail at {@code
 * numbers/hq.txt:LINE:COL}; a file of valid lines must load exactly its numbers.
 */
@Tag(FuzzSettings.SLOW)
@AddLifecycleHook(FuzzSettings.class)
class NumbersFileFuzzTest {
  static final String SEED = "20240612";
  static final String CONFIG =
      """
      version: 1
      account: "9900000"
      groups:
        hq:
          passcode: "abcd"
          numbers_file: numbers/hq.txt
      """;

  static Path work;
  static Path config;
  static List<byte[]> seeds;

  @BeforeContainer
  static void writeConfig() throws Exception {
    work = ConfigContract.createTempDir("portlock-numbers-fuzz");
    config = work.resolve("portlock.yaml");
    Files.writeString(config, CONFIG);
    seeds =
        List.of(
            Files.readAllBytes(Path.of("examples/numbers/support.txt")),
            String.join(
                    "\r\n",
                    "\uFEFF# exported from the PBX",
                    "2018551020",
                    "201-855-1021  # desk",
                    "",
                    "(201) 855-1022",
                    "+1 201 855 1030 .. +1 201 855 1039",
                    "\t12018551040\t")
                .getBytes(StandardCharsets.UTF_8));
  }

  @AfterContainer
  static void deleteWork() {
    ConfigContract.deleteTree(work);
  }

  static Object load(byte[] numbers) {
    ConfigContract.write(work.resolve("numbers/hq.txt"), numbers);
    Object outcome =
        ConfigContract.check(
            config, ConfigContract.options(), "numbers/hq.txt:\n" + Mutations.show(numbers));
    if (outcome instanceof ConfigException e) {
      // Lines end with LF, CRLF or a lone CR.
      long lines = 1;
      for (int i = 0; i < numbers.length; i++) {
        boolean crlf = numbers[i] == '\r' && i + 1 < numbers.length && numbers[i + 1] == '\n';
        lines += (numbers[i] == '\n' || numbers[i] == '\r') && !crlf ? 1 : 0;
      }
      for (Diagnostic d : e.diagnostics()) {
        if (d.file().endsWith("hq.txt")) {
          assertThat(d.line()).as("line of %s", d).isLessThanOrEqualTo((int) lines);
        }
      }
    }
    return outcome;
  }

  @Property(tries = 500, seed = SEED)
  void mutatedNumbersFilesLoadOrFailAtAPlace(
      @ForAll @IntRange(min = 0, max = 1) int seed,
      @ForAll("mutations") List<Mutations.Mutation> mutations) {
    load(Mutations.apply(seeds.get(seed), mutations));
  }

  @Property(tries = 500, seed = SEED)
  void generatedLinesLoadOrFailAtAPlace(
      @ForAll("anyLines") List<String> lines,
      @ForAll("endings") String ending,
      @ForAll boolean bom,
      @ForAll boolean finalEnding) {
    load(file(lines, ending, bom, finalEnding));
  }

  @Property(tries = 300, seed = SEED)
  void validLinesLoadExactlyTheirNumbers(
      @ForAll("validLines") List<Tuple.Tuple2<String, long[]>> lines,
      @ForAll("endings") String ending,
      @ForAll boolean bom,
      @ForAll boolean finalEnding) {
    TreeSet<Long> expected = new TreeSet<>();
    List<String> text = new ArrayList<>();
    for (Tuple.Tuple2<String, long[]> line : lines) {
      text.add(line.get1());
      for (long n = line.get2()[0]; n <= line.get2()[1]; n++) {
        expected.add(n);
      }
    }
    Object outcome = load(file(text, ending, bom, finalEnding));
    if (expected.isEmpty()) {
      assertThat(outcome).isInstanceOf(ConfigException.class);
      return;
    }
    assertThat(outcome).isInstanceOf(Config.class);
    NumberSet loaded = ((Config) outcome).groups().get(0).numbers();
    List<Long> actual = new ArrayList<>();
    loaded.forEach(actual::add);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  static byte[] file(List<String> lines, String ending, boolean bom, boolean finalEnding) {
    String text =
        (bom ? "\uFEFF" : "")
            + String.join(ending, lines)
            + (finalEnding && !lines.isEmpty() ? ending : "");
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<List<Mutations.Mutation>> mutations() {
    return Mutations.mutations();
  }

  @Provide
  Arbitrary<String> endings() {
    return Arbitraries.of("\n", "\r\n", "\r", "\n\n");
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<String, long[]>>> validLines() {
    return validLine().list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<String>> anyLines() {
    Arbitrary<String> valid = validLine().map(Tuple.Tuple2::get1);
    Arbitrary<String> garbage = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<String> numeric =
        Arbitraries.strings().withChars("0123456789+-.() #\t").ofMaxLength(30);
    Arbitrary<String> binary =
        Arbitraries.strings()
            .withCharRange('\u0000', '\u001f')
            .ofMinLength(1)
            .ofMaxLength(5)
            .map(s -> "2018551020" + s);
    Arbitrary<String> longLine = Arbitraries.integers().between(990, 3000).map(n -> "2".repeat(n));
    Arbitrary<String> hugeRange =
        Combinators.combine(
                Arbitraries.longs().between(2_000_000_000L, 9_999_999_999L),
                Arbitraries.longs().between(-5, 20_000_000_000L))
            .as((a, span) -> a + ".." + (a + span));
    Arbitrary<String> odd =
        Arbitraries.of(
            "..",
            "...",
            "2018551020..",
            "..2018551020",
            "2018551020...2018551021",
            "2018551020..2018551021..2018551022",
            "#",
            "   # x",
            "\u00a02018551020",
            "２０１８５５１０２０",
            "2018551020\u0000",
            "\uFFFD",
            "-",
            "+",
            "+12018551020",
            "+2018551020",
            "02018551020",
            "1112018551020",
            "0000000000");
    return Arbitraries.frequencyOf(
            Tuple.of(5, valid),
            Tuple.of(2, garbage),
            Tuple.of(2, numeric),
            Tuple.of(1, binary),
            Tuple.of(1, longLine),
            Tuple.of(1, hugeRange),
            Tuple.of(2, odd))
        .list()
        .ofMaxSize(40);
  }

  /** A valid line (number or short range, in any notation, maybe commented) and its span. */
  static Arbitrary<Tuple.Tuple2<String, long[]>> validLine() {
    Arbitrary<Long> number =
        Arbitraries.oneOf(
            Arbitraries.longs().between(2_018_550_000L, 2_018_559_999L),
            Arbitraries.longs().between(9_195_550_100L, 9_195_550_199L));
    Arbitrary<Integer> notation = Arbitraries.integers().between(0, 7);
    Arbitrary<String> comment = Arbitraries.of("", "", " # desk", "\t#x", "  ");
    Arbitrary<String> indent = Arbitraries.of("", "", " ", "\t");
    Arbitrary<Integer> span =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 60)));
    return Combinators.combine(number, notation, comment, indent, span, notation)
        .as(
            (n, style, c, in, s, lastStyle) -> {
              if (s < 0) {
                return Tuple.of(in + format(n, style) + c, new long[] {n, n});
              }
              long last = Math.min(n + s, n - n % 10_000 + 9_999);
              return Tuple.of(
                  in
                      + format(n, style)
                      + (s % 2 == 0 ? ".." : " .. ")
                      + format(last, lastStyle)
                      + c,
                  new long[] {n, last});
            });
  }

  static String format(long n, int style) {
    String d = Long.toString(n);
    String a = d.substring(0, 3);
    String b = d.substring(3, 6);
    String c = d.substring(6);
    return switch (style) {
      case 0 -> d;
      case 1 -> a + "-" + b + "-" + c;
      case 2 -> "(" + a + ") " + b + "-" + c;
      case 3 -> "+1 " + a + " " + b + " " + c;
      case 4 -> "1." + a + "." + b + "." + c;
      case 5 -> "1" + d;
      case 6 -> "+1" + d;
      default -> a + " " + b + " " + c;
    };
  }
}
