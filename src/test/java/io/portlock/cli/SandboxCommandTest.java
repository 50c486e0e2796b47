package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private int run(String... args) {
    return SandboxCommand.run(List.of(args), print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  @Test
  void badNumberIsReportedWithoutStackTrace() {
    assertThat(run("--rate-429", "lots")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "portlock sandbox: --rate-429 expected a share from 0 to 1 such as 0.2 but was 'lots'\n"
            + "Run 'portlock sandbox --help' for the options.\n");
  }

  @Test
  void unknownOptionAndLonelyUserAreRefused() {
    assertThat(run("--bogus")).isEqualTo(1);
    assertThat(run("--user", "u")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unrecognized option: --bogus")
        .contains("--user and --password go together; give both or neither")
        .doesNotContain("Exception");
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("portlock sandbox [options]").contains("--drop-rate").contains("--inventory");
  }

  @Test
  void inventoryFileErrorsNameTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, "# ours\n2018551020\n2018551030..2018551032\n\nnot-a-number\n");

    assertThat(run("--inventory", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("portlock sandbox: --inventory: " + file + ":5:1: ");
  }

  @Test
  void inventoryFileReadsNumbersAndRanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, "# ours\n2018551020\n2018551030..2018551032 # block\n");

    assertThat(SandboxCommand.readInventory(file))
        .isEqualTo(NumberSet.of(2018551020L, 2018551030L, 2018551031L, 2018551032L));
  }

  @Test
  void runsUntilStoppedAndPrintsHowToUseIt(@TempDir Path dir) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SandboxCommand.run(
        List.of("--data", dir.toString(), "--processing-delay", "50"), print(out), print(err),
        stop, false));
    String base = awaitBaseUrl();

    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/accounts/9900000/tnoptions"))
            .header("Authorization", "Basic c2FuZGJveDpzYW5kYm94")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    stop.countDown();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("export PORTLOCK_API_URL=" + base + "\n")
        .contains("export BANDWIDTH_CLIENT_ID=sandbox-client\n")
        .contains("export BANDWIDTH_CLIENT_SECRET=sandbox-secret\n")
        .contains("/api/v1/oauth2/token");
    assertThat(dir.resolve("sandbox.json")).exists();
  }

  private String awaitBaseUrl() throws InterruptedException {
    Pattern pattern = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/api/v1\\.0)");
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
