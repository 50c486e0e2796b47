package io.portlock.plan;

/** ANSI colours, or none: colour only on a terminal, never with {@code --no-color}. */
public record Style(boolean color) {
  public String green(String text) {
    return wrap("32", text);
  }

  public String yellow(String text) {
    return wrap("33", text);
  }

  public String red(String text) {
    return wrap("31", text);
  }

  public String cyan(String text) {
    return wrap("36", text);
  }

  public String bold(String text) {
    return wrap("1", text);
  }

  private String wrap(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
