package io.portlock.cli;

import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.domain.AccountId;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Plural;
import io.portlock.engine.Importing;
import io.portlock.state.StateStore;
import io.portlock.state.StateStores;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock import}: adopts the protection Bandwidth already holds ({@link Importing}).
 * Nothing is changed at Bandwidth; passcodes are never printed.
 */
final class ImportCommand implements Command {
  private final Terminal terminal;

  ImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int run(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "import",
                "import --account ID [--out FILE] [--numbers FILE] [--show-secrets]",
                "Reads the passcodes Bandwidth holds (every number of the account, or those of --numbers)"
                    + " and writes a config and a state that reproduce them. Changes nothing at Bandwidth.")
            .value("account", "ID", "the Bandwidth account id (digits)")
            .value("out", "FILE", "the config to write (default portlock.yaml); must not exist")
            .value("numbers", "FILE", "only these numbers (one number or range per line)")
            .value(
                "api-url", "URL", "the API base URL (default: PORTLOCK_API_URL, else Bandwidth's)")
            .flag(
                "show-secrets",
                "write the passcodes as export lines to <config>.secrets.env"
                    + " (mode 600); never printed")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (!line.hasOption("account")) {
      throw new UsageException("import needs --account ID (the Bandwidth account id)");
    }
    // A bad key is refused before anything is read or written.
    FingerprintKey key = Workspace.fingerprintKey(terminal);
    AccountId account;
    try {
      account = new AccountId(line.getOptionValue("account"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--account: " + e.getMessage());
    }
    Path out =
        terminal
            .workDir()
            .resolve(line.getOptionValue("out", Workspace.DEFAULT_CONFIG))
            .normalize();
    // With --state postgresql://... (or PORTLOCK_STATE_URL) the state goes to the new config's
    // workspace in that database, which must not hold a state yet.
    String stateUrl = Workspace.explicitUrl(line, terminal);
    StateStore store =
        stateUrl == null
            ? StateStores.forLocation(
                Workspace.statePath(line, terminal, out).toString(), terminal.workDir())
            : Workspace.databaseStore(
                stateUrl,
                terminal,
                account + "/" + out.getFileName().toString().replaceFirst("\\.(ya?ml)$", ""),
                null,
                line.hasOption("state") ? "--state" : Workspace.STATE_URL_VARIABLE);
    Importing.refuseExisting(out, store);
    NumberSet only =
        line.hasOption("numbers")
            ? readNumbers(terminal.workDir().resolve(line.getOptionValue("numbers")))
            : null;
    Importing importing = new Importing(account, url(line), key, out, store);
    PasscodeReadback readback;
    try (ApiConnection connection =
        ApiConnection.connect(terminal, importing.url(), account, null, true).orElseThrow()) {
      readback = Importing.read(connection.api, only);
    }
    print(importing, importing.write(readback, only, line.hasOption("show-secrets")));
    return ExitCodes.OK;
  }

  private URI url(CommandLine line) {
    return line.hasOption("api-url")
        ? ApiConnection.parse(line.getOptionValue("api-url"))
        : terminal.env().containsKey(ApiConnection.API_URL_VARIABLE)
            ? ApiConnection.parse(terminal.env().get(ApiConnection.API_URL_VARIABLE))
            : io.portlock.config.ApiSettings.DEFAULT_URL;
  }

  private void print(Importing importing, Importing.Imported imported) {
    List<Importing.Group> groups = imported.groups();
    PasscodeReadback readback = imported.readback();
    terminal
        .out()
        .println(
            "Imported "
                + Plural.of(imported.total(), "number")
                + " in "
                + Plural.of(groups.size(), "group")
                + " (one per distinct passcode) into "
                + importing.out().getFileName()
                + " and "
                + importing.stateName()
                + "; nothing was changed at Bandwidth.");
    if (!readback.withoutPasscode().isEmpty() || !readback.notOnAccount().isEmpty()) {
      terminal
          .out()
          .println(
              "Skipped "
                  + Plural.of(readback.withoutPasscode().size(), "number")
                  + " with no passcode and "
                  + Plural.of(readback.notOnAccount().size(), "number")
                  + " not on the account.");
    }
    Path secrets = imported.secrets();
    if (secrets != null) {
      terminal
          .out()
          .println(
              "The passcodes are in "
                  + secrets
                  + " (mode 600): load them with"
                  + " 'source "
                  + secrets.getFileName()
                  + "', keep them in your secret store, and never"
                  + " commit that file.");
    } else {
      terminal
          .out()
          .println(
              "Set these variables to the passcodes Bandwidth holds (run again"
                  + " with --show-secrets to have them written to a mode-600 file):");
      for (Importing.Group group : groups) {
        terminal
            .out()
            .println(
                "  export "
                    + group.variable()
                    + "=...   # "
                    + Plural.of(group.numbers().size(), "number")
                    + ", e.g. "
                    + group.numbers().get(0));
      }
    }
  }

  private static NumberSet readNumbers(Path file) {
    try {
      return NumbersFiles.read(file);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--numbers: " + e.getMessage());
    }
  }
}
