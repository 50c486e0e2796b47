package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.Config;
import io.portlock.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@code ConfigLoader} with malformed YAML: mutated and truncated valid configs, generated
 * documents with wrong types and duplicate keys, alias bombs, deep nesting, huge ranges and binary
 * bytes. Each input must load or fail at a place ({@link ConfigContract}). Seeds are fixed for CI;
 * run longer with {@code -Dportlock.fuzz.tries=100000} (see {@link FuzzSettings}).
 */
@Tag(FuzzSettings.SLOW)
@AddLifecycleHook(FuzzSettings.class)
class ConfigFuzzTest {
  static final String SEED = "20240611";

  /** The valid configs that mutations start from, with the files they name beside them. */
  static final List<String> SEEDS =
      List.of(
          "examples/quickstart.yaml",
          "examples/multi-group.yaml",
          "src/test/resources/config/good/every-setting.yaml",
          "src/test/resources/config/good/minimal.yaml",
          "src/test/resources/config/good/sandbox.yaml");

  static Path work;
  static List<byte[]> seeds;

  @BeforeContainer
  static void copySeeds() throws Exception {
    work = ConfigContract.createTempDir("portlock-config-fuzz");
    Files.createDirectories(work.resolve("numbers"));
    Files.copy(Path.of("examples/numbers/support.txt"), work.resolve("numbers/support.txt"));
    Files.createDirectories(work.resolve("secrets"));
    Files.copy(
        Path.of("src/test/resources/config/good/secrets/b.txt"), work.resolve("secrets/b.txt"));
    seeds = new ArrayList<>();
    for (String seed : SEEDS) {
      seeds.add(Files.readAllBytes(Path.of(seed)));
    }
  }

  @AfterContainer
  static void deleteWork() {
    ConfigContract.deleteTree(work);
  }

  static Object load(byte[] yaml) {
    Path config = work.resolve("portlock.yaml");
    ConfigContract.write(config, yaml);
    return ConfigContract.check(config, ConfigContract.options(), Mutations.show(yaml));
  }

  @Property(tries = 5, seed = SEED)
  void seedConfigsAreValid(@ForAll @IntRange(min = 0, max = 4) int seed) {
    assertThat(load(seeds.get(seed))).isInstanceOf(Config.class);
  }

  @Property(tries = 600, seed = SEED)
  void mutatedValidConfigsLoadOrFailAtAPlace(
      @ForAll @IntRange(min = 0, max = 4) int seed,
      @ForAll("mutations") List<Mutations.Mutation> mutations) {
    load(Mutations.apply(seeds.get(seed), mutations));
  }

  @Property(tries = 200, seed = SEED)
  void truncatedConfigsLoadOrFailAtAPlace(
      @ForAll @IntRange(min = 0, max = 4) int seed, @ForAll @IntRange(min = 0) int cut) {
    byte[] whole = seeds.get(seed);
    load(java.util.Arrays.copyOf(whole, cut % (whole.length + 1)));
  }

  @Property(tries = 500, seed = SEED)
  void generatedDocumentsLoadOrFailAtAPlace(@ForAll("documents") String yaml) {
    load(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 100, seed = SEED)
  void aliasBombsAreRefusedQuickly(
      @ForAll @IntRange(min = 2, max = 12) int width,
      @ForAll @IntRange(min = 1, max = 12) int depth,
      @ForAll boolean mappings,
      @ForAll @IntRange(min = 0, max = 2) int where) {
    String yaml = aliasBomb(width, depth, mappings, where);
    Object outcome = load(yaml.getBytes(StandardCharsets.UTF_8));
    if ((long) width * depth > 50 + width) {
      assertThat(outcome)
          .isInstanceOfSatisfying(
              ConfigException.class, e -> assertThat(e.getMessage()).contains("billion laughs"));
    }
  }

  @Property(tries = 100, seed = SEED)
  void deepNestingLoadsOrFailsAtAPlace(
      @ForAll @IntRange(min = 1, max = 400) int depth,
      @ForAll @IntRange(min = 0, max = 3) int style) {
    String open =
        switch (style) {
          case 0 -> "[";
          case 1 -> "{a: ";
          case 2 -> "- ";
          default -> "[{x: ";
        };
    String close =
        switch (style) {
          case 0 -> "]";
          case 1 -> "}";
          case 2 -> "";
          default -> "}]";
        };
    String yaml =
        "version: 1\naccount: \"9900000\"\ngroups:\n  hq:\n    passcode: \"abcd\"\n"
            + "    numbers: "
            + open.repeat(depth)
            + "\"2018551020\""
            + close.repeat(depth)
            + "\n";
    load(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300, seed = SEED)
  void hugeRangesLoadOrFailAtAPlace(@ForAll("ranges") List<String> ranges) {
    String yaml =
        "version: 1\naccount: \"9900000\"\ngroups:\n  hq:\n    passcode: \"abcd\"\n"
            + "    numbers:\n"
            + ranges.stream().map(r -> "      - \"" + r + "\"\n").collect(Collectors.joining());
    load(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300, seed = SEED)
  void binaryBytesLoadOrFailAtAPlace(
      @ForAll @IntRange(min = 0, max = 4) int seed,
      @ForAll @IntRange(min = 0) int keep,
      @ForAll byte[] garbage) {
    byte[] valid = seeds.get(seed);
    int prefix = keep % (valid.length + 1);
    byte[] yaml = new byte[prefix + garbage.length];
    System.arraycopy(valid, 0, yaml, 0, prefix);
    System.arraycopy(garbage, 0, yaml, prefix, garbage.length);
    load(yaml);
  }

  @Provide
  Arbitrary<List<Mutations.Mutation>> mutations() {
    return Mutations.mutations();
  }

  /** {@code A..B} with sides anywhere in (and around) the numbering plan and spans of any size. */
  @Provide
  Arbitrary<List<String>> ranges() {
    Arbitrary<Long> first = Arbitraries.longs().between(1_000_000_000L, 19_999_999_999L);
    Arbitrary<Long> span =
        Arbitraries.integers()
            .between(0, 11)
            .flatMap(p -> Arbitraries.longs().between(-10, (long) Math.pow(10, p)));
    Arbitrary<String> range = Combinators.combine(first, span).as((a, s) -> a + ".." + (a + s));
    return range.list().ofMinSize(1).ofMaxSize(5);
  }

  static String aliasBomb(int width, int depth, boolean mappings, int where) {
    StringBuilder yaml = new StringBuilder("version: 1\naccount: \"9900000\"\n");
    String indent = where == 0 ? "" : "  ";
    if (where > 0) {
      yaml.append(where == 1 ? "groups:\n" : "safety:\n");
    }
    yaml.append(indent).append("l0: &l0 [\"lol\", \"lol\", \"lol\"]\n");
    for (int level = 1; level <= depth; level++) {
      List<String> refs = Collections.nCopies(width, "*l" + (level - 1));
      String body;
      if (mappings) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          entries.add("k" + i + ": " + refs.get(i));
        }
        body = "{" + String.join(", ", entries) + "}";
      } else {
        body = "[" + String.join(", ", refs) + "]";
      }
      yaml.append(indent)
          .append('l')
          .append(level)
          .append(": &l")
          .append(level)
          .append(' ')
          .append(body)
          .append('\n');
    }
    return yaml.toString();
  }

  /**
   * Documents made of the config's own vocabulary with values of every type: a top-level mapping
   * whose values are flow collections nested a few levels, keys repeated by chance.
   */
  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> entry =
        Combinators.combine(key(), value(3)).as((k, v) -> k + ": " + v + "\n");
    Arbitrary<String> prefix =
        Arbitraries.of(
            "",
            "version: 1\naccount: \"9900000\"\n",
            "%YAML 1.1\n---\n",
            "---\n",
            "\uFEFF",
            "version: 1\n");
    return Combinators.combine(prefix, entry.list().ofMaxSize(8))
        .as((p, entries) -> p + String.join("", entries));
  }

