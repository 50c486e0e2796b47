package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.sandbox.ReceivedOrder;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM sent to the packaged jar in the middle of an apply, as a terminal or a CI
 * cancel sends them. Runs in {@code mvn verify}, after {@code package}.
 */
@Timeout(600) // only catches a hang: each test takes seconds
class InterruptedApplyIT {
  private static final Path JAR = Path.of("target", "portlock.jar").toAbsolutePath();

  /** Far above any normal wait here; only catches something that never happens. */
  private static final Duration HANG = Duration.ofMinutes(3);

  private static final String PASSCODE = "Hq7seCret";

  @TempDir Path dir;
  private Sandbox sandbox;
  private Process child;

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.destroyForcibly();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Three orders of 4 numbers: the first is at Bandwidth when the signal comes. */
  private void config() throws IOException {
    Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        orders:
          max_numbers: 4
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "2018551020..2018551031"
        """);
  }

  private Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("apply.out").toFile())
            .redirectError(dir.resolve("apply.err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("PORTLOCK_API_URL", sandbox.baseUrl().toString());
    builder.environment().put("PORTLOCK_TOKEN_URL", sandbox.tokenUrl().toString());
    builder.environment().put("BANDWIDTH_CLIENT_ID", SandboxOptions.DEFAULT_CLIENT_ID);
    builder.environment().put("BANDWIDTH_CLIENT_SECRET", SandboxOptions.DEFAULT_CLIENT_SECRET);
    builder.environment().put("HQ_PASSCODE", PASSCODE);
    return builder.start();
  }

  private CliHarness inProcess() {
    CliHarness cli = new CliHarness(dir);
    cli.env.put("PORTLOCK_API_URL", sandbox.baseUrl().toString());
    cli.env.put("PORTLOCK_TOKEN_URL", sandbox.tokenUrl().toString());
    cli.env.put("BANDWIDTH_CLIENT_ID", SandboxOptions.DEFAULT_CLIENT_ID);
    cli.env.put("BANDWIDTH_CLIENT_SECRET", SandboxOptions.DEFAULT_CLIENT_SECRET);
    cli.env.put("HQ_PASSCODE", PASSCODE);
    return cli;
  }

  private static void signal(Process process, String name) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(child.isAlive())
          .as(
              "apply still running while waiting for "
                  + what
                  + "; "
                  + read("apply.out")
                  + read("apply.err"))
          .isTrue();
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private int exitCode() throws InterruptedException {
    assertThat(child.waitFor(HANG.toMillis(), TimeUnit.MILLISECONDS)).as("apply ended").isTrue();
    return child.exitValue();
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private State state() {
    return new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
  }

  @Test
  void ctrlCSendsNoNewOrderRecordsTheOneAtBandwidthAndExits130() throws Exception {
    assertThat(JAR).as("mvn verify packages the jar before the integration tests").isRegularFile();
    sandbox = Sandbox.start(SandboxOptions.defaults().withProcessingDelay(Duration.ofSeconds(2)));
    config();
    child = start("apply", "--auto-approve", "--parallelism", "1");
    await("the first order", () -> !sandbox.receivedOrders().isEmpty());

    signal(child, "INT");

    assertThat(exitCode()).as(read("apply.out") + read("apply.err")).isEqualTo(130);
    assertThat(read("apply.out"))
        .contains(
            "Interrupted by SIGINT: sending no new orders;"
                + " following the orders already at Bandwidth for up to 60s to record them. Interrupt"
                + " again to stop at once; the state's journal keeps them for the next apply.\n");
    assertThat(read("apply.err"))
        .isEqualTo(
            "Apply interrupted by SIGINT: 4 numbers recorded as"
                + " Bandwidth confirmed them; 0 orders still in the state's journal; 2 orders not sent."
                + " Run 'portlock apply' to resume: it follows the journaled orders first, then plans"
                + " what is left.\n");
    assertThat(sandbox.receivedOrders()).hasSize(1);
    assertThat(state().journal()).isEmpty();
    assertThat(state().size()).isEqualTo(4);
    assertThat(read("apply.out") + read("apply.err")).doesNotContain(PASSCODE);

    sandbox.setProcessingDelay(Duration.ofMillis(40));
    CliHarness.Result rest = inProcess().run("apply", "--auto-approve");
    assertThat(rest.exitCode()).as(rest.all()).isZero();
    assertThat(sandbox.receivedOrders()).hasSize(3);
    assertThat(sandbox.passcodes()).hasSize(12);
  }

  @Test
  void aSecondSigtermStopsAtOnceAndTheNextApplyResumesTheJournaledOrder() throws Exception {
    assertThat(JAR).as("mvn verify packages the jar before the integration tests").isRegularFile();
    Path data = dir.resolve("sandbox-data");
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withDataDir(data)
                .withProcessingDelay(Duration.ofMinutes(30)));
    config();
    child = start("apply", "--auto-approve", "--parallelism", "1");
    await("the first order", () -> !sandbox.receivedOrders().isEmpty());

    signal(child, "TERM");
    await("the first signal to be heard", () -> read("apply.out").contains("Interrupted by"));
    signal(child, "TERM");

    assertThat(exitCode()).as(read("apply.out") + read("apply.err")).isEqualTo(143);
    assertThat(read("apply.out"))
        .endsWith(
            "Stopped at once by a second SIGTERM: 1 order sent"
                + " and not yet recorded stays in the state's journal. Run 'portlock apply' to follow and"
                + " record them, then apply the rest.\n");
    String journaled = sandbox.receivedOrders().get(0).customerOrderId();
    assertThat(state().journal())
        .singleElement()
        .satisfies(e -> assertThat(e.customerOrderId()).isEqualTo(journaled));

    // Bandwidth finishes the order meanwhile (the sandbox ends orders in flight when it stops).
    sandbox.close();
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults().withDataDir(data).withProcessingDelay(Duration.ofMillis(40)));
    CliHarness.Result resumed = inProcess().run("apply", "--auto-approve");

    assertThat(resumed.exitCode()).as(resumed.all()).isZero();
    assertThat(resumed.out()).contains("Resuming order " + journaled);
    // The restarted sandbox lists the orders it received since: the journaled one is not sent
    // again, the two never sent are.
    assertThat(sandbox.receivedOrders())
        .extracting(ReceivedOrder::customerOrderId)
        .doesNotContain(journaled)
        .doesNotHaveDuplicates()
        .hasSize(2);
    assertThat(sandbox.passcodes()).hasSize(12);
    assertThat(state().journal()).isEmpty();
  }
}
