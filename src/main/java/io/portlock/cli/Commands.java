package io.portlock.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command registry: each name {@code portlock <name>} takes, in the order the usage lists them.
 * A new command is one line here and one in {@link Main#USAGE}.
 */
final class Commands {
  private Commands() {}

  static Map<String, Supplier<Command>> of(Terminal terminal) {
    Map<String, Supplier<Command>> commands = new LinkedHashMap<>();
    commands.put("validate", () -> new ValidateCommand(terminal));
    commands.put("plan", () -> new PlanCommand(terminal));
    commands.put("show", () -> new ShowCommand(terminal));
    commands.put("apply", () -> new ApplyCommand(terminal));
    commands.put("refresh", () -> new RefreshCommand(terminal));
    commands.put("import", () -> new ImportCommand(terminal));
    commands.put("coverage", () -> new CoverageCommand(terminal));
    commands.put("state", () -> new StateCommand(terminal));
    commands.put("force-unlock", () -> new ForceUnlockCommand(terminal));
    commands.put(
        "sandbox",
        () -> args -> SandboxCommand.run(args, terminal.env(), terminal.out(), terminal.err()));
    return Collections.unmodifiableMap(commands);
  }
}
