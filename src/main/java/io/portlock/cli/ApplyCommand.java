package io.portlock.cli;

import io.portlock.apply.ApplyResult;
import io.portlock.apply.ApplySettings;
import io.portlock.apply.Cancellation;
import io.portlock.apply.NumberFailure;
import io.portlock.domain.DaemonThreads;
import io.portlock.domain.Plural;
import io.portlock.engine.Applying;
import io.portlock.plan.Notice;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanCodec;
import io.portlock.plan.PlannedOrder;
import io.portlock.plan.TextRenderer;
import io.portlock.state.State;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;

/** {@code portlock apply [PLANFILE]}: sends the orders and records what Bandwidth confirmed. */
final class ApplyCommand implements Command {
  private static final int MAX_FAILURES_LISTED = 50;

  private final Terminal terminal;
  private Cancellation cancellation = Cancellation.never();

  ApplyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  static CommandLineSpec spec() {
    return new CommandLineSpec(
            "apply",
            "apply [PLANFILE] [--auto-approve] [--allow-removals] [--parallelism N]",
            "Applies a saved plan exactly, or plans afresh and asks for 'yes'. Resumes the orders of"
                + " an interrupted apply first; never sends an order twice.")
        .flag("auto-approve", "apply without asking (needed when not at a terminal)")
        .flag("allow-removals", "allow clearing the passcode of numbers removed from the config")
        .flag("force", "apply even when a safety guard (safety: in the config) trips")
        .value("parallelism", "N", "orders in flight at once (default 4)")
        .value(
            "order-timeout",
            "DURATION",
            "stop following an order after this long (e.g. 10m);"
                + " the next apply resumes it (default: no limit)")
        .value("lock-timeout", "DURATION", "wait this long for another apply's lock (default 0s)")
        .value(
            "grace-period",
            "DURATION",
            "after Ctrl-C or SIGTERM, send no new order and follow"
                + " the ones already sent for this long (default 60s); a second signal stops at once")
        .value(
            "lookup-wait",
            "DURATION",
            "how long Bandwidth's lookup by CustomerOrderId may lag"
                + " behind a create: an order whose answer was lost is looked up again for this long,"
                + " never sent again (default 15m)")
        .toggle("refresh", "read the passcodes back from Bandwidth before planning (default true)");
  }

