package io.portlock.plan;

import static io.portlock.plan.PlanFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every plan format: {@code src/test/resources/golden/<case>.<format>}. Run with
 * {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
class RendererGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Map<String, Supplier<Plan>> cases() {
    return Map.of(
        "mixed", RendererGoldenTest::mixed,
        "no-changes",
            () ->
                new PlanFixtures()
                    .group("hq", "A", 2018551020L, 2018551021L)
                    .plan(PlanFixtures.state("hq", "A", 2018551020L, 2018551021L)),
        "drift", RendererGoldenTest::drift,
        "state-only", RendererGoldenTest::stateOnly);
  }

  /**
   * A renamed group (a move) and numbers Bandwidth already holds (recorded), which need no order,
   * beside a number set outside portlock and one with no passcode, which do.
   */
  static Plan stateOnly() {
    PlanFixtures fixtures =
        new PlanFixtures()
            .group("headquarters", "A", range(2018551020L, 2018551024L))
            .group("support", "S", range(2125550100L, 2125550102L))
            .group("lab", "L", 9195550110L, 9195550111L);
    State state = PlanFixtures.state("hq", "A", range(2018551020L, 2018551024L));
    return Planner.plan(
        Desired.of(fixtures.config()),
        fixtures.fingerprints(),
        state,
        true,
        new Observations(
            NumberSet.of(range(2125550100L, 2125550102L)),
            NumberSet.of(9195550111L),
            NumberSet.of(9195550110L),
            NumberSet.empty()),
        true,
        PlanFixtures.CONTEXT);
  }

  static Plan mixed() {
    State state =
        PlanFixtures.state("headquarters", "OLD", range(2018551020L, 2018551024L))
            .withApplied(
                NumberSet.of(range(2125550100L, 2125550102L)),
                new StateEntry("support", PlanFixtures.fp("S"), Instant.EPOCH, null, null))
            .withApplied(
                NumberSet.of(4155550199L),
                new StateEntry("retired", PlanFixtures.fp("R"), Instant.EPOCH, null, null));
    return new PlanFixtures()
        .maxNumbers(10)
        .group("headquarters", "A", range(2018551020L, 2018551024L))
        .group("support", "S", range(2125550100L, 2125550101L))
        .group("stores", "T", 6465550001L, 6465550003L, 6465550004L, 6465550005L, 2125550102L)
        .plan(state);
  }

  static Plan drift() {
    PlanFixtures fixtures = new PlanFixtures().group("hq", "A", range(2018551020L, 2018551025L));
    State state = PlanFixtures.state("hq", "A", range(2018551020L, 2018551025L));
    return Planner.plan(
            Desired.of(fixtures.config()),
            fixtures.fingerprints(),
            state,
            true,
            new Observations(
                NumberSet.empty(),
                NumberSet.of(2018551020L),
                NumberSet.of(2018551021L),
                NumberSet.of(2018551025L)),
            true,
            PlanFixtures.CONTEXT)
        .withNotices(
            List.of(
                new Notice(
                    Notice.Kind.DRIFT,
                    "2 numbers were changed outside portlock; this plan sets them again"),
                new Notice(
                    Notice.Kind.INELIGIBLE,
                    "1 number of the config cannot hold a passcode, so portlock sends no order"
                        + " for it: 2018551030 is off-net (tier not 0), and only on-net numbers"
                        + " (tier 0) can hold a passcode (5196); remove it from the config:"
                        + " portlock.yaml:7:9 (2018551030) (safety.ineligible: warn)")));
  }

  static Stream<Arguments> goldenFiles() {
    Map<String, Function<Plan, String>> formats =
        Map.of(
            "txt", plan -> new TextRenderer(new Style(false)).render(plan),
            "color.txt", plan -> new TextRenderer(new Style(true)).render(plan),
            "md", plan -> new MarkdownRenderer().render(plan),
            "json", RendererGoldenTest::json,
            "plan", RendererGoldenTest::saved);
    return cases().keySet().stream()
        .sorted()
        .flatMap(
            name ->
                formats.keySet().stream()
                    .sorted()
                    .map(
                        format ->
                            Arguments.of(name, format, cases().get(name), formats.get(format))));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("goldenFiles")
  void rendersAsTheGoldenFileSaysAndTheSameEveryTime(
      String name, String format, Supplier<Plan> plan, Function<Plan, String> renderer)
      throws IOException {
    Plan made = plan.get();
    String rendered = renderer.apply(made);
    Path golden = GOLDEN.resolve(name + "." + format);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, rendered);
    }
    assertThat(rendered).isEqualTo(Files.readString(golden));
    assertThat(renderer.apply(made)).isEqualTo(rendered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("planCases")
  void aSavedPlanReadsBackToTheSamePlanItsOrdersDerivedFromItsChanges(
      String name, Supplier<Plan> plan) throws IOException {
    Plan made = plan.get();
    String saved = saved(made);
    Plan read = PlanCodec.read(new ByteArrayInputStream(saved.getBytes(StandardCharsets.UTF_8)));
    assertThat(read).usingRecursiveComparison().isEqualTo(made);
    assertThat(read.orders()).isEqualTo(made.orders());
    assertThat(saved(read)).isEqualTo(saved);
    assertThat(json(read)).isEqualTo(json(made));
  }

  static Stream<Arguments> planCases() {
    return cases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  /** The plan file, as {@code --out} saves it without a key. */
  static String saved(Plan plan) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PlanCodec.save(plan, out, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String json(Plan plan) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PlanCodec.write(plan, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
