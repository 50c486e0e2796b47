package io.portlock.cli;

/** Formats a stack trace for {@code --debug}: the only place users see one. */
final class Traces {
  private Traces() {}

  static String format(Throwable e) {
    StringBuilder out = new StringBuilder();
    Throwable current = e;
    String prefix = "";
    int depth = 0;
    while (current != null && depth++ < 10) {
      out.append(prefix).append(current).append('\n');
      for (StackTraceElement element : current.getStackTrace()) {
        out.append("\tat ").append(element).append('\n');
      }
      prefix = "Caused by: ";
      current = current.getCause() == current ? null : current.getCause();
    }
    return out.toString();
  }
}
