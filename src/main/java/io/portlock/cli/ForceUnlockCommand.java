package io.portlock.cli;

import io.portlock.config.Config;
import io.portlock.config.ConfigLoader;
import io.portlock.config.LoadOptions;
import io.portlock.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code portlock force-unlock LOCK_ID}: clears a lock record left behind. */
final class ForceUnlockCommand implements Command {
  private final Terminal terminal;

  ForceUnlockCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int run(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "force-unlock",
                "force-unlock LOCK_ID",
                "Clears the lock record with this ID (shown in the lock error). The lock itself is an OS"
                    + " file lock that ends with its process (with the state in PostgreSQL, an advisory"
                    + " lock that ends with its database session), so this refuses while that runs.")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().size() != 1) {
      throw new UsageException("force-unlock takes the lock ID shown in the lock error");
    }
    Path configFile = Workspace.configPath(line, terminal);
    StateStore store = Workspace.store(line, terminal, configFile);
    if (Workspace.explicitUrl(line, terminal) == null && !line.hasOption("state")) {
      // The config may keep its state in a database (state.url): then the lock is there.
      Config config = ConfigLoader.load(configFile, new LoadOptions(terminal.env(), List.of()));
      if (config.state().url() != null) {
        store = Workspace.databaseStore(line, terminal, config, null);
      }
    }
    terminal.out().println(store.forceUnlock(line.getArgList().get(0)));
    return ExitCodes.OK;
  }
}
