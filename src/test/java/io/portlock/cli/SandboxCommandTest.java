package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import io.portlock.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  private int run(String... args) {
    return SandboxCommand.run(List.of(args), env, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  @Test
  void badNumberIsReportedWithoutStackTrace() {
    assertThat(run("--rate-429", "lots")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "portlock sandbox: --rate-429 expected a share from 0 to 1 such as 0.2 but was 'lots'\n"
                + "Run 'portlock sandbox --help' for the options.\n");
  }

  @Test
  void unknownOptionAndLonelyUserAreRefused() {
    assertThat(run("--bogus")).isEqualTo(1);
    env.put("BANDWIDTH_USERNAME", "u");
    assertThat(run()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unrecognized option: --bogus")
        .contains("BANDWIDTH_USERNAME and BANDWIDTH_PASSWORD go together; set both or neither")
        .doesNotContain("Exception");
  }

  @Test
  void credentialsAreNeverTakenFromTheCommandLine() {
    for (String option : List.of("--password", "--client-secret", "--user", "--client-id")) {
      assertThat(run(option, "x")).as(option).isEqualTo(1);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unrecognized option: --password", "Unrecognized option: --client-secret");
  }

  @Test
  void withoutCredentialsInTheEnvironmentEachRunDrawsItsOwn(@TempDir Path dir) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> SandboxCommand.run(List.of(), env, print(out), print(err), stop, false));
    String base = awaitBaseUrl();
    Matcher secret =
        Pattern.compile("export BANDWIDTH_CLIENT_SECRET=([0-9a-f]{48})\n")
            .matcher(out.toString(StandardCharsets.UTF_8));
    Matcher basic =
        Pattern.compile("Basic auth:  user (\\S+), password ([0-9a-f]{48})\n")
            .matcher(out.toString(StandardCharsets.UTF_8));

    HttpResponse<String> wellKnown = get(base, "Basic c2FuZGJveDpzYW5kYm94"); // sandbox:sandbox
    assertThat(basic.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
    HttpResponse<String> drawn =
        get(
            base,
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        (basic.group(1) + ":" + basic.group(2)).getBytes(StandardCharsets.UTF_8)));
    stop.countDown();

    assertThat(secret.find()).isTrue();
    assertThat(wellKnown.statusCode()).isEqualTo(401);
    assertThat(drawn.statusCode()).isEqualTo(200);
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(0);
  }

  private static HttpResponse<String> get(String base, String authorization) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(base + "/accounts/9900000/tnoptions"))
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("portlock sandbox [options]")
        .contains("--drop-rate")
        .contains("--inventory");
  }

  @Test
  void bandwidthsQuirksAreOptions() throws Exception {
    SandboxOptions.Faults faults =
        SandboxCommand.parse(
                List.of(
                    "--rate-limit",
                    "20/8",
                    "--e164",
                    "--redirect-rate",
                    "0.5",
                    "--lookup-lag",
                    "3000",
                    "--lost-create-rate",
                    "0.1"))
            .faults();

    assertThat(faults)
        .isEqualTo(
            SandboxOptions.Faults.none()
                .withRateLimit(20, java.time.Duration.ofSeconds(8))
                .withE164(true)
                .withRedirectRate(0.5)
                .withLookupLag(java.time.Duration.ofMillis(3000))
                .withLostCreateRate(0.1));
    assertThat(run("--rate-limit", "20")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "--rate-limit expected"
                + " REQUESTS/SECONDS such as 20/8 (20 requests per 8-second window) but was '20'");
  }

  @Test
  void inventoryFileErrorsNameTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, "# ours\n2018551020\n2018551030..2018551032\n\nnot-a-number\n");

    assertThat(run("--inventory", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("portlock sandbox: --inventory: " + file + ":5:1: ");
  }

  @Test
  void inventoryFileReadsNumbersAndRanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, "# ours\n2018551020\n2018551030..2018551032 # block\n");

    assertThat(SandboxCommand.readInventory(file).numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551030L, 2018551031L, 2018551032L));
  }

  @Test
  void inventoryFileSeedsTiersTollFreeNumbersAndNumbersOutsideNanp(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(
        file,
        "2018551020\n2018551030..2018551031 tier=2 # off-net\n"
            + "8005550100 # toll-free\n+44 20 7183 8750\n");

    SandboxCommand.InventorySeed seed = SandboxCommand.readInventory(file);

    assertThat(seed.numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551030L, 2018551031L, 8005550100L));
    assertThat(seed.tiers()).isEqualTo(Map.of(2018551030L, 2, 2018551031L, 2));
    assertThat(seed.otherNumbers()).containsExactly("+442071838750");
  }

  @Test
  void inventoryFileRefusesAnUnknownAttribute(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, "2018551020 teir=2\n");

    assertThat(run("--inventory", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "portlock sandbox: --inventory: "
                + file
                + ":1:12: expected tier=N (N from 0 to 99) after the number but found 'teir=2'");
  }

  @Test
  void rolesChooseWhatTheCredentialsMayList() throws Exception {
    assertThat(SandboxCommand.parse(List.of("--roles", "inservice-numbers")).profile().roles())
        .containsExactly(io.portlock.sandbox.AccountProfile.Role.IN_SERVICE_NUMBERS);
    assertThat(SandboxCommand.parse(List.of("--roles", "none")).profile().roles()).isEmpty();
    assertThat(run("--roles", "admin")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "portlock sandbox: --roles"
                + " expected a comma-separated list of numbers, inservice-numbers (or none) but found"
                + " 'admin'");
  }

  @Test
  void runsUntilStoppedAndPrintsHowToUseIt(@TempDir Path dir) throws Exception {
    env.putAll(
        Map.of(
            "BANDWIDTH_USERNAME",
            "alice",
            "BANDWIDTH_PASSWORD",
            "Pw9fromEnv",
            "BANDWIDTH_CLIENT_ID",
            "ci-client",
            "BANDWIDTH_CLIENT_SECRET",
            "Sec9fromEnv"));
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                SandboxCommand.run(
                    List.of("--data", dir.toString(), "--processing-delay", "50"),
                    env,
                    print(out),
                    print(err),
                    stop,
                    false));
    String base = awaitBaseUrl();

    HttpResponse<String> response =
        get(
            base,
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("alice:Pw9fromEnv".getBytes(StandardCharsets.UTF_8)));
    stop.countDown();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("export PORTLOCK_API_URL=" + base + "\n")
        .contains("export BANDWIDTH_CLIENT_ID=ci-client\n")
        .contains("export BANDWIDTH_CLIENT_SECRET=$BANDWIDTH_CLIENT_SECRET\n")
        .contains("/api/v1/oauth2/token")
        .doesNotContain("Pw9fromEnv")
        .doesNotContain("Sec9fromEnv");
    assertThat(dir.resolve("sandbox.json")).exists();
    assertThat(Files.readString(dir.resolve(".gitignore"))).startsWith("*\n");
  }

  private String awaitBaseUrl() throws InterruptedException {
    Pattern pattern = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/api/v1)");
    for (int i = 0; i < 500; i++) {
      Matcher m = pattern.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no banner; err: " + err.toString(StandardCharsets.UTF_8));
  }
}
