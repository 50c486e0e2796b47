package io.portlock.cli;

import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * One command's options (its own plus the common ones) and its help text. Parsing errors become
 * {@link UsageException}s that name the command's {@code --help}.
 */
final class CommandLineSpec {
  private final String name;
  private final String synopsis;
  private final String description;
  private final Options options = new Options();

  CommandLineSpec(String name, String synopsis, String description) {
    this.name = name;
    this.synopsis = synopsis;
    this.description = description;
    options.addOption(
        Option.builder("c")
            .longOpt("config")
            .hasArg()
            .argName("FILE")
            .desc("the config file (default: portlock.yaml)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("state")
            .hasArg()
            .argName("FILE|URL")
            .desc(
                "the state file (default: <config name>.state.json beside the config), or a"
                    + " postgresql://user@host:port/db URL (also PORTLOCK_STATE_URL)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("allow-read")
            .hasArg()
            .argName("DIR")
            .desc(
                "let the config, and --state, use files below DIR, outside the config's folder"
                    + " (repeatable)")
            .build());
    options.addOption(
        Option.builder().longOpt("no-color").desc("no colours in the output").build());
    options.addOption(
        Option.builder().longOpt("debug").desc("show stack traces on errors").build());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
  }

  CommandLineSpec flag(String longName, String description) {
    options.addOption(Option.builder().longOpt(longName).desc(description).build());
    return this;
  }

  CommandLineSpec value(String longName, String argName, String description) {
    options.addOption(
        Option.builder().longOpt(longName).hasArg().argName(argName).desc(description).build());
    return this;
  }

  /** A boolean option written {@code --name} or {@code --name=false}. */
  CommandLineSpec toggle(String longName, String description) {
    return toggle(longName, "true|false", description);
  }

  /** A toggle that takes more words than true and false ({@code --refresh=required}). */
  CommandLineSpec toggle(String longName, String argName, String description) {
    options.addOption(
        Option.builder()
            .longOpt(longName)
            .hasArg()
            .optionalArg(true)
            .argName(argName)
            .desc(description)
            .build());
    return this;
  }

  /** Parses; returns null when help was asked for (and printed). */
  CommandLine parse(List<String> args, Terminal terminal) {
    CommandLine line;
    try {
      line =
          DefaultParser.builder()
              .setStripLeadingAndTrailingQuotes(false)
              .build()
              .parse(options, args.toArray(String[]::new));
    } catch (ParseException e) {
      throw new UsageException(
          e.getMessage() + " (portlock " + name + "); see 'portlock " + name + " --help'");
    }
    if (line.hasOption("help")) {
      HelpFormatter help = new HelpFormatter();
      help.setWidth(100);
      java.io.PrintWriter writer = new java.io.PrintWriter(terminal.out());
      help.printHelp(
          writer,
          100,
          "portlock " + synopsis,
          description + "\n\nOptions:",
          options,
          2,
          2,
          "",
          false);
      writer.flush();
      return null;
    }
    return line;
  }

  static boolean toggleValue(CommandLine line, String name, boolean defaultValue) {
    if (!line.hasOption(name)) {
      return defaultValue;
    }
    String value = line.getOptionValue(name);
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new UsageException("--" + name + " takes true or false but was '" + value + "'");
  }

  static int intValue(CommandLine line, String name, int defaultValue, int min, int max) {
    String value = line.getOptionValue(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--"
              + name
              + " takes a whole number from "
              + min
              + " to "
              + max
              + " but was '"
              + value
              + "'");
    }
  }

  static java.time.Duration durationValue(CommandLine line, String name, java.time.Duration def) {
    String value = line.getOptionValue(name);
    if (value == null) {
      return def;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.trim());
    if (!m.matches()) {
      throw new UsageException(
          "--" + name + " takes a duration such as 30s, 5m or 1h but was '" + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> java.time.Duration.ofMillis(amount);
      case "m" -> java.time.Duration.ofMinutes(amount);
      case "h" -> java.time.Duration.ofHours(amount);
      default -> java.time.Duration.ofSeconds(amount);
    };
  }
}
