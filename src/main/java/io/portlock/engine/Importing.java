package io.portlock.engine;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.config.ApiSettings;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.files.AtomicFiles;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateEntry;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import use case: adopts the protection Bandwidth already holds. Writes a config in which
 * numbers sharing a passcode form one group (each passcode replaced by an environment variable) and
 * a state that records them as applied, so the next plan shows no changes. Nothing is changed at
 * Bandwidth; passcodes are written only to the mode-600 secrets file, when asked.
 *
 * @param url the API the config is to name (left out when it is Bandwidth's)
 * @param out the config to write; its state goes to {@code store}: a file beside it, or the new
 *     config's workspace in a database
 */
public record Importing(
    AccountId account, URI url, FingerprintKey key, Path out, StateStore store) {
  /** Above this many ranges a group's numbers go to a numbers file instead of the YAML. */
  private static final int INLINE_RANGES = 100;

  /** Numbers sharing a passcode, largest group first, named group-01, group-02, ... */
  public record Group(String name, String variable, Passcode passcode, NumberSet numbers) {}

  /**
   * What was imported.
   *
   * @param secrets the file holding the passcodes, or null when they were not asked for
   */
  public record Imported(List<Group> groups, PasscodeReadback readback, Path secrets) {
    public long total() {
      return groups.stream().mapToLong(g -> g.numbers().size()).sum();
    }
  }

  /**
   * Import writes new files only: refuses when the config or the state exists already (a state
   * file, or a state in the new config's database workspace).
   */
  public static void refuseExisting(Path out, StateStore store) {
    List<Path> files =
        store instanceof FileStateStore file ? List.of(out, file.file()) : List.of(out);
    for (Path target : files) {
      if (Files.exists(target)) {
        throw new UseCaseException(
            target
                + " exists already; import writes a new config and"
                + " state: pass --out FILE for another name, or move the existing files away");
      }
    }
    if (!(store instanceof FileStateStore) && store.read().isPresent()) {
      throw new UseCaseException(
          store.location()
              + " holds a state already; import writes a"
              + " new config and state: pass --out FILE for another config name (and so another"
              + " workspace), or remove that workspace's state first");
    }
  }

  /** Where the state went, for messages: the file's name, or the database workspace. */
  public String stateName() {
    return store instanceof FileStateStore file
        ? file.file().getFileName().toString()
        : store.location();
  }

  /**
   * Reads the passcodes Bandwidth holds.
   *
   * @param only the numbers to import, or null for every number of the account
   */
  public static PasscodeReadback read(BandwidthApi api, NumberSet only) {
    return only == null ? api.readAllPasscodes() : api.readPasscodes(only);
  }

  /**
   * Writes the config and state that reproduce what was read.
   *
   * @param only the numbers asked for, or null for every number of the account
   * @param showSecrets whether to write the passcodes to {@code <config>.secrets.env}
   */
  public Imported write(PasscodeReadback readback, NumberSet only, boolean showSecrets) {
    List<Group> groups = group(readback.passcodes());
    if (groups.isEmpty()) {
      throw new UseCaseException(
          "Bandwidth holds no port-out passcode for "
              + (only == null ? "any number of account " + account : "those numbers")
              + "; there is nothing to import");
    }
    try {
      writeConfig(groups);
      writeState(groups);
      Path secrets = null;
      if (showSecrets) {
        secrets =
            out.resolveSibling(
                out.getFileName().toString().replaceFirst("\\.(ya?ml)$", "") + ".secrets.env");
        writeSecrets(secrets, groups);
      }
      return new Imported(groups, readback, secrets);
    } catch (IOException e) {
      throw new UseCaseException("cannot write the imported config: " + e.getMessage());
    }
  }

  private static List<Group> group(Map<Long, Passcode> passcodes) {
    Map<Passcode, NumberSet.Builder> byPasscode = new LinkedHashMap<>();
    passcodes.forEach((n, p) -> byPasscode.computeIfAbsent(p, k -> new NumberSet.Builder()).add(n));
    List<Map.Entry<Passcode, NumberSet>> sorted = new ArrayList<>();
    byPasscode.forEach((p, b) -> sorted.add(Map.entry(p, b.build())));
    sorted.sort(
        Comparator.comparingInt((Map.Entry<Passcode, NumberSet> e) -> -e.getValue().size())
            .thenComparingLong(e -> e.getValue().get(0)));
    List<Group> groups = new ArrayList<>();
    int width = Math.max(2, String.valueOf(sorted.size()).length());
    for (int i = 0; i < sorted.size(); i++) {
      String index = String.format("%0" + width + "d", i + 1);
      groups.add(
          new Group(
              "group-" + index,
              "PORTLOCK_PASSCODE_GROUP_" + index,
              sorted.get(i).getKey(),
              sorted.get(i).getValue()));
    }
    return groups;
  }

  private void writeConfig(List<Group> groups) throws IOException {
    Files.createDirectories(out.getParent());
    StringBuilder yaml =
        new StringBuilder(
            "# Written by 'portlock import' from what Bandwidth"
                + " held on "
                + Instant.now()
                + ".\n# Each passcode comes from an environment variable:"
                + " set them before 'portlock plan'.\nversion: 1\naccount: \""
                + account
                + "\"\n");
    if (!url.equals(ApiSettings.DEFAULT_URL)) {
      yaml.append("api:\n  url: ").append(url).append('\n');
    }
    yaml.append("groups:\n");
    for (Group group : groups) {
      yaml.append("  ")
          .append(group.name())
          .append(":\n    passcode: {env: ")
          .append(group.variable())
          .append("}\n");
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
        AtomicFiles.write(numbersFile, text.toString());
        yaml.append("    numbers_file: numbers/").append(group.name()).append(".txt\n");
      }
    }
    AtomicFiles.write(out, yaml.toString(), AtomicFiles.Option.CREATE_NEW);
  }

  /** The state that records every group as applied, fingerprinted under fresh parameters. */
  private void writeState(List<Group> groups) {
    KdfParameters kdf = KdfParameters.generate(key);
    Map<String, Passcode> byGroup = new LinkedHashMap<>();
    groups.forEach(g -> byGroup.put(g.name(), g.passcode()));
    Map<String, Fingerprint> fingerprints = new Fingerprinter(kdf, key).fingerprintGroups(byGroup);
    State state = State.empty(account, kdf);
    Instant now = Instant.now();
    for (Group group : groups) {
      state =
          state.withApplied(
              group.numbers(),
              new StateEntry(group.name(), fingerprints.get(group.name()), now, null, null));
    }
    try (StateSession session = store.open("import", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(state));
    }
  }

  private static void writeSecrets(Path file, List<Group> groups) throws IOException {
    StringBuilder text =
        new StringBuilder("# Passcodes imported by portlock. Secret: do not commit.\n");
    for (Group group : groups) {
      text.append("export ")
          .append(group.variable())
          .append("='")
          .append(group.passcode().reveal())
          .append("'\n");
    }
    AtomicFiles.write(file, text.toString(), AtomicFiles.Option.PRIVATE);
  }
}
