package io.portlock.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portlock.cli.Main;
import io.portlock.cli.Terminal;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped GitHub apply job compares the reviewed plan with a fresh plan of main through a jq
 * program. It once dropped the order fingerprints first, so a plan edited to give one group's
 * numbers another group's passcode passed. This runs that very program, read from the workflow.
 */
class GithubCrossCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Sandbox sandbox;
  Map<String, String> env = new HashMap<>();

  @BeforeEach
  void start() throws IOException {
    assumeTrue(jqAvailable(), "jq is not installed");
    sandbox = Sandbox.start(SandboxOptions.defaults().withProcessingDelay(Duration.ofMillis(40)));
    env.put("PORTLOCK_API_URL", sandbox.baseUrl().toString());
    env.put("PORTLOCK_TOKEN_URL", sandbox.tokenUrl().toString());
    env.put("BANDWIDTH_CLIENT_ID", SandboxOptions.DEFAULT_CLIENT_ID);
    env.put("BANDWIDTH_CLIENT_SECRET", SandboxOptions.DEFAULT_CLIENT_SECRET);
    env.put("HQ_PASSCODE", "Hq7seCret");
    env.put("SUPPORT_PASSCODE", "Sup9port");
    Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551029"]
          support:
            passcode: {env: SUPPORT_PASSCODE}
            numbers: ["2125550100..2125550104"]
        """);
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void beforeTheFirstApplyAnOrderFingerprintSwapFailsTheCrossCheck() throws Exception {
    reviewedAndFresh();
    assertThat(crossCheckPasses()).as("an untouched plan passes").isTrue();

    swapOrderFingerprints();

    assertThat(crossCheckPasses()).isFalse();
  }

  @Test
  void withAStateAnOrderOrGroupFingerprintSwapFailsTheCrossCheck() throws Exception {
    assertThat(run("apply", "--auto-approve")).isZero();
    env.put("HQ_PASSCODE", "Hq8rotated");
    env.put("SUPPORT_PASSCODE", "Sup8rotat");
    reviewedAndFresh();
    assertThat(crossCheckPasses()).as("an untouched plan passes").isTrue();

    swapOrderFingerprints();
    assertThat(crossCheckPasses()).isFalse();

    swapGroupFingerprints();
    assertThat(crossCheckPasses()).as("groups swapped to match the swapped orders").isFalse();
  }

  private void reviewedAndFresh() throws IOException {
    Outcome saved = invoke("plan", "--out", "portlock.plan");
    assertThat(saved.exitCode).as(saved.err).isZero();
    Files.writeString(
        dir.resolve("reviewed.json"), output("show", "portlock.plan", "--format", "json"));
    Files.writeString(dir.resolve("fresh.json"), output("plan", "--format", "json"));
  }

  private void swapOrderFingerprints() throws IOException {
    ObjectNode plan = (ObjectNode) JSON.readTree(dir.resolve("reviewed.json").toFile());
    ArrayNode groups = (ArrayNode) plan.path("orders").path(0).path("groups");
    String first = groups.path(0).path("fingerprint").asText();
    ((ObjectNode) groups.get(0)).put("fingerprint", groups.path(1).path("fingerprint").asText());
    ((ObjectNode) groups.get(1)).put("fingerprint", first);
    Files.writeString(dir.resolve("reviewed.json"), JSON.writeValueAsString(plan));
  }

  private void swapGroupFingerprints() throws IOException {
    ObjectNode plan = (ObjectNode) JSON.readTree(dir.resolve("reviewed.json").toFile());
    ObjectNode hq = (ObjectNode) plan.path("groups").path("hq");
    ObjectNode support = (ObjectNode) plan.path("groups").path("support");
    String first = hq.path("fingerprint").asText();
    hq.put("fingerprint", support.path("fingerprint").asText());
    support.put("fingerprint", first);
    Files.writeString(dir.resolve("reviewed.json"), JSON.writeValueAsString(plan));
  }

  /** The workflow's own comparison: jq -S "$same" on both files, compared byte for byte. */
  private boolean crossCheckPasses() throws Exception {
    String program = sameProgram();
    return jq(program, "reviewed.json").equals(jq(program, "fresh.json"));
  }

  @SuppressWarnings("unchecked")
  static String sameProgram() throws IOException {
    Map<String, Object> workflow =
        (Map<String, Object>)
            new org.yaml.snakeyaml.Yaml()
                .load(Files.readString(Path.of("examples/ci/github-actions.yml")));
    Map<String, Object> apply =
        (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("apply");
    for (Map<String, Object> step : (List<Map<String, Object>>) apply.get("steps")) {
      if ("the reviewed plan still matches main".equals(step.get("name"))) {
        Matcher m = Pattern.compile("same='([^']*)'").matcher((String) step.get("run"));
        assertThat(m.find()).as("the step defines same='…'").isTrue();
        return m.group(1);
      }
    }
    throw new AssertionError("no step 'the reviewed plan still matches main' in the apply job");
  }

  private String jq(String program, String file) throws Exception {
    Process process =
        new ProcessBuilder("jq", "-S", program, file)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  private static boolean jqAvailable() {
    try {
      Process p = new ProcessBuilder("jq", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private int run(String... args) {
    return invoke(args).exitCode;
  }

  private String output(String... args) {
    Outcome outcome = invoke(args);
    assertThat(outcome.exitCode).as(outcome.err).isIn(0, 2);
    return outcome.out;
  }

  private record Outcome(int exitCode, String out, String err) {}

  private Outcome invoke(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader("")),
            Map.copyOf(env),
            dir,
            false);
    int code = new Main(terminal).run(args);
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
