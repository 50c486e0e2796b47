package io.portlock.cli;

import io.portlock.domain.NumberSet;
import io.portlock.sandbox.AccountProfile;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code portlock sandbox}: runs a local Bandwidth until stopped, and prints how to point portlock
 * at it.
 */
public final class SandboxCommand {
  private static final String USAGE = "portlock sandbox [options]";

  /** What {@code --inventory} seeds: the NANP numbers, their off-net tiers, other numbers. */
  record InventorySeed(NumberSet numbers, Map<Long, Integer> tiers, List<String> otherNumbers) {}

  private SandboxCommand() {}

  /** Runs until the JVM is asked to stop (SIGINT/SIGTERM); 1 on bad arguments. */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, new CountDownLatch(1), true);
  }

  /**
   * Runs until {@code stop} opens. {@code hook} false leaves the JVM's shutdown hooks alone, for
   * tests that start and stop the command in-process.
   */
  static int run(
      List<String> args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      CountDownLatch stop,
      boolean hook) {
    SandboxOptions options;
    try {
      if (args.contains("-h") || args.contains("--help")) {
        printHelp(out);
        return 0;
      }
      options = withCredentials(parse(args), env);
    } catch (ParseException | IllegalArgumentException e) {
      err.println("portlock sandbox: " + e.getMessage());
      err.println("Run 'portlock sandbox --help' for the options.");
      return 1;
    }
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(options);
    } catch (RuntimeException e) {
      err.println("portlock sandbox: " + e.getMessage());
      return 1;
    }
    printBanner(out, sandbox, options, env);
    Thread closer =
        new Thread(
            () -> {
              sandbox.close();
              stop.countDown();
            },
            "portlock-sandbox-shutdown");
    if (hook) {
      Runtime.getRuntime().addShutdownHook(closer);
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Closing is idempotent: after a signal the hook has done it already.
      sandbox.close();
    }
    return 0;
  }

  private static Options options() {
    Options options = new Options();
    options.addOption(valued("port", "N", "port to listen on (default: any free port)"));
    options.addOption(valued("data", "DIR", "keep orders and passcodes in DIR across restarts"));
    options.addOption(
        valued("account", "ID", "account id (default " + SandboxOptions.DEFAULT_ACCOUNT + ")"));
    options.addOption(valued("processing-delay", "MS", "how long an order takes (default 300)"));
    options.addOption(valued("max-numbers", "N", "numbers allowed per order (default 10000)"));
    options.addOption(
        valued(
            "inventory",
            "FILE",
            "the account's numbers, one number or range (A..B) per line, optionally followed by"
                + " tier=N (off-net when not 0); toll-free numbers as they are, numbers outside NANP"
                + " in E.164 (+44…); orders for other numbers get error 5076"));
    options.addOption(
        valued(
            "roles",
            "LIST",
            "what the credentials may list: numbers (GET /tns),"
                + " inservice-numbers (GET /inserviceNumbers), both (the default) or none; a missing role"
                + " answers 403"));
    options.addOption(valued("latency", "MS", "added to every answer"));
    options.addOption(valued("rate-429", "SHARE", "share of requests answered 429, e.g. 0.2"));
    options.addOption(valued("retry-after", "S", "Retry-After of those 429 answers (default 1)"));
    options.addOption(valued("rate-500", "SHARE", "share of requests answered 500"));
    options.addOption(valued("drop-rate", "SHARE", "share of connections closed without answer"));
    options.addOption(valued("seed", "N", "seed of the fault random (default 1)"));
    options.addOption(
        valued(
            "rate-limit",
            "N/S",
            "at most N API requests per S-second window,"
                + " then 429 with X-RateLimit-Reset and an empty body until it resets, as the Numbers API"
                + " answers (e.g. 20/8)"));
    options.addOption(
        Option.builder()
            .longOpt("e164")
            .desc(
                "write numbers in answers as"
                    + " +1XXXXXXXXXX, as accounts on Bandwidth's E.164 format do")
            .build());
    options.addOption(
        valued(
            "redirect-rate",
            "SHARE",
            "share of list reads answered 303 See" + " Other to the same URL on the same host"));
    options.addOption(
        valued(
            "lookup-lag",
            "MS",
            "a new order stays out of GET /tnoptions lists"
                + " (the lookup by customerOrderId) for this long after its create"));
    options.addOption(
        valued(
            "lost-create-rate",
            "SHARE",
            "share of accepted creates whose answer"
                + " is lost: the connection closes, or the 201 keeps its Location but its body is cut"));
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    return options;
  }

  private static Option valued(String name, String arg, String description) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).build();
  }

  /** The options of a command line; throws with a message naming the option at fault. */
  static SandboxOptions parse(List<String> args) throws ParseException {
    return toSandboxOptions(new DefaultParser().parse(options(), args.toArray(String[]::new)));
  }

  /**
   * Credentials from the environment, as portlock itself takes them ({@code BANDWIDTH_CLIENT_ID}
   * and {@code BANDWIDTH_CLIENT_SECRET}, {@code BANDWIDTH_USERNAME} and {@code
   * BANDWIDTH_PASSWORD}); each pair not set is drawn at random for this run. Never from the command
   * line, where every local user can read them in the process list.
   */
  static SandboxOptions withCredentials(SandboxOptions options, Map<String, String> env) {
    SandboxOptions random = options.withRandomCredentials();
    String[] oauth = pair(env, "BANDWIDTH_CLIENT_ID", "BANDWIDTH_CLIENT_SECRET");
    String[] basic = pair(env, "BANDWIDTH_USERNAME", "BANDWIDTH_PASSWORD");
    return options.withCredentials(
        basic == null ? random.user() : basic[0],
        basic == null ? random.password() : basic[1],
        oauth == null ? random.clientId() : oauth[0],
        oauth == null ? random.clientSecret() : oauth[1]);
  }

  private static String[] pair(Map<String, String> env, String idName, String secretName) {
    String id = env.get(idName);
    String secret = env.get(secretName);
    boolean hasId = id != null && !id.isBlank();
    boolean hasSecret = secret != null && !secret.isBlank();
    if (hasId != hasSecret) {
      throw new IllegalArgumentException(
          idName
              + " and "
              + secretName
              + " go together; set both"
              + " or neither (unset, the sandbox draws random ones and prints them)");
    }
    return hasId ? new String[] {id.trim(), secret.trim()} : null;
  }

  private static SandboxOptions toSandboxOptions(CommandLine line) {
    SandboxOptions d = SandboxOptions.defaults();
    SandboxOptions.Faults none = SandboxOptions.Faults.none();
    SandboxOptions.Faults faults =
        new SandboxOptions.Faults(
                Duration.ofMillis(number(line, "latency", 0, Integer.MAX_VALUE, 0)),
                share(line, "rate-429"),
                (int) number(line, "retry-after", 0, 86_400, none.retryAfterSeconds()),
                share(line, "rate-500"),
                share(line, "drop-rate"),
                number(line, "seed", Long.MIN_VALUE, Long.MAX_VALUE, none.seed()))
            .withE164(line.hasOption("e164"))
            .withRedirectRate(share(line, "redirect-rate"))
            .withLookupLag(Duration.ofMillis(number(line, "lookup-lag", 0, 3_600_000, 0)))
            .withLostCreateRate(share(line, "lost-create-rate"));
    if (line.hasOption("rate-limit")) {
      String text = line.getOptionValue("rate-limit").trim();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("([0-9]{1,9})/([0-9]{1,5})").matcher(text);
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
        throw new IllegalArgumentException(
            "--rate-limit expected REQUESTS/SECONDS such as 20/8"
                + " (20 requests per 8-second window) but was '"
                + text
                + "'");
      }
      faults =
          faults.withRateLimit(
              Integer.parseInt(m.group(1)), Duration.ofSeconds(Long.parseLong(m.group(2))));
    }
    if (faults.rate429() + faults.rate500() + faults.dropRate() > 1) {
      throw new IllegalArgumentException(
          "--rate-429, --rate-500 and --drop-rate add up to more than 1");
    }
    String account = line.getOptionValue("account", d.account());
    if (!account.matches("[0-9]{1,12}")) {
      throw new IllegalArgumentException(
          "--account expected a numeric account id such as 9900000 but was '" + account + "'");
    }
    InventorySeed seed =
        line.hasOption("inventory")
            ? readInventory(Path.of(line.getOptionValue("inventory")))
            : new InventorySeed(null, Map.of(), List.of());
    AccountProfile profile =
        AccountProfile.plain()
            .withTiers(seed.tiers())
            .withOtherNumbers(seed.otherNumbers())
            .withRoles(roles(line));
    return new SandboxOptions(
        (int) number(line, "port", 0, 65_535, 0),
        line.hasOption("data") ? Path.of(line.getOptionValue("data")) : null,
        account,
        d.user(),
        d.password(),
        d.clientId(),
        d.clientSecret(),
        seed.numbers(),
        Duration.ofMillis(
            number(line, "processing-delay", 0, 3_600_000, d.processingDelay().toMillis())),
        (int) number(line, "max-numbers", 1, 10_000_000, d.maxNumbersPerOrder()),
        faults,
        profile);
  }

  private static Set<AccountProfile.Role> roles(CommandLine line) {
    String text = line.getOptionValue("roles", "numbers,inservice-numbers").trim();
    Set<AccountProfile.Role> roles = EnumSet.noneOf(AccountProfile.Role.class);
    if (text.equals("none")) {
      return roles;
    }
    for (String name : text.split(",")) {
      switch (name.trim()) {
        case "numbers" -> roles.add(AccountProfile.Role.NUMBERS);
        case "inservice-numbers" -> roles.add(AccountProfile.Role.IN_SERVICE_NUMBERS);
        default ->
            throw new IllegalArgumentException(
                "--roles expected a comma-separated list of"
                    + " numbers, inservice-numbers (or none) but found '"
                    + text
                    + "'");
      }
    }
    return roles;
  }

  private static long number(CommandLine line, String name, long min, long max, long absent) {
    String text = line.getOptionValue(name);
    if (text == null) {
      return absent;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--"
            + name
            + " expected a whole number from "
            + min
            + " to "
            + max
            + " but was '"
            + text
            + "'");
  }

  private static double share(CommandLine line, String name) {
    String text = line.getOptionValue(name);
    if (text == null) {
      return 0;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--" + name + " expected a share from 0 to 1 such as 0.2 but was '" + text + "'");
  }

  /** See {@link SandboxInventoryFile}. */
  static InventorySeed readInventory(Path file) {
    try {
      return SandboxInventoryFile.read(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--inventory: " + e.getMessage(), e);
    }
  }

  /**
   * Secrets taken from the environment are named, not printed; secrets drawn for this run are
   * printed once, since nobody could use the sandbox without them.
   */
  private static void printBanner(
      PrintStream out, Sandbox sandbox, SandboxOptions options, Map<String, String> env) {
    boolean oauthFromEnv =
        env.get("BANDWIDTH_CLIENT_SECRET") != null && !env.get("BANDWIDTH_CLIENT_SECRET").isBlank();
    boolean basicFromEnv =
        env.get("BANDWIDTH_PASSWORD") != null && !env.get("BANDWIDTH_PASSWORD").isBlank();
    String secret = oauthFromEnv ? "$BANDWIDTH_CLIENT_SECRET" : options.clientSecret();
    out.println("Bandwidth sandbox listening on " + sandbox.baseUrl());
    out.println("  token URL:   " + sandbox.tokenUrl());
    out.println("  account:     " + options.account());
    out.println(
        "  Basic auth:  user "
            + options.user()
            + ", password "
            + (basicFromEnv ? "from BANDWIDTH_PASSWORD" : options.password()));
    out.println(
        "  OAuth2:      client id "
            + options.clientId()
            + ", client secret "
            + (oauthFromEnv
                ? "from BANDWIDTH_CLIENT_SECRET"
                : options.clientSecret()
                    + " (drawn for"
                    + " this run; set BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET to choose them)"));
    out.println(
        "  data:        "
            + (options.dataDir() == null ? "in memory only" : options.dataDir().toString()));
    out.println();
    out.println("To point portlock at it:");
    out.println("  export PORTLOCK_API_URL=" + sandbox.baseUrl());
    out.println("  export PORTLOCK_TOKEN_URL=" + sandbox.tokenUrl());
    out.println("  export BANDWIDTH_CLIENT_ID=" + options.clientId());
    out.println("  export BANDWIDTH_CLIENT_SECRET=" + secret);
    out.println();
    out.println("Press Ctrl-C to stop; orders in flight are finished and the state saved first.");
    out.flush();
  }

  private static void printHelp(PrintStream out) {
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    new HelpFormatter()
        .printHelp(
            writer,
            100,
            USAGE,
            "Runs a local Bandwidth Numbers API (tnoptions, tnPortoutPasscodes, tns, inserviceNumbers,"
                + " orders, OAuth2) on 127.0.0.1.",
            options(),
            2,
            2,
            "",
            false);
    writer.flush();
  }
}
