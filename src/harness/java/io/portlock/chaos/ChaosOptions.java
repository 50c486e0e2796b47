package io.portlock.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run a chaos run: the workload, the faults, when to kill, and where.
 *
 * @param numbers numbers in the generated config
 * @param groups groups they are spread over, each with its own passcode file
 * @param maxNumbers the config's {@code orders.max_numbers}: small, so there are many orders
 * @param kills SIGKILLs to land on running applies before the final apply
 * @param seed drives the kill moments and the sandbox's faults, so a run can be replayed
 * @param dir the workspace (config, state, logs); must not hold an earlier run
 * @param jar the portlock jar the applies run from
 * @param parallelism {@code apply --parallelism}
 * @param processingMin the shortest time the sandbox takes to end an order
 * @param processingMax the longest
 * @param killAfterMin the earliest a kill lands after its apply started
 * @param killAfterMax the latest
 * @param rate429 share of API calls answered 429 with Retry-After 1
 * @param rate500 share answered 500
 * @param dropRate share whose connection is dropped (half of them after the request was done)
 * @param finalTimeout how long the last apply, never killed, may take
 * @param lookupLag how long a new order stays out of the sandbox's lookup by customerOrderId
 * @param rateLimitRequests API requests the sandbox allows per rate-limit window (0: no limit)
 * @param rateLimitWindow the length of the window; beyond its requests, 429 with X-RateLimit-Reset
 *     and an empty body
 * @param stateUrl {@code --state postgresql://...}: the applies keep their state in that database
 *     (given to them as PORTLOCK_STATE_URL), and the run also cuts their connections; null: a state
 *     file
 * @param dbRestart {@code --db-restart CMD}: a shell command that restarts that database, run
 *     mid-apply; null: connections are only cut
 */
public record ChaosOptions(
    int numbers,
    int groups,
    int maxNumbers,
    int kills,
    long seed,
    Path dir,
    Path jar,
    int parallelism,
    Duration processingMin,
    Duration processingMax,
    Duration killAfterMin,
    Duration killAfterMax,
    double rate429,
    double rate500,
    double dropRate,
    Duration finalTimeout,
    Duration lookupLag,
    int rateLimitRequests,
    Duration rateLimitWindow,
    String stateUrl,
    String dbRestart) {

  /** Bandwidth's lookup lag and rate-limit window, as every chaos run plays them. */
  static final Duration DEFAULT_LOOKUP_LAG = Duration.ofMillis(1500);

  static final int DEFAULT_RATE_LIMIT_REQUESTS = 10;
  static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofSeconds(2);

  /** The workload and random faults, with the default lookup lag and rate-limit window. */
  public ChaosOptions(
      int numbers,
      int groups,
      int maxNumbers,
      int kills,
      long seed,
      Path dir,
      Path jar,
      int parallelism,
      Duration processingMin,
      Duration processingMax,
      Duration killAfterMin,
      Duration killAfterMax,
      double rate429,
      double rate500,
      double dropRate,
      Duration finalTimeout) {
    this(
        numbers,
        groups,
        maxNumbers,
        kills,
        seed,
        dir,
        jar,
        parallelism,
        processingMin,
        processingMax,
        killAfterMin,
        killAfterMax,
        rate429,
        rate500,
        dropRate,
        finalTimeout,
        DEFAULT_LOOKUP_LAG,
        DEFAULT_RATE_LIMIT_REQUESTS,
        DEFAULT_RATE_LIMIT_WINDOW,
        null,
        null);
  }

  /** Whether the applies keep their state in PostgreSQL. */
  public boolean postgres() {
    return stateUrl != null;
  }

  static final String USAGE =
      String.join(
          "\n",
          "Usage: bin/chaos [--numbers 20000] [--groups 20] [--kills 20] [--seed N] [--dir DIR]",
          "                 [--max-numbers 1000] [--parallelism 4] [--processing-ms 1500-3000]",
          "                 [--kill-after-ms 300-4000] [--lookup-lag-ms 1500] [--rate-limit 10/2]",
          "                 [--jar target/portlock.jar] [--state postgresql://USER@HOST:PORT/DB]",
          "                 [--db-restart 'pg_ctl -D DATA restart -m immediate -w']",
          "",
          "Applies a generated config to a sandbox that answers 10% of calls 429, 10% 500 and drops",
          "5% of connections, allows 10 API calls per 2 s window (then 429 with X-RateLimit-Reset and",
          "an empty body) and shows new orders in its lookup by customerOrderId only 1.5 s after",
          "their create, killing the apply with SIGKILL at random moments; then applies to the",
          "end and checks that the state matches the sandbox, that no order was sent twice, that the",
          "state parsed after every kill and that a final plan has no changes. Also starts two",
          "applies at once: one must proceed, the other fail on the lock. Exit 0 when all hold.",
          "",
          "With --state the applies keep the state in that PostgreSQL database (PGPASSWORD is",
          "passed on) and run as separate checkouts: the two at once both wait for the lock, and",
          "one of them finds nothing to do. Mid-apply, the run also cuts their database",
          "connections, and with --db-restart restarts the database.");

  public ChaosOptions {
    positive("numbers", numbers);
    positive("groups", groups);
    positive("max-numbers", maxNumbers);
    positive("parallelism", parallelism);
    if (groups > numbers) {
      throw new IllegalArgumentException(
          "expected --groups at most --numbers (" + numbers + ") but was " + groups);
    }
    if (kills < 0) {
      throw new IllegalArgumentException("expected --kills of 0 or more but was " + kills);
    }
    ordered("processing-ms", processingMin, processingMax);
    ordered("kill-after-ms", killAfterMin, killAfterMax);
    if (lookupLag.isNegative()) {
      throw new IllegalArgumentException(
          "expected --lookup-lag-ms of 0 or more but was " + lookupLag.toMillis());
    }
    if (stateUrl != null
        && !stateUrl.startsWith("postgresql://")
        && !stateUrl.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "expected --state postgresql://USER@HOST:PORT/DB but it"
              + " does not start with postgresql:// (not shown, in case it holds a password)");
    }
    if (dbRestart != null && stateUrl == null) {
      throw new IllegalArgumentException("--db-restart needs --state postgresql://...");
    }
    if (rateLimitRequests < 0 || (rateLimitRequests > 0 && rateLimitWindow.toSeconds() < 1)) {
      throw new IllegalArgumentException(
          "expected --rate-limit REQUESTS/SECONDS with a window"
              + " of at least 1 s but was "
              + rateLimitRequests
              + "/"
              + rateLimitWindow.toSeconds());
    }
  }

  /**
   * The {@code apply --lookup-wait} of every apply: how long the lookup may lag, with room to
   * spare, instead of the 15 minutes allowed for Bandwidth's undocumented lag.
   */
  public Duration lookupWait() {
    return lookupLag.multipliedBy(4).plusSeconds(1);
  }

  /** The documented size: 20,000 numbers in 20 groups, orders of 1,000, 20 kills. */
  public static ChaosOptions defaults(Path dir, Path jar) {
    return new ChaosOptions(
        20_000,
        20,
        1000,
        20,
        Math.floorMod(System.nanoTime(), 1_000_000L),
        dir,
        jar,
        4,
        Duration.ofMillis(1500),
        Duration.ofMillis(3000),
        Duration.ofMillis(300),
        Duration.ofMillis(4000),
        0.10,
        0.10,
        0.05,
        Duration.ofMinutes(5));
  }

  /** How many orders one pass over the config takes: ceil(numbers / maxNumbers). */
  public int ordersPerPass() {
    return (numbers + maxNumbers - 1) / maxNumbers;
  }

  /** Parses the command line over {@link #defaults}. */
  static ChaosOptions parse(List<String> args, Path defaultDir, Path defaultJar) {
    ChaosOptions o = defaults(defaultDir, defaultJar);
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("expected a value after " + name);
      }
      String value = args.get(++i);
      o = with(o, name, value);
    }
    return o;
  }

  private static ChaosOptions with(ChaosOptions o, String name, String value) {
    return switch (name) {
      case "--numbers" -> o.copy(b -> b.numbers = integer(name, value));
      case "--groups" -> o.copy(b -> b.groups = integer(name, value));
      case "--max-numbers" -> o.copy(b -> b.maxNumbers = integer(name, value));
      case "--kills" -> o.copy(b -> b.kills = integer(name, value));
      case "--seed" -> o.copy(b -> b.seed = Long.parseLong(value));
      case "--dir" -> o.copy(b -> b.dir = Path.of(value));
      case "--jar" -> o.copy(b -> b.jar = Path.of(value));
      case "--parallelism" -> o.copy(b -> b.parallelism = integer(name, value));
      case "--processing-ms" ->
          o.copy(
              b -> {
                Duration[] range = range(name, value);
                b.processingMin = range[0];
                b.processingMax = range[1];
              });
      case "--kill-after-ms" ->
          o.copy(
              b -> {
                Duration[] range = range(name, value);
                b.killAfterMin = range[0];
                b.killAfterMax = range[1];
              });
      case "--lookup-lag-ms" -> o.copy(b -> b.lookupLag = Duration.ofMillis(integer(name, value)));
      case "--rate-limit" ->
          o.copy(
              b -> {
                String[] parts = value.split("/", 2);
                if (parts.length != 2) {
                  throw new IllegalArgumentException(
                      "expected REQUESTS/SECONDS after --rate-limit (e.g."
                          + " 20/2, or 0/1 for none) but was '"
                          + value
                          + "'");
                }
                b.rateLimitRequests = integer(name, parts[0]);
                b.rateLimitWindow = Duration.ofSeconds(integer(name, parts[1]));
              });
      case "--state" -> o.copy(b -> b.stateUrl = value);
      case "--db-restart" -> o.copy(b -> b.dbRestart = value);
      default -> throw new IllegalArgumentException("unknown option " + name + "\n\n" + USAGE);
    };
  }

  /** The same options with faults, timings and size changed through a mutable copy. */
  ChaosOptions copy(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy, for tests and the parser. */
  static final class Builder {
    int numbers;
    int groups;
    int maxNumbers;
    int kills;
    long seed;
    Path dir;
    Path jar;
    int parallelism;
    Duration processingMin;
    Duration processingMax;
    Duration killAfterMin;
    Duration killAfterMax;
    double rate429;
    double rate500;
    double dropRate;
    Duration finalTimeout;
    Duration lookupLag;
    int rateLimitRequests;
    Duration rateLimitWindow;
    String stateUrl;
    String dbRestart;

    Builder(ChaosOptions o) {
      numbers = o.numbers;
      groups = o.groups;
      maxNumbers = o.maxNumbers;
      kills = o.kills;
      seed = o.seed;
      dir = o.dir;
      jar = o.jar;
      parallelism = o.parallelism;
      processingMin = o.processingMin;
      processingMax = o.processingMax;
      killAfterMin = o.killAfterMin;
      killAfterMax = o.killAfterMax;
      rate429 = o.rate429;
      rate500 = o.rate500;
      dropRate = o.dropRate;
      finalTimeout = o.finalTimeout;
      lookupLag = o.lookupLag;
      rateLimitRequests = o.rateLimitRequests;
      rateLimitWindow = o.rateLimitWindow;
      stateUrl = o.stateUrl;
      dbRestart = o.dbRestart;
    }

    ChaosOptions build() {
      return new ChaosOptions(
          numbers,
          groups,
          maxNumbers,
          kills,
          seed,
          dir,
          jar,
          parallelism,
          processingMin,
          processingMax,
          killAfterMin,
          killAfterMax,
          rate429,
          rate500,
          dropRate,
          finalTimeout,
          lookupLag,
          rateLimitRequests,
          rateLimitWindow,
          stateUrl,
          dbRestart);
    }
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a whole number after " + name + " but was '" + value + "'");
    }
  }

  /** {@code MIN-MAX} in milliseconds, or a single value for both. */
  private static Duration[] range(String name, String value) {
    String[] parts = value.split("-", 2);
    try {
      long min = Long.parseLong(parts[0].trim());
      long max = parts.length == 2 ? Long.parseLong(parts[1].trim()) : min;
      return new Duration[] {Duration.ofMillis(min), Duration.ofMillis(max)};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected MIN-MAX in milliseconds after "
              + name
              + " (e.g. 1500-3000) but was '"
              + value
              + "'");
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("expected --" + name + " of 1 or more but was " + value);
    }
  }

  private static void ordered(String name, Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "expected --"
              + name
              + " MIN-MAX with 0 <= MIN <= MAX"
              + " but was "
              + min.toMillis()
              + "-"
              + max.toMillis());
    }
  }
}