  @Override
  public int run(List<String> args) {
    CommandLine line = spec().parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().size() > 1) {
      throw new UsageException("apply takes at most one plan file but got " + line.getArgList());
    }
    ApplySettings settings =
        new ApplySettings(
            CommandLineSpec.intValue(line, "parallelism", ApplySettings.DEFAULT_PARALLELISM, 1, 64),
            line.hasOption("order-timeout")
                ? CommandLineSpec.durationValue(line, "order-timeout", null)
                : null,
            Duration.ofMillis(250),
            Duration.ofSeconds(5),
            CommandLineSpec.durationValue(line, "lookup-wait", ApplySettings.DEFAULT_LOOKUP_WAIT));
    Duration lockTimeout = CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO);
    cancellation =
        new Cancellation(
            Clock.systemUTC(),
            CommandLineSpec.durationValue(line, "grace-period", Cancellation.DEFAULT_GRACE));
    String planFile = line.getArgList().isEmpty() ? null : line.getArgList().get(0);
    PlanCodec.Saved saved =
        planFile == null
            ? null
            : ShowCommand.readSavedPlan(
                terminal.workDir().resolve(planFile), planFile, "nothing was sent");

    // A saved plan names the config it was made from (relative to the folder plan ran in, as
    // CI runs plan and apply from the same checkout); -c still wins.
    Workspace workspace =
        Workspace.open(
            line,
            terminal,
            true,
            saved == null || saved.plan().configFile().isBlank()
                ? Workspace.DEFAULT_CONFIG
                : saved.plan().configFile());
    workspace.printWarningCount();
    try (ApiConnection connection = ApiConnection.open(workspace, true).orElseThrow();
        Applying apply =
            Applying.begin(
                workspace.project, connection.api, settings, cancellation, lockTimeout)) {
      return saved == null
          ? applyFresh(line, workspace, apply)
          : applySaved(line, apply, saved, planFile);
    }
  }

  private int applyFresh(CommandLine line, Workspace workspace, Applying apply) {
    Optional<State> recorded = apply.recorded();
    if (recorded.isPresent() && !recorded.get().journal().isEmpty()) {
      ApplyResult resumed = resume(apply, recorded.get());
      if (cancellation.isCancelled()) {
        return interrupted(resumed);
      }
      apply.resumed(resumed);
    }
    Applying.Ready ready = apply.planAfresh(CommandLineSpec.toggleValue(line, "refresh", true));
    Plan plan = ready.plan();
    // Under --force the guards are overridden on purpose: warning that apply will refuse the
    // plan, and then applying it, would be saying something untrue.
    terminal
        .out()
        .print(
            new TextRenderer(workspace.style)
                .render(line.hasOption("force") ? plan.withoutNotices(Notice.Kind.GUARD) : plan));
    if (!plan.hasChanges()) {
      return ExitCodes.OK;
    }
    apply.enforceGuards(ready, line.hasOption("allow-removals"), line.hasOption("force"));
    approve(line);
    return execute(apply, ready);
  }

  private int applySaved(CommandLine line, Applying apply, PlanCodec.Saved file, String planFile) {
    State state = apply.checkSaved(file, planFile);
    if (!state.journal().isEmpty()) {
      ApplyResult resumed = resume(apply, state);
      if (cancellation.isCancelled()) {
        return interrupted(resumed);
      }
      apply.resumed(resumed);
    }
    Applying.Ready ready = apply.replanSaved(file, planFile);
    Plan plan = ready.plan();
    apply.enforceGuards(ready, line.hasOption("allow-removals"), line.hasOption("force"));
    terminal
        .out()
        .println(
            "Applying plan "
                + plan.planId()
                + " made "
                + plan.createdAt()
                + (plan.gitCommit() == null ? "" : " from commit " + plan.gitCommit())
                + ": "
                + TextRenderer.totalLine(plan));
    if (!plan.hasChanges()) {
      terminal.out().println("No changes.");
      return ExitCodes.OK;
    }
    return execute(apply, ready);
  }

  private void approve(CommandLine line) {
    if (line.hasOption("auto-approve")) {
      return;
    }
    if (!terminal.promptable()) {
      throw new UsageException(
          "apply needs approval and there is no terminal to ask: pass"
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

  private int execute(Applying apply, Applying.Ready ready) {
    Plan plan = ready.plan();
    long numbers = plan.orders().stream().mapToLong(PlannedOrder::numberCount).sum();
    Progress progress =
        new Progress(terminal.out(), terminal.interactive(), plan.orders().size(), numbers);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("portlock-progress"));
    ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
    ApplyResult result;
    Applying.Run run = apply.run(ready.state(), progress);
    try (Interrupts interrupts = listen(progress, run)) {
      result = run.apply(ready);
    } finally {
      ticker.shutdownNow();
      progress.finish();
    }
    int code = report(result, progress);
    return cancellation.isCancelled() ? interrupted(result) : code;
  }

  /** Follows the orders an interrupted apply left in the journal, and reports what they did. */
  private ApplyResult resume(Applying apply, State state) {
    Progress progress =
        new Progress(
            terminal.out(),
            false,
            state.journal().size(),
            state.journal().stream().mapToLong(io.portlock.state.JournalEntry::numberCount).sum());
    Applying.Run resumer = apply.run(state, progress);
    ApplyResult resumed;
    try (Interrupts interrupts = listen(progress, resumer)) {
      resumed = resumer.resume();
    }
    report(resumed, null);
    return resumed;
  }

  /**
   * While orders run, the first SIGINT or SIGTERM cancels the apply and a second one stops the JVM
   * at once: whatever was sent is in the journal, which the next apply follows.
   */
  private Interrupts listen(Progress progress, Applying.Run run) {
    return Interrupts.install(
        cancellation,
        signal ->
            progress.note(
                "Interrupted by "
                    + signal
                    + ": sending no new orders; following"
                    + " the orders already at Bandwidth for up to "
                    + cancellation.grace().toSeconds()
                    + "s to record them. Interrupt again to stop at"
                    + " once; the state's journal keeps them for the next apply."),
        signal -> {
          int journaled = run.state().journal().size();
          progress.stop(
              "Stopped at once by a second "
                  + signal
                  + ": "
                  + Plural.of(journaled, "order")
                  + " sent and not yet recorded "
                  + (journaled == 1 ? "stays" : "stay")
                  + " in the state's journal. Run 'portlock"
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
    terminal
        .err()
        .println(
            "Apply interrupted by "
                + signal
                + ": "
                + Plural.of(recorded, "number")
                + " recorded as Bandwidth confirmed them; "
                + Plural.of(journaled, "order")
                + " still in the state's journal; "
                + Plural.of(result.ordersNotSent(), "order")
                + " not sent. Run 'portlock apply' to resume: it follows the journaled orders first,"
                + " then plans what is left.");
    return Interrupts.exitCode(signal);
  }

  private int report(ApplyResult result, Progress progress) {
    List<NumberFailure> failures = result.failures();
    for (int i = 0; i < Math.min(failures.size(), MAX_FAILURES_LISTED); i++) {
      NumberFailure f = failures.get(i);
      terminal
          .err()
          .println(
              "Failed: "
                  + f.number()
                  + ": "
                  + (f.code() == null ? "" : "code " + f.code() + ": ")
                  + f.description()
                  + " (order "
                  + f.customerOrderId()
                  + ")");
    }
    if (failures.size() > MAX_FAILURES_LISTED) {
      terminal
          .err()
          .println(
              "... and "
                  + (failures.size() - MAX_FAILURES_LISTED)
                  + " more failed numbers; they stay planned, run 'portlock plan' to see them");
    }
    if (progress != null) {
      terminal.out().println(result.summaryLine());
    }
    return result.complete() ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
