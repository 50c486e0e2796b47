package io.portlock.cli;

import io.portlock.domain.Plural;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import io.portlock.state.StateStores;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock import}: adopts the protection Bandwidth already holds. Writes a config in
 * which numbers sharing a passcode form one group (each passcode replaced by an environment
 * variable) and a state that records them as applied, so the next plan shows no changes.
 * Nothing is changed at Bandwidth; passcodes are never printed.
 */
final class ImportCommand {
  /** Above this many ranges a group's numbers go to a numbers file instead of the YAML. */
  private static final int INLINE_RANGES = 100;

  private final Terminal terminal;

  ImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  int run(List<String> args) {
    CommandLine line = new CommandLineSpec("import",
        "import --account ID [--out FILE] [--numbers FILE] [--show-secrets]",
        "Reads the passcodes Bandwidth holds (every number of the account, or those of --numbers)"
            + " and writes a config and a state that reproduce them. Changes nothing at Bandwidth.")
        .value("account", "ID", "the Bandwidth account id (digits)")
        .value("out", "FILE", "the config to write (default portlock.yaml); must not exist")
        .value("numbers", "FILE", "only these numbers (one number or range per line)")
        .value("api-url", "URL", "the API base URL (default: PORTLOCK_API_URL, else Bandwidth's)")
        .flag("show-secrets", "write the passcodes as export lines to <config>.secrets.env"
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
    Path out = terminal.workDir().resolve(line.getOptionValue("out", Workspace.DEFAULT_CONFIG))
        .normalize();
    Path stateFile = Workspace.statePath(line, terminal, out);
    for (Path target : List.of(out, stateFile)) {
      if (Files.exists(target)) {
        throw new UsageException(target + " exists already; import writes a new config and state:"
            + " pass --out FILE for another name, or move the existing files away");
      }
    }
    NumberSet only = line.hasOption("numbers")
        ? readNumbers(terminal.workDir().resolve(line.getOptionValue("numbers"))) : null;
    URI url = line.hasOption("api-url") ? ApiConnection.parse(line.getOptionValue("api-url"))
        : terminal.env().containsKey(ApiConnection.API_URL_VARIABLE)
            ? ApiConnection.parse(terminal.env().get(ApiConnection.API_URL_VARIABLE))
            : io.portlock.config.ApiSettings.DEFAULT_URL;
    PasscodeReadback readback;
    try (ApiConnection connection = ApiConnection.connect(terminal, url, account, null, true)
        .orElseThrow()) {
      readback = only == null ? connection.api.readAllPasscodes()
          : connection.api.readPasscodes(only);
    }
    List<Group> groups = group(readback.passcodes());
    if (groups.isEmpty()) {
      throw new UsageException("Bandwidth holds no port-out passcode for "
          + (only == null ? "any number of account " + account : "those numbers")
          + "; there is nothing to import");
    }
    write(out, stateFile, account, url, groups, line.hasOption("show-secrets"), readback, key);
    return ExitCodes.OK;
  }

  /** Numbers sharing a passcode, largest group first, named group-01, group-02, ... */
  private record Group(String name, String variable, Passcode passcode, NumberSet numbers) {}

  private static List<Group> group(Map<Long, Passcode> passcodes) {
    Map<Passcode, NumberSet.Builder> byPasscode = new LinkedHashMap<>();
    passcodes.forEach((n, p) -> byPasscode.computeIfAbsent(p, k -> new NumberSet.Builder()).add(n));
    List<Map.Entry<Passcode, NumberSet>> sorted = new ArrayList<>();
    byPasscode.forEach((p, b) -> sorted.add(Map.entry(p, b.build())));
    sorted.sort(Comparator.comparingInt((Map.Entry<Passcode, NumberSet> e) -> -e.getValue().size())
        .thenComparingLong(e -> e.getValue().get(0)));
    List<Group> groups = new ArrayList<>();
    int width = Math.max(2, String.valueOf(sorted.size()).length());
    for (int i = 0; i < sorted.size(); i++) {
      String index = String.format("%0" + width + "d", i + 1);
      groups.add(new Group("group-" + index, "PORTLOCK_PASSCODE_GROUP_" + index,
          sorted.get(i).getKey(), sorted.get(i).getValue()));
    }
    return groups;
  }

  private void write(Path out, Path stateFile, AccountId account, URI url, List<Group> groups,
      boolean showSecrets, PasscodeReadback readback, FingerprintKey key) {
    try {
      Files.createDirectories(out.getParent());
      StringBuilder yaml = new StringBuilder("# Written by 'portlock import' from what Bandwidth"
          + " held on " + Instant.now() + ".\n# Each passcode comes from an environment variable:"
          + " set them before 'portlock plan'.\nversion: 1\naccount: \"" + account + "\"\n");
      if (!url.equals(io.portlock.config.ApiSettings.DEFAULT_URL)) {
        yaml.append("api:\n  url: ").append(url).append('\n');
      }
      yaml.append("groups:\n");
      for (Group group : groups) {
        yaml.append("  ").append(group.name()).append(":\n    passcode: {env: ")
            .append(group.variable()).append("}\n");
        List<NumberRange> ranges = group.numbers().ranges();
        if (ranges.size() <= INLINE_RANGES) {
          yaml.append("    numbers:\n");
          for (NumberRange range : ranges) {
            yaml.append("      - \"").append(range).append("\"\n");
          }
        } else {
          Path numbersFile = out.resolveSibling("numbers").resolve(group.name() + ".txt");
          Files.createDirectories(numbersFile.getParent());
          StringBuilder text = new StringBuilder("# numbers of " + group.name() + "\n");
          ranges.forEach(r -> text.append(r).append('\n'));
          Files.writeString(numbersFile, text);
          yaml.append("    numbers_file: numbers/").append(group.name()).append(".txt\n");
        }
      }
      Files.writeString(out, yaml, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

      KdfParameters kdf = KdfParameters.generate(key);
      Map<String, Passcode> byGroup = new java.util.LinkedHashMap<>();
      groups.forEach(g -> byGroup.put(g.name(), g.passcode()));
      Map<String, Fingerprint> fingerprints = new Fingerprinter(kdf, key).fingerprintGroups(byGroup);
      State state = State.empty(account, kdf);
      Instant now = Instant.now();
      for (Group group : groups) {
        state = state.withApplied(group.numbers(),
            new StateEntry(group.name(), fingerprints.get(group.name()), now, null, null));
      }
      try (StateSession session = StateStores.forLocation(stateFile.toString(), terminal.workDir())
          .open("import", java.time.Duration.ZERO)) {
        session.commit(new StateChange.Replaced(state));
      }

      long total = groups.stream().mapToLong(g -> g.numbers().size()).sum();
      terminal.out().println("Imported " + Plural.of(total, "number") + " in "
          + Plural.of(groups.size(), "group") + " (one per distinct passcode) into " + out.getFileName() + " and "
          + stateFile.getFileName() + "; nothing was changed at Bandwidth.");
      if (!readback.withoutPasscode().isEmpty() || !readback.notOnAccount().isEmpty()) {
        terminal.out().println("Skipped " + Plural.of(readback.withoutPasscode().size(), "number")
            + " with no passcode and " + Plural.of(readback.notOnAccount().size(), "number")
            + " not on the account.");
      }
      if (showSecrets) {
        Path secrets = out.resolveSibling(out.getFileName().toString()
            .replaceFirst("\\.(ya?ml)$", "") + ".secrets.env");
        writeSecrets(secrets, groups);
        terminal.out().println("The passcodes are in " + secrets + " (mode 600): load them with"
            + " 'source " + secrets.getFileName() + "', keep them in your secret store, and never"
            + " commit that file.");
      } else {
        terminal.out().println("Set these variables to the passcodes Bandwidth holds (run again"
            + " with --show-secrets to have them written to a mode-600 file):");
        for (Group group : groups) {
          terminal.out().println("  export " + group.variable() + "=...   # "
              + Plural.of(group.numbers().size(), "number") + ", e.g. " + group.numbers().get(0));
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot write the imported config: " + e.getMessage());
    }
  }

  private static void writeSecrets(Path file, List<Group> groups) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    StringBuilder text = new StringBuilder("# Passcodes imported by portlock. Secret: do not commit.\n");
    for (Group group : groups) {
      text.append("export ").append(group.variable()).append("='")
          .append(group.passcode().reveal()).append("'\n");
    }
    Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static NumberSet readNumbers(Path file) {
    try {
      return NumbersFiles.read(file);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--numbers: " + e.getMessage());
    }
  }
}
