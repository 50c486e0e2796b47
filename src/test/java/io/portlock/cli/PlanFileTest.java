package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved plan (format 4) at scale: numbers written once, densely, and orders carrying no numbers
 * (apply and show derive them from the changes), while {@code --format json} keeps them.
 */
class PlanFileTest {
  private static final String HQ = "Hq7seCret";
  private static final int SCATTERED = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.env.put("HQ_PASSCODE", HQ);
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < SCATTERED; i++) {
      numbers.append(2012000000L + 2L * i).append('\n'); // no two adjacent: no ranges form
    }
    cli.write("numbers/hq.txt", numbers.toString());
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers_file: numbers/hq.txt
        """);
  }

  @Test
  void aScatteredPlanOf100kNumbersIsSavedInAtMostFourBytesPerNumber() throws IOException {
    // Before format 4 each number was written twice as a quoted string, in the changes and in
    // the orders: 119 MB at 10 million numbers, against a target of 50 MB.
    CliHarness.Result plan = cli.run("plan", "--out", "p.plan");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(Files.size(dir.resolve("p.plan"))).isLessThanOrEqualTo(4L * SCATTERED);
  }

  @Test
  void ordersAreSavedWithoutNumbersAndShowDerivesThemFromTheChanges() throws IOException {
    assertThat(cli.run("plan", "--out", "p.plan").exitCode()).isZero();
    JsonNode saved = JSON.readTree(dir.resolve("p.plan").toFile());

    CliHarness.Result shown = cli.run("show", "p.plan", "--format", "json");

    assertThat(saved.path("format_version").asInt()).isEqualTo(4);
    assertThat(saved.path("orders")).hasSize(20);
    assertThat(saved.path("orders").path(0).path("groups").path(0).has("numbers")).isFalse();
    assertThat(saved.path("orders").path(0).path("groups").path(0).path("count").asInt())
        .isEqualTo(5000);
    assertThat(shown.exitCode()).as(shown.all()).isZero();
    JsonNode rendered = JSON.readTree(shown.out());
    assertThat(rendered.path("format_version").asInt()).isEqualTo(3);
    JsonNode lastOrder = rendered.path("orders").path(19).path("groups").path(0);
    assertThat(lastOrder.path("count").asInt()).isEqualTo(5000);
    assertThat(lastOrder.path("numbers")).hasSize(5000);
    assertThat(lastOrder.path("numbers").path(0).asText()).isEqualTo("2012190000");
    assertThat(lastOrder.path("numbers").path(4999).asText()).isEqualTo("2012199998");
    assertThat(shown.all()).doesNotContain(HQ);
    assertThat(Files.readString(dir.resolve("p.plan"))).doesNotContain(HQ);
  }

  @Test
  void aPlanFileOfTheFormatBeforeIsRefusedSayingToPlanAgain() throws IOException {
    assertThat(cli.run("plan", "--out", "p.plan").exitCode()).isZero();
    ObjectNode saved = (ObjectNode) JSON.readTree(dir.resolve("p.plan").toFile());
    saved.put("format_version", 3);
    Files.writeString(dir.resolve("p.plan"), saved.toPrettyString());

    CliHarness.Result shown = cli.run("show", "p.plan");
    CliHarness.Result applied = cli.run("apply", "p.plan");

    assertThat(shown.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(shown.err())
        .isEqualTo(
            "Error: "
                + dir.resolve("p.plan")
                + ": the plan file is of format_version 3, which an older portlock saved and"
                + " 'plan --format json' prints; this portlock reads plan files of format_version"
                + " 4: run 'portlock plan --out FILE' again, review it and apply the new plan\n");
    assertThat(applied.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(applied.err()).contains("format_version 3").contains("plan --out FILE' again");
  }
}
