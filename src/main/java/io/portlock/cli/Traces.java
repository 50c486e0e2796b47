package io.portlock.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Formats a stack trace for {@code --debug}: the only place users see one. The JDK's own format,
 * causes and suppressed exceptions included: a lost create keeps the failed lookup that left its
 * outcome unknown as a suppressed exception, and that is the part worth reading.
 */
final class Traces {
  private Traces() {}

  static String format(Throwable e) {
    StringWriter out = new StringWriter();
    try (PrintWriter writer = new PrintWriter(out)) {
      e.printStackTrace(writer);
    }
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
