package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's whole-account sandbox session ("A new number in the next plan, in a fresh
 * clone") step by step, as a user would paste it, and holds every output line the README shows to
 * the real output. A step the test cannot run fails it, so the README cannot drift away from it.
 */
class ReadmeWholeAccountSessionTest {
  private static final String HEADING = "**A new number in the next plan, in a fresh clone**";
  private static final Pattern FAILED = Pattern.compile("; (\\d+) failed;");

  @TempDir Path dir;
  private Sandbox sandbox;

  @AfterEach
  void tearDown() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** One {@code $} command of the session and the output lines the README shows under it. */
  record Step(String command, List<String> shown) {}

  @Test
  void theReadmeSessionAppliesWithoutFailuresAndTheNextPlanIsCleanUntilANumberIsBought()
      throws Exception {
    CliHarness harness = new CliHarness(dir);
    // A fresh clone: the examples folder is where the README's commands expect it.
    Files.createDirectories(dir.resolve("examples"));
    Files.copy(Path.of("examples/whole-account.yaml"), dir.resolve("examples/whole-account.yaml"));
    List<Step> steps = steps();
    List<String> applies = new ArrayList<>();
    List<Integer> planExits = new ArrayList<>();
    for (Step step : steps) {
      String command = step.command();
      if (command.startsWith("printf '")) {
        String text = command.substring("printf '".length(), command.lastIndexOf("' > "));
        String file = command.substring(command.lastIndexOf("> ") + 2).trim();
        Files.writeString(dir.resolve(file), text.replace("\\n", "\n"));
        assertThat(step.shown()).as(command).isEmpty();
      } else if (command.startsWith("export ")) {
        for (String pair : command.substring("export ".length()).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          harness.env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (sandbox != null) {
          harness.env.put("PORTLOCK_API_URL", sandbox.baseUrl().toString());
          harness.env.put("PORTLOCK_TOKEN_URL", sandbox.tokenUrl().toString());
        }
      } else if (command.startsWith("bin/portlock sandbox ") && command.endsWith(" &")) {
        sandbox = startSandbox(command, harness);
      } else if (command.startsWith("curl ")) {
        buy(command, harness);
      } else if (command.startsWith("bin/portlock ")) {
        boolean echoExit = command.endsWith("; echo $?");
        String args = command.substring("bin/portlock ".length()).replace("; echo $?", "");
        CliHarness.Result run = harness.run(args.trim().split("\\s+"));
        List<String> real = new ArrayList<>(lines(run.out()));
        real.addAll(lines(run.err()));
        if (echoExit) {
          real.add(Integer.toString(run.exitCode()));
        }
        assertShown(command, step.shown(), real, run);
        if (args.startsWith("apply ")) {
          applies.add(run.all());
          assertThat(run.exitCode()).as(run.all()).isZero();
        } else if (args.startsWith("plan ")) {
          planExits.add(run.exitCode());
        }
      } else {
        throw new AssertionError(
            "the README's session has a step this test cannot run: " + command);
      }
    }
    assertThat(applies).hasSize(1);
    Matcher failed = FAILED.matcher(applies.get(0));
    assertThat(failed.find()).as(applies.get(0)).isTrue();
    assertThat(failed.group(1)).as("the apply's failure count").isEqualTo("0");
    // The plan right after the apply has nothing to do; the one after the purchase adds a number.
    assertThat(planExits).containsExactly(0, 2);
  }

  /**
   * The README's lines are the real output (its standard output, then its standard error, then the
   * exit code when the command echoes it), line for line; "..." stands for any lines.
   */
  private static void assertShown(
      String command, List<String> shown, List<String> real, CliHarness.Result run) {
    int at = 0;
    boolean anchored = true;
    for (String line : shown) {
      if (line.equals("...")) {
        anchored = false;
        continue;
      }
      int found = -1;
      for (int i = at; i < real.size() && (found < 0); i++) {
        if (normalized(real.get(i)).equals(line)) {
          found = i;
        } else if (anchored) {
          break;
        }
      }
      assertThat(found)
          .as(
              "the README shows under '$ %s' the line%n  %s%n%s but the real output is:%n%s",
              command,
              line,
              anchored ? "right after the one before" : "",
              run.all() + "\nexit " + run.exitCode())
          .isNotNegative();
      at = found + 1;
      anchored = true;
    }
    if (anchored) {
      assertThat(real.subList(at, real.size()))
          .as("the real output of '$ %s' goes on after the README's last line", command)
          .isEmpty();
    }
  }

  /** Fingerprints differ per state (its salt): the README writes them as {@code fp …}. */
  private static String normalized(String line) {
    return line.replaceAll("fp [0-9a-f]{6}…", "fp …");
  }

  private Sandbox startSandbox(String command, CliHarness harness) throws Exception {
    List<String> args =
        new ArrayList<>(
            Arrays.asList(
                command
                    .substring("bin/portlock sandbox ".length(), command.length() - 2)
                    .trim()
                    .split("\\s+")));
    int port = args.indexOf("--port");
    args.set(port + 1, "0");
    int inventory = args.indexOf("--inventory");
    args.set(inventory + 1, dir.resolve(args.get(inventory + 1)).toString());
    SandboxOptions options =
        SandboxCommand.withCredentials(SandboxCommand.parse(args), harness.env)
            .withProcessingDelay(Duration.ofMillis(40));
    return Sandbox.start(options);
  }

  /** The README's curl: buys the number of its order body with Basic auth, as Bandwidth does. */
  private void buy(String command, CliHarness harness) throws Exception {
    Matcher body = Pattern.compile("-d '([^']*)'").matcher(command);
    Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/api/v1(/\\S+)").matcher(command);
    Matcher user = Pattern.compile("-u (\\S+):(\\S+)").matcher(command);
    assertThat(body.find() && url.find() && user.find()).as(command).isTrue();
    assertThat(user.group(1)).isEqualTo(harness.env.get("BANDWIDTH_USERNAME"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + url.group(1)))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (user.group(1) + ":" + user.group(2)).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body.group(1)))
            .build();
    HttpResponse<String> bought =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
  }

  /** The session's console block in the README, cut into commands and the lines under each. */
  static List<Step> steps() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int heading = readme.indexOf(HEADING);
    assertThat(heading).as("the README's section " + HEADING).isNotNegative();
    int start = readme.indexOf("```console\n", heading) + "```console\n".length();
    String block = readme.substring(start, readme.indexOf("\n```", start));
    List<Step> steps = new ArrayList<>();
    StringBuilder command = null;
    List<String> shown = new ArrayList<>();
    for (String line : block.split("\n", -1)) {
      if (command != null && command.toString().endsWith("\\")) {
        command.setLength(command.length() - 1);
        command.append(' ').append(line.trim());
      } else if (line.startsWith("$ ")) {
        if (command != null) {
          steps.add(new Step(command.toString().trim(), shown));
        }
        command = new StringBuilder(line.substring(2));
        shown = new ArrayList<>();
      } else {
        shown.add(line);
      }
    }
    steps.add(new Step(command.toString().trim(), shown));
    return steps;
  }

  private static List<String> lines(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1));
  }
}
