package io.portlock.cli;

import io.portlock.domain.Plural;
import io.portlock.engine.Refreshing;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock refresh}: makes the state say what Bandwidth holds, changing nothing at Bandwidth
 * ({@link Refreshing}); {@code --rekey} fingerprints every managed number again.
 */
final class RefreshCommand implements Command {
  private final Terminal terminal;

  RefreshCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int run(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "refresh",
                "refresh [options]",
                "Reads the passcodes of the managed numbers back from Bandwidth and updates the state to"
                    + " match, without changing anything at Bandwidth.")
            .value(
                "lock-timeout", "DURATION", "wait this long for another apply's lock (default 0s)")
            .flag(
                "rekey",
                "fingerprint every managed number again from Bandwidth's read-back, with"
                    + " fresh salts per group and PORTLOCK_FINGERPRINT_KEY if set (sends no order)")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    Workspace workspace = Workspace.open(line, terminal, true);
    Duration lockTimeout = CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO);
    Refreshing.Outcome outcome;
    try (ApiConnection connection = ApiConnection.open(workspace, true).orElseThrow()) {
      outcome =
          new Refreshing(workspace.project)
              .refresh(connection.api, lockTimeout, line.hasOption("rekey"));
    }
    print(outcome);
    return ExitCodes.OK;
  }

  private void print(Refreshing.Outcome outcome) {
    if (outcome instanceof Refreshing.NoState) {
      terminal.out().println("No state yet: nothing is managed, nothing to refresh.");
    } else if (outcome instanceof Refreshing.Unchanged same) {
      terminal
          .out()
          .println(
              "Refresh: all "
                  + same.managed()
                  + " managed numbers hold the"
                  + " passcode the state records. The state is unchanged.");
    } else if (outcome instanceof Refreshing.Rekeyed r) {
      terminal
          .out()
          .println(
              "Rekeyed the state: "
                  + Plural.of(r.fingerprinted(), "number")
                  + " fingerprinted again from Bandwidth's"
                  + " read-back, salted per group, "
                  + (r.keyId() == null
                      ? "without a key (PORTLOCK_FINGERPRINT_KEY is not set)"
                      : "keyed with key id " + r.keyId())
                  + "; "
                  + Plural.of(r.dropped(), "number")
                  + " with no passcode or no longer on the"
                  + " account dropped."
                  + " No order was sent.");
    } else if (outcome instanceof Refreshing.Reconciled r) {
      terminal.out().println("Refresh updated the state from Bandwidth:");
      printCount(
          r.differing(),
          "holds",
          "hold",
          " another passcode at Bandwidth (state now records its fingerprint)");
      printCount(r.missing(), "has", "have", " no passcode at Bandwidth (dropped from the state)");
      printCount(r.left(), "is", "are", " no longer on the account (dropped from the state)");
      terminal
          .out()
          .println("Run 'portlock plan' to see what it takes to match the config" + " again.");
    }
  }

  /** One line of the reconciliation: " 3 numbers hold another passcode (...)". */
  private void printCount(long count, String singular, String plural, String rest) {
    terminal
        .out()
        .println(
            "  " + Plural.of(count, "number") + " " + Plural.agree(count, singular, plural) + rest);
  }
}
