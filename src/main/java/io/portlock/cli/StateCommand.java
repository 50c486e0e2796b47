package io.portlock.cli;

import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Plural;
import io.portlock.domain.TelephoneNumber;
import io.portlock.engine.StateEditing;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock state list|show|rm|mv}: look into the state, stop managing numbers, or record
 * them under another group.
 */
final class StateCommand implements Command {
  private final Terminal terminal;

  StateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int run(List<String> args) {
    if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
      terminal
          .out()
          .println(
              "usage: portlock state list [--group G] | state show NUMBER |"
                  + " state rm NUMBER... | state mv OLD_GROUP NEW_GROUP | state mv --to GROUP NUMBER..."
                  + "\n\n  list   managed numbers (ranges) with their group and"
                  + " passcode fingerprint\n  show   one number: group, fingerprint, last order, applied"
                  + " time\n  rm     stop managing numbers, without touching Bandwidth"
                  + "\n  mv     rename a group, or move numbers to another group, in the state only"
                  + "\n  migrate --to LOCATION   move the state to a postgresql:// URL or a file,"
                  + " keeping lineage and serial");
      return args.isEmpty() ? ExitCodes.ERROR : ExitCodes.OK;
    }
    String sub = args.get(0);
    List<String> rest = args.subList(1, args.size());
    return switch (sub) {
      case "list" -> list(rest);
      case "show" -> show(rest);
      case "rm" -> remove(rest);
      case "mv" -> move(rest);
      case "migrate" -> migrate(rest);
      default ->
          throw new UsageException(
              "unknown state command '" + sub + "'; expected list, show, rm, mv or migrate");
    };
  }

  private int list(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "state list",
                "state list [--group G]",
                "Lists the managed numbers by group, as ranges, with their passcode fingerprint.")
            .value("group", "G", "only this group")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    State state = read(line);
    String only = line.getOptionValue("group");
    Map<String, NumberSet.Builder> byGroup = new LinkedHashMap<>();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (int i = 0; i < state.size(); i++) {
      StateEntry entry = state.entryAt(i);
      if (only == null || only.equals(entry.group())) {
        String key = entry.group() + " " + entry.fingerprint().shortForm();
        byGroup.computeIfAbsent(key, k -> new NumberSet.Builder()).add(state.numberAt(i));
        fingerprints.put(key, entry.fingerprint().shortForm());
      }
    }
    if (byGroup.isEmpty()) {
      terminal
          .out()
          .println(
              only == null
                  ? "The state manages no numbers."
                  : "No managed numbers in group '" + only + "'.");
      return ExitCodes.OK;
    }
    for (Map.Entry<String, NumberSet.Builder> e : byGroup.entrySet()) {
      NumberSet numbers = e.getValue().build();
      String group = e.getKey().substring(0, e.getKey().lastIndexOf(' '));
      terminal
          .out()
          .println(
              group
                  + " ("
                  + Plural.of(numbers.size(), "number")
                  + ", passcode fp "
                  + fingerprints.get(e.getKey())
                  + ")");
      for (NumberRange range : numbers.ranges()) {
        terminal.out().println("  " + range);
      }
    }
    return ExitCodes.OK;
  }

  private int show(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "state show", "state show NUMBER", "Shows what the state records for one number.")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().size() != 1) {
      throw new UsageException("state show takes one number, such as 2018551020");
    }
    long number = parse(line.getArgList().get(0));
    StateEntry entry = read(line).entryOf(number);
    if (entry == null) {
      throw new UsageException(
          number
              + " is not managed by this state; 'portlock state list'"
              + " shows the managed numbers");
    }
    terminal.out().println("number:            " + number);
    terminal.out().println("group:             " + entry.group());
    terminal
        .out()
        .println("passcode:          (sensitive, fp " + entry.fingerprint().shortForm() + ")");
    terminal
        .out()
        .println(
            "last order:        "
                + (entry.customerOrderId() == null
                    ? "(none: imported" + " or refreshed)"
                    : entry.customerOrderId() + " (" + entry.orderId() + ")"));
    terminal
        .out()
        .println(
            "applied at:        " + (entry.appliedAt() == null ? "unknown" : entry.appliedAt()));
    return ExitCodes.OK;
  }

  private int remove(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "state rm",
                "state rm NUMBER...",
                "Stops managing numbers: removes them from the state without touching Bandwidth. Their"
                    + " passcode stays as it is; if they are still in the config, the next plan adds"
                    + " them again.")
            .value("lock-timeout", "DURATION", "wait this long for the lock")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().isEmpty()) {
      throw new UsageException("state rm takes one or more numbers or ranges");
    }
    NumberSet.Builder numbers = new NumberSet.Builder();
    for (String arg : line.getArgList()) {
      numbers.addRange(parseRange(arg));
    }
    NumberSet wanted = numbers.build();
    Workspace workspace = Workspace.open(line, terminal, false);
    new StateEditing(workspace.project)
        .remove(wanted, CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO));
    terminal
        .out()
        .println(
            "Removed "
                + Plural.of(wanted.size(), "number")
                + " from the state;"
                + " Bandwidth was not changed.");
    return ExitCodes.OK;
  }

  /**
   * {@code state mv OLD NEW} renames a group; {@code state mv --to GROUP NUMBER...} moves numbers.
   * Each number keeps its fingerprint and last order: only the group the state records changes, as
   * Terraform's {@code state mv} does. A plan does the same by itself when a group is renamed in
   * the config; this is for doing it ahead of the config change, or by hand.
   */
  private int move(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "state mv",
                "state mv OLD_GROUP NEW_GROUP | state mv --to GROUP NUMBER...",
                "Renames a group in the state, or moves numbers to another group, without touching"
                    + " Bandwidth. The numbers keep their passcode fingerprint: if the config gives the"
                    + " new group another passcode, the next plan sets it.")
            .value("to", "GROUP", "move the numbers given to this group")
            .value("lock-timeout", "DURATION", "wait this long for the lock")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    String to = line.getOptionValue("to");
    List<String> rest = line.getArgList();
    if (to == null ? rest.size() != 2 : rest.isEmpty()) {
      throw new UsageException(
          "state mv takes two group names (state mv OLD_GROUP NEW_GROUP),"
              + " or --to GROUP and one or more numbers or ranges, but got "
              + rest);
    }
    String target = to == null ? rest.get(1) : to;
    if (!io.portlock.config.GroupConfig.isValidName(target)) {
      throw new UsageException(
          "group name '"
              + target
              + "' is not allowed; expected 1 to 40"
              + " letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    NumberSet.Builder given = new NumberSet.Builder();
    if (to != null) {
      for (String arg : rest) {
        given.addRange(parseRange(arg));
      }
    }
    Workspace workspace = Workspace.open(line, terminal, false);
    StateEditing editing = new StateEditing(workspace.project);
    Duration lockTimeout = CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO);
    long moved =
        to == null
            ? editing.renameGroup(rest.get(0), target, lockTimeout)
            : editing.moveNumbers(given.build(), target, lockTimeout);
    terminal
        .out()
        .println(
            "Moved "
                + Plural.of(moved, "number")
                + " "
                + (to == null ? "from group '" + rest.get(0) + "' " : "")
                + "to group '"
                + target
                + "' in the state; Bandwidth was not changed.");
    return ExitCodes.OK;
  }

  /**
   * {@code state migrate --to LOCATION}: copies the state, under both locks, to another store,
   * keeping its lineage and serial, so that plans saved before the move still apply after it. The
   * target must be empty or hold an older version of the same lineage; the source is left as it
   * was.
   */
  private int migrate(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "state migrate",
                "state migrate --to LOCATION",
                "Moves the state to another store, keeping its lineage and serial: --to"
                    + " postgresql://user@host:port/db moves a state file into a database workspace, --to"
                    + " FILE moves it back. Refuses to overwrite a state of another lineage, or a newer"
                    + " version of this one. The state where it was is left unchanged.")
            .value("to", "LOCATION", "where the state goes: a postgresql:// URL or a file path")
            .value("lock-timeout", "DURATION", "wait this long for each lock")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    String to = line.getOptionValue("to");
    if (to == null || !line.getArgList().isEmpty()) {
      throw new UsageException(
          "state migrate takes --to LOCATION (a postgresql:// URL or a"
              + " file) and nothing else");
    }
    Workspace workspace = Workspace.open(line, terminal, false);
    StateEditing.Migration moved =
        new StateEditing(workspace.project)
            .migrate(
                workspace.storeAt(to, "--to"),
                CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO));
    State state = moved.state();
    terminal
        .out()
        .println(
            "Migrated the state (lineage "
                + state.lineage()
                + ", serial "
                + state.serial()
                + ", "
                + Plural.of(state.size(), "number")
                + ", "
                + Plural.of(state.journal().size(), "order")
                + " in the journal) from "
                + moved.from()
                + " to "
                + moved.into()
                + ". Point portlock at it (--state, "
                + Workspace.STATE_URL_VARIABLE
                + " or state.url); the state at "
                + moved.from()
                + " was left unchanged: remove it once nothing uses it.");
    return ExitCodes.OK;
  }

  private State read(CommandLine line) {
    return Workspace.open(line, terminal, false)
        .readState()
        .orElseThrow(() -> new UsageException("there is no state yet: run 'portlock apply' first"));
  }

  private static long parse(String text) {
    try {
      return TelephoneNumber.parseDigits(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static NumberRange parseRange(String text) {
    try {
      return NumberRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
