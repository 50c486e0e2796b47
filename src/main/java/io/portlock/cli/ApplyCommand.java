package io.portlock.cli;

import io.portlock.apply.ApplyResult;
import io.portlock.apply.ApplySettings;
import io.portlock.apply.Applier;
import io.portlock.apply.Cancellation;
import io.portlock.apply.NumberFailure;
import io.portlock.config.GroupConfig;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Passcode;
import io.portlock.domain.Plural;
import io.portlock.plan.ConfigDigest;
import io.portlock.plan.Notice;
import io.portlock.plan.Plan;
import io.portlock.domain.NumberSet;
import io.portlock.plan.PlanCodec;
import io.portlock.plan.PlanContext;
import io.portlock.plan.PlanIntegrity;
import io.portlock.plan.PlannedOrder;
import io.portlock.plan.Planner;
import io.portlock.plan.TextRenderer;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;

/** {@code portlock apply [PLANFILE]}: sends the orders and records what Bandwidth confirmed. */
final class ApplyCommand {
  private static final int MAX_FAILURES_LISTED = 50;

  private final Terminal terminal;
  private Cancellation cancellation = Cancellation.never();

  ApplyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  static CommandLineSpec spec() {
    return new CommandLineSpec("apply",
        "apply [PLANFILE] [--auto-approve] [--allow-removals] [--parallelism N]",
        "Applies a saved plan exactly, or plans afresh and asks for 'yes'. Resumes the orders of"
            + " an interrupted apply first; never sends an order twice.")
        .flag("auto-approve", "apply without asking (needed when not at a terminal)")
        .flag("allow-removals", "allow clearing the passcode of numbers removed from the config")
        .flag("force", "apply even when a safety guard (safety: in the config) trips")
        .value("parallelism", "N", "orders in flight at once (default 4)")
        .value("order-timeout", "DURATION", "stop following an order after this long (e.g. 10m);"
            + " the next apply resumes it (default: no limit)")
        .value("lock-timeout", "DURATION", "wait this long for another apply's lock (default 0s)")
        .value("grace-period", "DURATION", "after Ctrl-C or SIGTERM, send no new order and follow"
            + " the ones already sent for this long (default 60s); a second signal stops at once")
        .value("lookup-wait", "DURATION", "how long Bandwidth's lookup by CustomerOrderId may lag"
            + " behind a create: an order whose answer was lost is looked up again for this long,"
            + " never sent again (default 15m)")
        .toggle("refresh", "read the passcodes back from Bandwidth before planning (default true)");
  }

