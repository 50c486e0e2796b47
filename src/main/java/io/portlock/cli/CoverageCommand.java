package io.portlock.cli;

import io.portlock.engine.Coverage;
import io.portlock.engine.CoverageRenderer;
import io.portlock.engine.CoverageReport;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock coverage}: which numbers of the account are managed, protected outside portlock,
 * unprotected, or cannot hold a passcode at all. Reads only; needs credentials.
 */
final class CoverageCommand implements Command {
  private final Terminal terminal;

  CoverageCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  static CommandLineSpec spec() {
    return new CommandLineSpec(
            "coverage",
            "coverage [--format text|json|markdown] [--detailed-exitcode]",
            "Lists every number of the account (GET /tns) and sorts it: managed (in the config),"
                + " protected_unmanaged (a passcode set outside portlock), unprotected (eligible,"
                + " no passcode) or ineligible (toll-free, off-net, outside NANP). Changes nothing;"
                + " passcodes are compared, never shown.")
        .value("format", "FORMAT", "text (default), json or markdown")
        .flag(
            "detailed-exitcode",
            "exit 0 when every eligible number is protected, 2 when one" + " is not");
  }

  @Override
  public int run(List<String> args) {
    CommandLine line = spec().parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("coverage takes no arguments but got " + line.getArgList());
    }
    String format = line.getOptionValue("format", "text").trim().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("text", "json", "markdown").contains(format)) {
      throw new UsageException(
          "--format takes text, json or markdown but was '" + line.getOptionValue("format") + "'");
    }
    Workspace workspace = Workspace.open(line, terminal, false);
    workspace.printWarningCount();
    CoverageReport report;
    try (ApiConnection connection = ApiConnection.open(workspace, true).orElseThrow()) {
      report = Coverage.of(workspace.config, connection.api);
    }
    terminal
        .out()
        .print(
            switch (format) {
              case "json" -> CoverageRenderer.json(report);
              case "markdown" -> CoverageRenderer.markdown(report);
              default -> CoverageRenderer.text(report);
            });
    terminal.out().flush();
    if (line.hasOption("detailed-exitcode") && report.hasUnprotected()) {
      return ExitCodes.CHANGES;
    }
    return ExitCodes.OK;
  }
}
