package io.portlock.cli;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps library logging off the user's screen. Vert.x and Netty log through java.util.logging (no
 * SLF4J binding ships with portlock) and print whole stack traces: a hostile answer once produced
 * 1,457 of them. portlock reports failures itself, in one line.
 */
final class Logging {
  private Logging() {}

  static void silenceLibraries() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
  }
}
