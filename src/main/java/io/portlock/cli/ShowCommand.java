package io.portlock.cli;

import io.portlock.files.RegularFiles;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanCodec;
import io.portlock.plan.PlanMismatchException;
import io.portlock.state.FileFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code portlock show FILE}: renders a saved plan. */
final class ShowCommand implements Command {
  private final Terminal terminal;

  ShowCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int run(List<String> args) {
    CommandLine line =
        new CommandLineSpec(
                "show",
                "show FILE [--format text|json|markdown]",
                "Renders a plan saved with 'portlock plan --out FILE'.")
            .value("format", "FORMAT", "text (default), json or markdown")
            .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    if (line.getArgList().size() != 1) {
      throw new UsageException(
          "show takes one plan file, saved by 'portlock plan --out FILE',"
              + " but got "
              + line.getArgList().size()
              + " arguments");
    }
    Path file = terminal.workDir().resolve(line.getArgList().get(0));
    Plan plan = readPlan(file, line.getArgList().get(0), "do not apply it");
    PlanOutput.print(
        plan,
        PlanOutput.Format.parse(line.getOptionValue("format")),
        Workspace.style(line, terminal),
        terminal);
    return ExitCodes.OK;
  }

  /**
   * Reads a saved plan; a missing or damaged file is a usage error saying what to do. The message
   * never quotes the file: someone may pass a secret file, or plant one by a link.
   *
   * @param shown the file as the user named it
   * @param consequence what a user must know about a plan that was edited ("nothing was sent")
   */
  static Plan readPlan(Path file, String shown, String consequence) {
    return readSavedPlan(file, shown, consequence).plan();
  }

  /** Like {@link #readPlan}, with the MAC the file carries. */
  static PlanCodec.Saved readSavedPlan(Path file, String shown, String consequence) {
    try (InputStream in = new BufferedInputStream(RegularFiles.newInputStream(file))) {
      return PlanCodec.readSaved(in);
    } catch (PlanMismatchException e) {
      throw new UsageException(
          "the plan file "
              + shown
              + " was edited or damaged: "
              + e.getMessage()
              + "; "
              + consequence
              + ". Run 'portlock plan --out FILE' again,"
              + " review it and apply the new plan");
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "no plan file at "
              + file
              + "; save one with 'portlock plan --out "
              + file.getFileName()
              + "'");
    } catch (RegularFiles.NotRegularException e) {
      throw new UsageException(e.getMessage());
    } catch (FileFormatException e) {
      throw new UsageException(
          file
              + (e.isNewer() || e.isOlder()
                  ? ": " + e.getMessage()
                  : " is not a portlock plan ("
                      + e.getMessage()
                      + "); save one with 'portlock plan"
                      + " --out FILE'"));
    } catch (RuntimeException e) {
      throw new UsageException(
          file
              + " is not a portlock plan ("
              + FileFormatException.describe(e)
              + "); save one with 'portlock plan --out FILE'");
    } catch (IOException e) {
      throw new UsageException("cannot read the plan " + file + ": " + e.getMessage());
    }
  }
}