  static Arbitrary<String> key() {
    return Arbitraries.of(
        "version",
        "account",
        "api",
        "orders",
        "safety",
        "groups",
        "url",
        "token_url",
        "max_numbers",
        "max_change_percent",
        "max_changes",
        "passcode",
        "numbers",
        "numbers_file",
        "env",
        "file",
        "hq",
        "sales",
        "\"\"",
        "~",
        "1",
        "2018551020",
        "<<",
        "? [a, b]\n",
        "\"version\"",
        "Version",
        "grups",
        "&k key",
        "*k",
        "!!str version",
        "\"a\\u0000b\"",
        "\"hq\u00e9\"",
        "x".repeat(45),
        "true");
  }

  static Arbitrary<String> scalar() {
    Arbitrary<String> fixed =
        Arbitraries.of(
            "1",
            "0",
            "-1",
            "2",
            "1.0",
            "2018551020",
            "12018551021",
            "\"2018551020\"",
            "\"2018551020..2018551039\"",
            "\"(201) 855-1022\"",
            "\"2018551039..2018551030\"",
            "\"2000000000..2999999999\"",
            "\"9900000\"",
            "sandbox",
            "true",
            "~",
            "null",
            "1.5",
            "2024-01-01",
            "\"\"",
            "''",
            "\"abcd\"",
            "\"hq2024\"",
            "\"unchanged\"",
            "0o17",
            "0x10",
            ".inf",
            ".nan",
            "\"\\u0000\"",
            "!!binary AAAA",
            "!custom x",
            "!!int \"12\"",
            "!!str 12",
            "!!float 1",
            "\"../x\"",
            "\"/etc/passwd\"",
            "{env: HQ_PASSCODE}",
            "{env: NOPE}",
            "{env: \"1x\"}",
            "{file: secrets/b.txt}",
            "{file: ../../etc/passwd}",
            "{file: /etc/hostname}",
            "{file: secrets}",
            "{env: HQ_PASSCODE, file: secrets/b.txt}",
            "numbers/support.txt",
            "\"numbers\"",
            "http://x",
            "https://example.com/api",
            "\"ftp://x\"",
            "\"http://\"",
            "9".repeat(30),
            "\"" + "2018551020, ".repeat(20) + "\"",
            "*l0",
            "&l0 \"x\"",
            "|\n  text\n",
            "'it''s'");
    Arbitrary<String> quoted =
        Arbitraries.strings()
            .ofMaxLength(24)
            .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    Arbitrary<String> plain =
        Arbitraries.strings().withChars("abcz019 -.:_/#@&*!%").ofMinLength(1).ofMaxLength(12);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, fixed),
        net.jqwik.api.Tuple.of(2, quoted),
        net.jqwik.api.Tuple.of(1, plain));
  }

  static Arbitrary<String> value(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<String> list =
        Arbitraries.lazy(() -> value(depth - 1))
            .list()
            .ofMaxSize(4)
            .map(items -> "[" + String.join(", ", items) + "]");
    Arbitrary<String> map =
        Combinators.combine(key(), Arbitraries.lazy(() -> value(depth - 1)))
            .as((k, v) -> k.contains("\n") ? "a: " + v : k + ": " + v)
            .list()
            .ofMaxSize(4)
            .map(entries -> "{" + String.join(", ", entries) + "}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar()),
        net.jqwik.api.Tuple.of(1, list),
        net.jqwik.api.Tuple.of(2, map));
  }
}
