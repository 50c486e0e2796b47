package io.portlock.cli;

import io.portlock.engine.Planning;
import io.portlock.plan.Plan;
import io.portlock.state.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/** {@code portlock plan}: shows what apply would change, optionally saving the plan. */
final class PlanCommand implements Command {
  private final Terminal terminal;

  PlanCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  static CommandLineSpec spec() {
    return new CommandLineSpec(
            "plan",
            "plan [--out FILE] [--detailed-exitcode] [--format text|json|markdown]"
                + " [--refresh=false|required]",
            "Compares the config with the state (and, with credentials, with what Bandwidth holds)"
                + " and shows the orders apply would send. Changes nothing.")
        .value("out", "FILE", "save the plan for 'portlock apply FILE'")
        .flag("detailed-exitcode", "exit 0 when there are no changes, 2 when there are")
        .value("format", "FORMAT", "text (default), json or markdown")
        .toggle(
            "refresh",
            "true|false|required",
            "read the passcodes back from Bandwidth first"
                + " when there are credentials (default true); required: fail without credentials"
                + " instead of comparing with the state only (for drift checks)");
  }

  @Override
  public int run(List<String> args) {
    CommandLine line = spec().parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (!line.getArgList().isEmpty()) {
      throw new UsageException(
          "plan takes no arguments but got "
              + line.getArgList()
              + "; did you mean 'portlock show FILE' or 'plan --out FILE'?");
    }
    PlanOutput.Format format = PlanOutput.Format.parse(line.getOptionValue("format"));
    boolean required = "required".equalsIgnoreCase(line.getOptionValue("refresh"));
    boolean refresh = required || CommandLineSpec.toggleValue(line, "refresh", true);
    Workspace workspace = Workspace.open(line, terminal, true);
    workspace.printWarningCount();
    workspace.printKeyNotice();
    Optional<State> recorded = workspace.readState();
    Plan plan;
    try (ApiConnection connection =
        refresh ? ApiConnection.open(workspace, required).orElse(null) : null) {
      if (refresh && connection == null) {
        terminal
            .err()
            .println(
                "Note: no Bandwidth credentials (BANDWIDTH_CLIENT_ID and"
                    + " BANDWIDTH_CLIENT_SECRET), so the plan compares with the state only.");
      }
      plan =
          new Planning(workspace.project)
              .plan(recorded, connection == null ? null : connection.api)
              .plan();
    }
    PlanOutput.print(plan, format, workspace.style, terminal);
    if (line.hasOption("out")) {
      Path out = terminal.workDir().resolve(line.getOptionValue("out"));
      PlanOutput.save(plan, out, workspace.key);
      terminal
          .err()
          .println(
              "Saved the plan to "
                  + line.getOptionValue("out")
                  + "; apply exactly these changes with: portlock apply"
                  + (line.hasOption("config") ? " -c " + line.getOptionValue("config") : "")
                  + (line.hasOption("state") ? " --state " + line.getOptionValue("state") : "")
                  + " "
                  + line.getOptionValue("out"));
    }
    if (line.hasOption("detailed-exitcode")) {
      return plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
    return ExitCodes.OK;
  }
}
