package io.portlock.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LargePlanRenderingTest {

  /** 200,000 scattered numbers in 300 groups: far more than a PR comment may hold. */
  private static Plan huge() {
    PlanFixtures fixtures = new PlanFixtures();
    Random random = new Random(7);
    for (int g = 0; g < 300; g++) {
      long[] numbers = new long[666];
      long base = (212L + g / 7) * 10_000_000L + (200L + g % 7 * 100) * 10_000L;
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = base + i * 3L + random.nextInt(2);
      }
      fixtures.group("group-" + g, "G" + g, numbers);
    }
    return fixtures.plan(PlanFixtures.emptyState());
  }

  @Test
  void markdownStaysUnderTheCommentLimitAndKeepsTheTotals() {
    Plan plan = huge();
    String markdown = new MarkdownRenderer().render(plan);

    assertThat(markdown.length()).isLessThanOrEqualTo(MarkdownRenderer.LIMIT);
    assertThat(markdown)
        .startsWith(MarkdownRenderer.MARKER)
        .contains("| :heavy_plus_sign: to add | 199800 |")
        .contains("**Plan: 199800 to add, 0 to change, 0 to remove, 0 unchanged; 40 orders.**");
  }

  @Test
  void textListsAtMostFiftyRangesPerChangeAndSaysWhereTheRestIs() {
    String text = new TextRenderer(new Style(false)).render(huge());

    assertThat(text)
        .containsPattern(
            "\\.\\.\\. and \\d+ more ranges \\(\\d+ numbers\\); --format json lists them all")
        .doesNotContainPattern("(?m)^(        \\S+\\n){51}")
        .endsWith("Plan: 199800 to add, 0 to change, 0 to remove, 0 unchanged; 40 orders.\n");
  }
}
