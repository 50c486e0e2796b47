package io.portlock.chaos;

import io.portlock.bench.BenchmarkData;
import io.portlock.chaos.ChaosReport.KillMoment;
import io.portlock.domain.Passcode;
import io.portlock.sandbox.ReceivedOrder;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import io.portlock.state.FileStateStore;
import io.portlock.state.JournalEntry;
import io.portlock.state.LockInfo;
import io.portlock.state.State;
import io.portlock.state.StateException;
import io.portlock.state.StateStore;
import io.portlock.state.StateStores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Proof under faults: applies a generated config to an in-process sandbox that injects 429s, 500s
 * and dropped connections, refuses calls beyond its rate-limit window and shows new orders in its
 * lookup only after a lag, kills each apply (a separate JVM) with SIGKILL at a random moment
 * ({@link KillTrigger}: timed, right after a state write, or while an order is at Bandwidth),
 * checks that the state file parses after every kill, then applies to the end and checks that the
 * state matches the sandbox exactly and that no order was sent twice. When an apply finishes before
 * its kill, every group's passcode is rotated so the next one has work. A first phase starts two
 * applies at the same moment: one must proceed and the other fail on the lock, naming the holder.
 *
 * <p>Usage: {@code bin/chaos [--numbers N] [--groups G] [--kills K] [--seed S] [--dir DIR]} (see
 * {@link ChaosOptions#USAGE}); exit 0 when every criterion held, 1 when one failed, 2 on a usage
 * error.
 */
public final class ChaosRun {
  private static final Duration LOCK_RACE_LIMIT = Duration.ofSeconds(60);
  private static final Duration PLAN_LIMIT = Duration.ofMinutes(2);

  private final ChaosOptions options;
  private final PrintStream out;
  private final Random random;
  private final Path config;
  private final StateStore store;

  /** With the state in PostgreSQL: its serial, for the kill trigger, and the faults it plays. */
  private final DatabaseProbe database;

  private final Runnable restartDatabase;
  private final Random faultRandom;
  private int databaseCuts;
  private int databaseCutsThatHit;
  private int databaseRestarts;
  private final List<Child> live = new ArrayList<>();
  private final Map<KillMoment, Integer> kills = new EnumMap<>(KillMoment.class);
  private final Map<Integer, Integer> ownEnds = new TreeMap<>();
  private final List<String> stateProblems = new ArrayList<>();
  private final List<Integer> passStarts = new ArrayList<>(List.of(0));
  private final Map<String, Passcode> passcodes = new LinkedHashMap<>();
  private BenchmarkData.Generated workspace;
  private Sandbox sandbox;
  private Map<String, String> env;
  private int stateChecks;
  private long lastSerial;
  private int runs;

  private ChaosRun(ChaosOptions options, PrintStream out, Runnable restartDatabase) {
    this.options = options;
    this.out = out;
    this.random = new Random(options.seed());
    this.faultRandom = new Random(options.seed() + 1);
    this.config = options.dir().resolve("portlock.yaml");
    this.store =
        options.postgres()
            ? StateStores.forLocation(
                options.stateUrl(), options.dir(), WORKSPACE, System.getenv("PGPASSWORD"))
            : new FileStateStore(options.dir().resolve("portlock.state.json"));
    this.database =
        options.postgres()
            ? new DatabaseProbe(options.stateUrl(), System.getenv("PGPASSWORD"), WORKSPACE)
            : null;
    this.restartDatabase =
        restartDatabase != null
            ? restartDatabase
            : options.dbRestart() == null ? null : () -> shell(options.dbRestart());
  }

  /** The workspace of the generated config: its account and file name, as portlock names it. */
  static final String WORKSPACE = "9900000/portlock";

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int code;
    try {
      if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
        out.println(ChaosOptions.USAGE);
        System.exit(0);
      }
      ChaosOptions options = ChaosOptions.parse(List.of(args), null, defaultJar());
      if (options.dir() == null) {
        options = options.copy(b -> b.dir = temporaryDir());
      }
      ChaosReport report = run(options, out);
      code = report.passed() ? 0 : 1;
    } catch (IllegalArgumentException e) {
      System.err.println("Error: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** Runs every phase and prints the table; the report says whether every criterion held. */
  public static ChaosReport run(ChaosOptions options, PrintStream out) {
    return run(options, out, null);
  }

  /**
   * Runs with the state in PostgreSQL and {@code restartDatabase} to restart it mid-apply (tests
   * that own the server pass it); null: {@code --db-restart}, if given.
   */
  public static ChaosReport run(ChaosOptions options, PrintStream out, Runnable restartDatabase) {
    return new ChaosRun(options, out, restartDatabase).run();
  }

  private ChaosReport run() {
    long start = System.nanoTime();
    prepare();
    SandboxOptions.Faults faults =
        new SandboxOptions.Faults(
                Duration.ZERO,
                options.rate429(),
                1,
                options.rate500(),
                options.dropRate(),
                options.seed())
            .withLookupLag(options.lookupLag())
            .withRateLimit(options.rateLimitRequests(), options.rateLimitWindow());
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withFaults(faults)
                .withMaxNumbersPerOrder(Math.max(10_000, options.maxNumbers())));
    try {
      sandbox.setProcessingDelay(options.processingMin(), options.processingMax());
      Map<String, String> childEnv =
          new LinkedHashMap<>(
              Map.of(
                  "PORTLOCK_API_URL",
                  sandbox.baseUrl().toString(),
                  "PORTLOCK_TOKEN_URL",
                  sandbox.tokenUrl().toString(),
                  "BANDWIDTH_CLIENT_ID",
                  SandboxOptions.DEFAULT_CLIENT_ID,
                  "BANDWIDTH_CLIENT_SECRET",
                  SandboxOptions.DEFAULT_CLIENT_SECRET));
      if (options.postgres()) {
        // In the environment, not on the command line, where every local user could read it.
        childEnv.put("PORTLOCK_STATE_URL", options.stateUrl());
        if (System.getenv("PGPASSWORD") != null) {
          childEnv.put("PGPASSWORD", System.getenv("PGPASSWORD"));
        }
      }
      env = Map.copyOf(childEnv);
      ChaosReport.LockRace[] race = new ChaosReport.LockRace[1];
      Child winner = options.postgres() ? sharedLockRace(race) : lockRace(race);
      killRepeatedly(winner);
      int finalExit;
      Duration finalTime;
      int finalApplies = 0;
      Optional<State> state;
      do {
        // An apply whose create answer was lost for good ends 1 with the order in the journal
        // (its outcome unknown); the next apply resolves it. At most three in all.
        finalApplies++;
        String label = finalApplies == 1 ? "final-apply" : "final-apply-" + finalApplies;
        Child last = apply(label);
        boolean ended = last.awaitExit(options.finalTimeout());
        if (!ended) {
          out.println(
              label
                  + ": still running after "
                  + ChaosReport.seconds(options.finalTimeout())
                  + "; killed");
          last.kill();
        }
        live.remove(last);
        finalExit = ended ? last.exitCode() : -1;
        finalTime = last.elapsed();
        out.println(label + ": exit " + finalExit + " after " + ChaosReport.seconds(finalTime));
        state = checkState(label);
      } while (finalExit == 1
          && finalApplies < 3
          && state.map(s -> !s.journal().isEmpty()).orElse(false));
      int planExit = plan();
      Convergence convergence =
          Convergence.check(state.orElse(null), workspace.groups(), passcodes, sandbox.passcodes());
      List<ReceivedOrder> received = sandbox.receivedOrders();
      ChaosReport report =
          new ChaosReport(
              options,
              options.kills(),
              kills,
              ownEnds,
              passStarts.size(),
              options.ordersPerPass(),
              sandbox.faultCounts(),
              sandbox.createRequests(),
              OrderAudit.of(received, passStarts),
              List.copyOf(stateProblems),
              stateChecks,
              race[0],
              finalExit,
              finalTime,
              finalApplies,
              convergence,
              planExit,
              Duration.ofNanos(System.nanoTime() - start),
              options.postgres()
                  ? new ChaosReport.DatabaseFaults(
                      databaseCuts, databaseCutsThatHit, databaseRestarts)
                  : null);
      out.println();
      out.print(report.render());
      return report;
    } finally {
      live.forEach(Child::kill);
      sandbox.close();
      if (database != null) {
        database.close();
      }
    }
  }

  /** Generates the workspace: no state, orders of {@code max_numbers}, a passcode file a group. */
  private void prepare() {
    if (Files.exists(config)) {
      throw new IllegalArgumentException(
          options.dir()
              + " already holds a chaos run; pass an"
              + " empty or new --dir, or delete it");
    }
    if (!Files.isRegularFile(options.jar())) {
      throw new IllegalArgumentException(
          "no portlock jar at "
              + options.jar()
              + "; build it"
              + " with 'mvn -B -q -DskipTests package' or pass --jar");
    }
    try {
      workspace =
          BenchmarkData.generate(
              options.dir(), options.numbers(), options.groups(), null, 0, options.maxNumbers());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot write the workspace in " + options.dir() + ": " + e.getMessage(), e);
    }
    workspace.groups().forEach(g -> passcodes.put(g.name(), g.passcode()));
    out.printf(
        Locale.ROOT,
        "Chaos run in %s: %,d numbers in %d groups, orders of %,d, %d kills," + " seed %d%n",
        options.dir(),
        options.numbers(),
        options.groups(),
        options.maxNumbers(),
        options.kills(),
        options.seed());
  }

  /**
   * Starts two applies at once and waits for the first to end: it must have failed on the lock with
   * the holder's ID and pid while the other holds the lock. Returns the other, still running (or
   * ended), for the kill loop.
   */
  private Child lockRace(ChaosReport.LockRace[] result) {
    Child a = apply("lock-race-a");
    Child b = apply("lock-race-b");
    long deadline = System.nanoTime() + LOCK_RACE_LIMIT.toNanos();
    while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
      a.awaitExit(Duration.ofMillis(20));
    }
    if (a.isAlive() && b.isAlive()) {
      String why =
          "neither apply ended within "
              + LOCK_RACE_LIMIT.toSeconds()
              + " s, so neither"
              + " was refused the lock";
      result[0] = new ChaosReport.LockRace(false, "neither refused", why);
      b.kill();
      live.remove(b);
      return a;
    }
    Child loser = a.isAlive() ? b : a;
    Child winner = loser == a ? b : a;
    loser.awaitExit(Duration.ofSeconds(10));
    live.remove(loser);
    LockInfo holder = ((FileStateStore) store).holder();
    boolean winnerHolds =
        winner.isAlive() ? holder != null && holder.pid() == winner.pid() : winner.exitCode() == 0;
    String err = loser.stderr().strip();
    boolean named =
        err.contains("is locked: ID ")
            && (holder == null || !winner.isAlive() || err.contains("ID " + holder.id()))
            && err.contains("(pid " + winner.pid() + ")");
    boolean passed = loser.exitCode() == 1 && named && winnerHolds;
    String detail =
        passed
            ? "pid "
                + winner.pid()
                + " ran, pid "
                + loser.pid()
                + " exit 1: \""
                + excerpt(err)
                + "\""
            : "first to end: pid "
                + loser.pid()
                + " exit "
                + loser.exitCode()
                + ": \""
                + excerpt(err)
                + "\"; the other (pid "
                + winner.pid()
                + ") "
                + (winner.isAlive() ? "runs" : "ended with exit " + winner.exitCode())
                + (winnerHolds ? " holding the lock" : " without the lock");
    String summary =
        passed
            ? "1 ran, 1 exit 1 naming the holder"
            : loser.exitCode() != 1
                ? "the first to end exited " + loser.exitCode()
                : !named
                    ? "1 exit 1 without the holder's ID and pid"
                    : "the other did not hold the lock";
    result[0] = new ChaosReport.LockRace(passed, summary, detail);
    out.println("lock race: " + detail);
    checkState(loser.label);
    return winner;
  }

  /**
   * With the state in PostgreSQL: two runners with separate checkouts of the config start at the
   * same moment, each waiting for the lock. One applies; the other waits for it, then finds nothing
   * to do ("No changes."). Both exit 0 and no order is sent twice. The kill loop then starts from a
   * rotation of the passcodes, as after any apply that ran to its end.
   */
  private Child sharedLockRace(ChaosReport.LockRace[] result) {
    Path other = options.dir().resolve("checkout-b");
    copyCheckout(options.dir(), other);
    List<String> waitForLock = List.of("--lock-timeout", "10m");
    Child a = apply("lock-race-a", options.dir(), config, waitForLock);
    Child b = apply("lock-race-b", other, other.resolve("portlock.yaml"), waitForLock);
    // The one holding the lock ends first; the other waits for it and only then plans.
    long deadline = System.nanoTime() + options.finalTimeout().multipliedBy(2).toNanos();
    while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
      a.awaitExit(Duration.ofMillis(20));
    }
    Child worker = a.isAlive() ? b : a;
    Child waiter = worker == a ? b : a;
    boolean ended = !worker.isAlive() && waiter.awaitExit(options.finalTimeout());
    if (!ended) {
      a.kill();
      b.kill();
    }
    live.remove(a);
    live.remove(b);
    String waited = waiter.stdout();
    boolean idle = waited.contains("No changes.");
    // Under the sandbox's faults the first may end 1 with a lost answer's outcome unknown,
    // still journaled: then the waiter resolves that order instead of finding nothing to do.
    boolean lostAnswer = worker.exitCode() == 1 && lostAnswer(worker);
    boolean passed =
        ended
            && (worker.exitCode() == 0 ? idle : lostAnswer)
            && (waiter.exitCode() == 0 || lostAnswer(waiter));
    String detail =
        ended
            ? "pid "
                + worker.pid()
                + " ("
                + worker.label
                + ") took the lock and applied, exit "
                + worker.exitCode()
                + (lostAnswer ? " (an answer lost, its order left journaled)" : "")
                + "; pid "
                + waiter.pid()
                + " ("
                + waiter.label
                + ") waited for the lock, then"
                + (idle ? " found nothing to do" : " applied what was left")
                + ", exit "
                + waiter.exitCode()
                + (waiter.exitCode() == 1 ? " (an answer lost)" : "")
            : "the two applies did not both end within "
                + ChaosReport.seconds(options.finalTimeout().multipliedBy(2));
    result[0] =
        new ChaosReport.LockRace(
            passed,
            !passed
                ? "worker exit "
                    + worker.exitCode()
                    + ", waiter exit "
                    + waiter.exitCode()
                    + (idle ? ", no changes" : "")
                : idle
                    ? "1 applied, 1 waited then found nothing to do"
                    : "1 applied (1 answer lost), 1 waited then resolved it",
            detail,
            "1 applies, 1 waits for it");
    out.println("lock race: " + detail);
    checkState("lock-race");
    if (passed && killsLanded() < options.kills()) {
      rotatePasscodes();
    }
    return null;
  }

  /** Ended 1 only because a create's answer was lost for good: its order stays journaled. */
  private static boolean lostAnswer(Child child) {
    return child.exitCode() == 0
        || child.exitCode() == 1 && child.stdout().contains("outcome is unknown");
  }

  private static void copyCheckout(Path from, Path to) {
    try {
      Files.createDirectories(to);
      Files.copy(from.resolve("portlock.yaml"), to.resolve("portlock.yaml"));
      for (String folder : List.of("numbers", "secrets")) {
        Path source = from.resolve(folder);
        if (!Files.isDirectory(source)) {
          continue;
        }
        Files.createDirectories(to.resolve(folder));
        try (var files = Files.list(source)) {
          for (Path file : files.toList()) {
            Files.copy(file, to.resolve(folder).resolve(file.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy the checkout to " + to, e);
    }
  }

  /**
   * With the state in PostgreSQL, every apply of the kill loop meets a database fault in the middle
   * of its work: once it has written the state (its lock held, an order journaled), a seeded moment
   * later every portlock connection is cut, or the database restarts (the two alternate when a
   * restart command is given). The apply is not killed for it: it must ride it out, and the kill
   * trigger still follows. Faults draw from their own random, so the kills are those a file-state
   * run with the same seed draws.
   */
  private void databaseFault(Child current) {
    if (database == null) {
      return;
    }
    Object before = database.serial();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (java.util.Objects.equals(database.serial(), before)) {
      if (current.awaitExit(Duration.ofMillis(5)) || System.nanoTime() > deadline) {
        return;
      }
    }
    if (current.awaitExit(Duration.ofMillis(faultRandom.nextInt(400)))) {
      return;
    }
    boolean restart = restartDatabase != null && (databaseCuts + databaseRestarts) % 2 == 1;
    if (restart) {
      restartDatabase.run();
      databaseRestarts++;
      out.printf(
          Locale.ROOT,
          "%s: database restarted after %s%n",
          current.label,
          ChaosReport.seconds(current.elapsed()));
    } else {
      int cut = database.cutConnections();
      databaseCuts++;
      databaseCutsThatHit += cut > 0 ? 1 : 0;
      out.printf(
          Locale.ROOT,
          "%s: %d database connections cut after %s%n",
          current.label,
          cut,
          ChaosReport.seconds(current.elapsed()));
    }
  }

  private static void shell(String command) {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("--db-restart command failed or hung");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run --db-restart", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String excerpt(String text) {
    String line = text.lines().findFirst().orElse("");
    int id = line.indexOf(", operation");
    return id > 0 ? line.substring(0, id) + "..." : line;
  }

  /**
   * Kills applies until {@code --kills} kills landed on running ones, each at a moment drawn by
   * {@link KillTrigger}. An apply that ends on its own is recorded, and after a success the
   * passcodes rotate so that the next one has work again.
   */
  private void killRepeatedly(Child first) {
    Child current = first;
    int maxRuns = options.kills() * 4 + 20;
    while (killsLanded() < options.kills() && runs < maxRuns) {
      if (current == null) {
        current = apply(String.format(Locale.ROOT, "apply-%03d", runs + 1));
      }
      KillTrigger trigger = KillTrigger.draw(random, options);
      databaseFault(current);
      boolean ended =
          !trigger.await(current, stateVersion(), () -> sandbox.receivedOrders().size());
      if (!ended) {
        current.kill();
      }
      live.remove(current);
      boolean killed = !ended && current.exitCode() == 137;
      if (killed) {
        KillMoment moment = moment(current.label);
        kills.merge(moment, 1, Integer::sum);
        out.printf(
            Locale.ROOT,
            "%s: killed after %s, %s: %s%s%n",
            current.label,
            ChaosReport.seconds(current.elapsed()),
            trigger,
            moment.description,
            progress());
      } else {
        int code = current.exitCode();
        ownEnds.merge(code, 1, Integer::sum);
        checkState(current.label);
        out.printf(
            Locale.ROOT,
            "%s: ended on its own with exit %d after %s%s%n",
            current.label,
            code,
            ChaosReport.seconds(current.elapsed()),
            progress());
        if (code == 0 && killsLanded() < options.kills()) {
          rotatePasscodes();
        } else if (code != 0) {
          out.println("  " + excerpt(current.stderr()) + " (see " + current.err + ")");
        }
      }
      current = null;
    }
  }

  /** What changes with every state write: the file's identity, or the stored serial. */
  private java.util.function.Supplier<Object> stateVersion() {
    if (database != null) {
      return database::serial;
    }
    Path file = ((FileStateStore) store).file();
    Path journal = file.resolveSibling(file.getFileName() + ".journal");
    return () -> List.of(KillTrigger.identity(file), KillTrigger.identity(journal));
  }

  /** Reads the state after a kill (it must parse) and tells where the apply was. */
  private KillMoment moment(String label) {
    Optional<State> state = checkState(label);
    List<JournalEntry> journal = state.map(State::journal).orElse(List.of());
    if (journal.isEmpty()) {
      return KillMoment.NOTHING_IN_FLIGHT;
    }
    Set<String> received = new HashSet<>();
    sandbox.receivedOrders().forEach(o -> received.add(o.customerOrderId()));
    boolean unsent = journal.stream().anyMatch(j -> !received.contains(j.customerOrderId()));
    return unsent ? KillMoment.JOURNALED_NOT_SENT : KillMoment.SENT_NOT_RECORDED;
  }

  /**
   * Reads the state as the next apply will: it must parse, must not vanish once written, and its
   * serial must never go back.
   */
  private Optional<State> checkState(String label) {
    stateChecks++;
    try {
      Optional<State> state = store.read();
      if (state.isEmpty() && lastSerial > 0) {
        stateProblems.add(label + ": the state file is gone after serial " + lastSerial);
      }
      if (state.isPresent()) {
        if (state.get().serial() < lastSerial) {
          stateProblems.add(
              label
                  + ": the state went back from serial "
                  + lastSerial
                  + " to "
                  + state.get().serial());
        }
        lastSerial = Math.max(lastSerial, state.get().serial());
      }
      return state;
    } catch (StateException | IllegalArgumentException e) {
      stateProblems.add(label + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private String progress() {
    try {
      Optional<State> state = store.read();
      return state
          .map(
              s ->
                  String.format(
                      Locale.ROOT,
                      "; state serial %d, %,d numbers, %d in" + " the journal",
                      s.serial(),
                      s.size(),
                      s.journal().size()))
          .orElse("; no state yet");
    } catch (RuntimeException e) {
      return "; the state does not parse";
    }
  }

  /** A new passcode for every group, so the next apply changes every number again. */
  private void rotatePasscodes() {
    int pass = passStarts.size() + 1;
    passStarts.add(sandbox.receivedOrders().size());
    for (BenchmarkData.Group group : workspace.groups()) {
      Passcode next =
          Passcode.of(
              String.format(Locale.ROOT, "P%02dx%s", pass, group.name().replaceAll("[^0-9]", "")));
      try {
        Files.writeString(group.passcodeFile(), next.reveal() + "\n");
      } catch (IOException e) {
        throw new IllegalStateException("cannot rotate " + group.passcodeFile(), e);
      }
      passcodes.put(group.name(), next);
    }
    out.println("  every passcode rotated: pass " + pass + " begins");
  }

  private int plan() {
    Child plan =
        child(
            "final-plan",
            List.of(
                "plan",
                "--detailed-exitcode",
                "--refresh=false",
                "-c",
                config.toString(),
                "--no-color"));
    if (!plan.awaitExit(PLAN_LIMIT)) {
      plan.kill();
      live.remove(plan);
      return -1;
    }
    live.remove(plan);
    out.println("final-plan: exit " + plan.exitCode());
    return plan.exitCode();
  }

  private Child apply(String label) {
    return apply(label, options.dir(), config, List.of());
  }

  /** An apply in {@code checkout} (the run's folder, or a copy of it) of its config. */
  private Child apply(String label, Path checkout, Path configFile, List<String> extra) {
    runs++;
    List<String> args =
        new ArrayList<>(
            List.of(
                "apply",
                "--auto-approve",
                "--parallelism",
                Integer.toString(options.parallelism()),
                "--lookup-wait",
                options.lookupWait().toMillis() + "ms",
                "-c",
                configFile.toString(),
                "--no-color"));
    args.addAll(extra);
    Child child = Child.start(options.jar(), checkout, env, label, args);
    live.add(child);
    return child;
  }

  private Child child(String label, List<String> args) {
    Child child = Child.start(options.jar(), options.dir(), env, label, args);
    live.add(child);
    return child;
  }

  private int killsLanded() {
    return kills.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The jar this class was loaded from, else {@code target/portlock.jar}. */
  private static Path defaultJar() {
    try {
      Path source =
          Path.of(ChaosRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(source) && source.toString().endsWith(".jar")) {
        return source;
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through to the build's usual place
    }
    return Path.of("target", "portlock.jar").toAbsolutePath();
  }

  private static Path temporaryDir() {
    try {
      return Files.createTempDirectory("portlock-chaos-");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create a temporary folder; pass --dir", e);
    }
  }
}
