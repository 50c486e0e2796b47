package io.portlock.cli;

import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code portlock force-unlock LOCK_ID}: clears a lock record left behind. */
final class ForceUnlockCommand {
  private final Terminal terminal;

  ForceUnlockCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  int run(List<String> args) {
    CommandLine line = new CommandLineSpec("force-unlock", "force-unlock LOCK_ID",
        "Clears the lock record with this ID (shown in the lock error). The lock itself is an OS"
            + " file lock that ends with its process, so this refuses while that process runs.")
        .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().size() != 1) {
      throw new UsageException("force-unlock takes the lock ID shown in the lock error");
    }
    terminal.out().println(Workspace.store(line, terminal, Workspace.configPath(line, terminal))
        .forceUnlock(line.getArgList().get(0)));
    return ExitCodes.OK;
  }
}