  int run(List<String> args) {
    CommandLine line = spec().parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().size() > 1) {
      throw new UsageException("apply takes at most one plan file but got " + line.getArgList());
    }
    ApplySettings settings = new ApplySettings(
        CommandLineSpec.intValue(line, "parallelism", ApplySettings.DEFAULT_PARALLELISM, 1, 64),
        line.hasOption("order-timeout")
            ? CommandLineSpec.durationValue(line, "order-timeout", null) : null,
        Duration.ofMillis(250), Duration.ofSeconds(5),
        CommandLineSpec.durationValue(line, "lookup-wait", ApplySettings.DEFAULT_LOOKUP_WAIT));
    Duration lockTimeout = CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO);
    cancellation = new Cancellation(Clock.systemUTC(),
        CommandLineSpec.durationValue(line, "grace-period", Cancellation.DEFAULT_GRACE));
    String planFile = line.getArgList().isEmpty() ? null : line.getArgList().get(0);
    PlanCodec.Saved saved = planFile == null ? null
        : ShowCommand.readSavedPlan(terminal.workDir().resolve(planFile), planFile,
            "nothing was sent");

    // A saved plan names the config it was made from (relative to the folder plan ran in, as
    // CI runs plan and apply from the same checkout); -c still wins.
    Workspace workspace = Workspace.open(line, terminal, true,
        saved == null || saved.plan().configFile().isBlank() ? Workspace.DEFAULT_CONFIG
            : saved.plan().configFile());
    workspace.printWarningCount();
    try (ApiConnection connection = ApiConnection.open(workspace, true).orElseThrow();
        StateSession session = workspace.openSession("apply", lockTimeout)) {
      Optional<State> recorded = session.state();
      return saved == null ? applyFresh(line, workspace, connection, session, recorded, settings)
          : applySaved(line, workspace, connection, session, recorded, saved, planFile,
              settings);
    }
  }

  private int applyFresh(CommandLine line, Workspace workspace, ApiConnection connection,
      StateSession session, Optional<State> recorded, ApplySettings settings) {
    if (recorded.isPresent() && !recorded.get().journal().isEmpty()) {
      ApplyResult resumed = resume(connection, session, recorded.get(), settings);
      if (cancellation.isCancelled()) {
        return interrupted(resumed);
      }
      recorded = Optional.of(resumed.state());
      if (!resumed.state().journal().isEmpty()) {
        // Planning now would send the journaled numbers again in a new order.
        throw new UsageException(resumed.state().journal().size() + " orders of an interrupted"
            + " apply are still unresolved and stay in the journal; nothing new was sent. Run"
            + " 'portlock apply' again later to follow them");
      }
    }
    boolean refresh = CommandLineSpec.toggleValue(line, "refresh", true);
    Planning.Result planned = Planning.plan(workspace, recorded, refresh ? connection.api : null);
    Plan plan = planned.plan();
    // Under --force the guards are overridden on purpose: warning that apply will refuse the
    // plan, and then applying it, would be saying something untrue.
    terminal.out().print(new TextRenderer(workspace.style).render(line.hasOption("force")
        ? plan.withoutNotices(Notice.Kind.GUARD) : plan));
    if (!plan.hasChanges()) {
      return ExitCodes.OK;
    }
    refuseRemovals(line, plan.orders());
    refuseGuards(line, plan, workspace, planned.state());
    approve(line);
    return execute(workspace, connection, session, planned.state(), plan,
        planned.fingerprints(), settings);
  }

  private int applySaved(CommandLine line, Workspace unresolved, ApiConnection connection,
      StateSession session, Optional<State> recorded, PlanCodec.Saved file, String planFile,
      ApplySettings settings) {
    Plan saved = file.plan();
    Map<String, Fingerprint> fingerprints = unresolved.fingerprints(saved.kdf());
    checkMac(unresolved, file, planFile);
    // An inventory group is resolved as the plan resolved it, so that its config digest
    // compares like with like: a number bought since makes the plan stale.
    Workspace workspace = unresolved.config.inventoryGroup().isEmpty() ? unresolved
        : unresolved.withConfig(Planning.resolve(unresolved, unresolved.stateOrEmpty(recorded),
            saved.refreshed() ? connection.api : null).config());
    checkNotStale(workspace, recorded, saved, fingerprints);
    State state = recorded.orElseGet(() ->
        State.empty(saved.stateLineage() == null ? java.util.UUID.randomUUID().toString()
            : saved.stateLineage(), workspace.config.account(), saved.kdf()));
    if (!state.journal().isEmpty()) {
      ApplyResult resumed = resume(connection, session, state, settings);
      if (cancellation.isCancelled()) {
        return interrupted(resumed);
      }
      throw new UsageException("an interrupted apply left orders in the journal; they are now"
          + " resumed and recorded, so the plan is stale: run 'portlock plan --out FILE' again,"
          + " review it and apply that");
    }
    // From here on only the plan made again from config, state and the recorded read-back is
    // used: the file must equal it, and what is sent and guarded is what that plan holds.
    Plan plan = replan(workspace, state, recorded.isPresent(), saved, fingerprints, planFile);
    confirmLeftAccount(connection, plan);
    confirmAlreadySet(connection, plan, workspace);
    refuseRemovals(line, plan.orders());
    refuseGuards(line, plan, workspace, state);
    terminal.out().println("Applying plan " + plan.planId() + " made " + plan.createdAt()
        + (plan.gitCommit() == null ? "" : " from commit " + plan.gitCommit()) + ": "
        + TextRenderer.totalLine(plan));
    if (!plan.hasChanges()) {
      terminal.out().println("No changes.");
      return ExitCodes.OK;
    }
    return execute(workspace, connection, session, state, plan, fingerprints, settings);
  }

  /**
   * A plan whose fingerprints are keyed must carry the MAC of its content under that key (the
   * fingerprinter has checked it is this run's key): without the key, no byte can be changed.
   */
  private static void checkMac(Workspace workspace, PlanCodec.Saved file, String planFile) {
    if (!file.plan().kdf().keyed()) {
      return;
    }
    String again = "; nothing was sent. Run 'portlock plan --out FILE' again, review it and apply"
        + " the new plan";
    if (file.mac() == null) {
      throw new UsageException("the plan file " + planFile + " carries no MAC, but its"
          + " fingerprints are keyed (key id " + file.plan().kdf().keyId() + "), so every plan"
          + " saved with the key has one: the file was edited" + again);
    }
    byte[] expected = PlanCodec.mac(file.plan(), workspace.key)
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (!java.security.MessageDigest.isEqual(expected,
        file.mac().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new UsageException("the plan file " + planFile + " was edited or damaged: its MAC"
          + " does not match its content under key id " + workspace.key.id() + again);
    }
  }

  /** A saved plan is applied only to the state and config it was made from. */
  private static void checkNotStale(Workspace workspace, Optional<State> recorded, Plan plan,
      Map<String, Fingerprint> fingerprints) {
    String again = "; run 'portlock plan --out FILE' again, review it and apply the new plan";
    if (!plan.account().equals(workspace.config.account())) {
      throw new UsageException("the plan is for account " + plan.account() + " but the config"
          + " declares account " + workspace.config.account() + again);
    }
    String lineage = recorded.map(State::lineage).orElse(null);
    long serial = recorded.map(State::serial).orElse(0L);
    if (!Objects.equals(lineage, plan.stateLineage()) || serial != plan.stateSerial()) {
      throw new UsageException("the plan is stale: it was made from state "
          + describe(plan.stateLineage(), plan.stateSerial()) + " but the state is now "
          + describe(lineage, serial) + again);
    }
    if (!ConfigDigest.of(workspace.config).equals(plan.configDigest())) {
      throw new UsageException("the plan is stale: the config changed since it was made"
          + (workspace.config.inventoryGroup().isPresent()
              ? " (or the account's numbers that its inventory group takes)" : "") + again);
    }
    if (!fingerprints.equals(plan.groupFingerprints())) {
      throw new UsageException("the plan is stale: a passcode read from its source no longer"
          + " matches the plan's fingerprint" + again);
    }
  }

  /**
   * Plans again from the config, the state and the read-back the file recorded, and refuses a
   * file that differs: an edited order, change, removal or "left the account" is caught here,
   * before anything is sent.
   */
  private static Plan replan(Workspace workspace, State state, boolean stateExists, Plan file,
      Map<String, Fingerprint> fingerprints, String planFile) {
    String refused = "the plan file " + planFile + " does not match what its config, state and"
        + " recorded read-back produce: ";
    String fix = "; it was edited or damaged, so nothing was sent. Run 'portlock plan --out FILE'"
        + " again, review it and apply the new plan";
    PlanContext context;
    try {
      context = new PlanContext(file.planId(), file.createdAt(), file.gitCommit(), file.configFile());
    } catch (IllegalArgumentException e) {
      throw new UsageException(refused + e.getMessage() + fix);
    }
    Plan expected = Planner.plan(workspace.config, fingerprints,
        workspace.saltedAs(state.kdf()), state, stateExists, file.observed(), file.refreshed(),
        context);
    NumberSet configured = NumberSet.empty();
    for (GroupConfig group : workspace.config.groups()) {
      configured = configured.union(group.numbers());
    }
    Optional<String> problem = PlanIntegrity.difference(file, expected, configured);
    if (problem.isPresent()) {
      throw new UsageException(refused + problem.get() + fix);
    }
    return expected.withNotices(file.notices());
  }

  /**
   * Numbers the plan drops from the state as having left the account are asked about once more:
   * the state forgets a number only when Bandwidth confirms it is gone.
   */
  private static void confirmLeftAccount(ApiConnection connection, Plan plan) {
    NumberSet left = plan.leftAccount();
    if (left.isEmpty()) {
      return;
    }
    NumberSet stillThere = left.minus(connection.api.readPasscodes(left).notOnAccount());
    if (!stillThere.isEmpty()) {
      throw new UsageException("the plan says " + stillThere.size()
          + (stillThere.size() == 1 ? " number (" : " numbers (") + stillThere.ranges().get(0)
          + (stillThere.ranges().size() > 1 ? ", \u2026" : "") + ") left the account, but"
          + " Bandwidth still has " + (stillThere.size() == 1 ? "it" : "them") + "; the plan"
          + " file was edited, or the numbers came back, so nothing was sent. Run 'portlock plan"
          + " --out FILE' again, review it and apply the new plan");
    }
  }

  /**
   * Numbers the plan records without an order are read back once more: the state records a
   * protection without an order only while Bandwidth confirms it holds that very passcode.
   */
  private static void confirmAlreadySet(ApiConnection connection, Plan plan,
      Workspace workspace) {
    Map<String, Passcode> desired = new HashMap<>();
    for (GroupConfig group : workspace.config.groups()) {
      desired.put(group.name(), group.passcode());
    }
    NumberSet.Builder adopted = new NumberSet.Builder();
    for (io.portlock.plan.Change change : plan.changes()) {
      if (change instanceof io.portlock.plan.Change.Adopt) {
        adopted.addAll(change.numbers());
      }
    }
    NumberSet numbers = adopted.build();
    if (numbers.isEmpty()) {
      return;
    }
    Map<Long, Passcode> held = connection.api.readPasscodes(numbers).passcodes();
    NumberSet.Builder notHeld = new NumberSet.Builder();
    for (io.portlock.plan.Change change : plan.changes()) {
      if (change instanceof io.portlock.plan.Change.Adopt adopt) {
        Passcode wanted = desired.get(adopt.group());
        adopt.numbers().forEach(n -> {
          if (wanted == null || !wanted.equals(held.get(n))) {
            notHeld.add(n);
          }
        });
      }
    }
    NumberSet missing = notHeld.build();
    if (!missing.isEmpty()) {
      throw new UsageException("the plan records " + missing.size()
          + (missing.size() == 1 ? " number (" : " numbers (") + missing.ranges().get(0)
          + (missing.ranges().size() > 1 ? ", \u2026" : "") + ") as already holding its"
          + " passcode, but Bandwidth no longer holds it; the passcodes changed since the plan, or"
          + " the plan file was edited, so nothing was sent. Run 'portlock plan --out FILE'"
          + " again, review it and apply the new plan");
    }
  }

  private static String describe(String lineage, long serial) {
    return lineage == null ? "(none yet)" : lineage + " serial " + serial;
  }

  /** Counted from the orders to send, so that no summary can hide a removal. */
  private static void refuseRemovals(CommandLine line, List<PlannedOrder> orders) {
    long removals = Guards.clears(orders);
    if (removals > 0 && !line.hasOption("allow-removals")) {
      throw new RefusedException("the plan clears the passcode of "
          + Plural.of(removals, "number") + " no longer in the config, which strips their port-out protection. If a line was"
          + " deleted by mistake, restore it; if the removal is intended, run again with"
          + " --allow-removals");
    }
  }

  private static void refuseGuards(CommandLine line, Plan plan, Workspace workspace,
      State state) {
    List<Notice> trips = new java.util.ArrayList<>(
        Guards.check(plan.orders(), workspace.config.safety(), state));
    trips.addAll(io.portlock.engine.InventoryGroups.guard(plan, workspace.config, state));
    if (!trips.isEmpty() && !line.hasOption("force")) {
      throw new RefusedException(trips.stream().map(Notice::message)
          .collect(java.util.stream.Collectors.joining("; ")));
    }
  }

  private void approve(CommandLine line) {
    if (line.hasOption("auto-approve")) {
      return;
    }
    if (!terminal.promptable()) {
      throw new UsageException("apply needs approval and there is no terminal to ask: pass"
          + " --auto-approve, or apply a reviewed plan with 'portlock apply FILE'");
    }
    terminal.out().print("\nDo you want to apply these changes? Only 'yes' will be accepted: ");
    terminal.out().flush();
    String answer;
    try {
      answer = terminal.in().readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (!"yes".equals(answer == null ? null : answer.trim())) {
      throw new UsageException("apply cancelled; nothing was changed");
    }
  }

  private int execute(Workspace workspace, ApiConnection connection, StateSession session,
      State state, Plan plan, Map<String, Fingerprint> fingerprints, ApplySettings settings) {
    Map<Fingerprint, Passcode> passcodes = new HashMap<>();
    for (GroupConfig group : workspace.config.groups()) {
      passcodes.put(fingerprints.get(group.name()), group.passcode());
    }
    long numbers = plan.orders().stream().mapToLong(PlannedOrder::numberCount).sum();
    Progress progress = new Progress(terminal.out(), terminal.interactive(), plan.orders().size(),
        numbers);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "portlock-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
    ApplyResult result;
    if (session.state().isEmpty()) {
      // The first apply: the state the plan was made from becomes the stored one.
      session.commit(new StateChange.Replaced(state));
    }
    Applier applier = applier(connection, session, settings, progress);
    try (Interrupts interrupts = listen(progress, applier)) {
      result = applier.apply(plan, passcodes);
    } finally {
      ticker.shutdownNow();
      progress.finish();
    }
    int code = report(result, progress);
    return cancellation.isCancelled() ? interrupted(result) : code;
  }

  /** Follows the orders an interrupted apply left in the journal, and reports what they did. */
  private ApplyResult resume(ApiConnection connection, StateSession session, State state,
      ApplySettings settings) {
    Progress progress = new Progress(terminal.out(), false, state.journal().size(),
        state.journal().stream().mapToLong(io.portlock.state.JournalEntry::numberCount).sum());
    Applier resumer = applier(connection, session, settings, progress);
    ApplyResult resumed;
    try (Interrupts interrupts = listen(progress, resumer)) {
      resumed = resumer.resume();
    }
    report(resumed, null);
    return resumed;
  }

  private Applier applier(ApiConnection connection, StateSession session,
      ApplySettings settings, Progress progress) {
    return new Applier(connection.api, session, settings, progress,
        Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), cancellation);
  }

  /**
   * While orders run, the first SIGINT or SIGTERM cancels the apply and a second one stops the
   * JVM at once: whatever was sent is in the journal, which the next apply follows.
   */
  private Interrupts listen(Progress progress, Applier applier) {
    return Interrupts.install(cancellation,
        signal -> progress.note("Interrupted by " + signal + ": sending no new orders; following"
            + " the orders already at Bandwidth for up to "
            + cancellation.grace().toSeconds() + "s to record them. Interrupt again to stop at"
            + " once; the state's journal keeps them for the next apply."),
        signal -> {
          int journaled = applier.state().journal().size();
          progress.stop("Stopped at once by a second " + signal + ": "
              + Plural.of(journaled, "order") + " sent and not yet recorded "
              + (journaled == 1 ? "stays" : "stay") + " in the state's journal. Run 'portlock"
              + " apply' to follow and record them, then apply the rest.");
          terminal.out().flush();
          terminal.err().flush();
          Runtime.getRuntime().halt(Interrupts.exitCode(signal));
        });
  }

  /** The end of an apply stopped by a signal: what was recorded, what is left, how to go on. */
  private int interrupted(ApplyResult result) {
    String signal = cancellation.cancelled().orElseThrow().reason();
    int journaled = result.state().journal().size();
    long recorded = result.added() + result.changed() + result.removed();
    terminal.err().println("Apply interrupted by " + signal + ": " + Plural.of(recorded, "number")
        + " recorded as Bandwidth confirmed them; " + Plural.of(journaled, "order")
        + " still in the state's journal; " + Plural.of(result.ordersNotSent(), "order")
        + " not sent. Run 'portlock apply' to resume: it follows the journaled orders first,"
        + " then plans what is left.");
    return Interrupts.exitCode(signal);
  }

  private int report(ApplyResult result, Progress progress) {
    List<NumberFailure> failures = result.failures();
    for (int i = 0; i < Math.min(failures.size(), MAX_FAILURES_LISTED); i++) {
      NumberFailure f = failures.get(i);
      terminal.err().println("Failed: " + f.number() + ": "
          + (f.code() == null ? "" : "code " + f.code() + ": ") + f.description()
          + " (order " + f.customerOrderId() + ")");
    }
    if (failures.size() > MAX_FAILURES_LISTED) {
      terminal.err().println("... and " + (failures.size() - MAX_FAILURES_LISTED)
          + " more failed numbers; they stay planned, run 'portlock plan' to see them");
    }
    if (progress != null) {
      terminal.out().println(result.summaryLine());
    }
    return result.complete() ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
