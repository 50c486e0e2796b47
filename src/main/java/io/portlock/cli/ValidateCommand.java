package io.portlock.cli;

import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;

/** {@code portlock validate}: the config, its secrets and numbers, and a one-line summary. */
final class ValidateCommand implements Command {
  private final Terminal terminal;

  ValidateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int run(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "validate",
                "validate [options]",
                "Checks the config: its syntax, passcode sources (env variables and files are read) and"
                    + " numbers. Changes nothing and needs no network.")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    Workspace workspace = Workspace.open(line, terminal, false);
    workspace.printWarnings();
    workspace.printKeyNotice();
    Config config = workspace.config;
    long distinct =
        config.groups().stream().map(GroupConfig::passcode).collect(Collectors.toSet()).size();
    terminal
        .out()
        .println(
            workspace.displayConfigPath()
                + " is valid: "
                + plural(config.groups().size(), "group")
                + ", "
                + plural(config.numberCount(), "number")
                + ", "
                + plural(distinct, "distinct passcode")
                + " (account "
                + config.account()
                + ").");
    config
        .inventoryGroup()
        .ifPresent(
            group ->
                terminal
                    .out()
                    .println(
                        "Group '"
                            + group.name()
                            + "' has inventory: true: it takes every eligible number of account "
                            + config.account()
                            + " that no other group lists, which only Bandwidth knows; validate reads no account, so"
                            + " its numbers are not counted above. 'portlock plan' resolves it with credentials"
                            + " (BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET); 'portlock coverage' shows them."));
    return ExitCodes.OK;
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
