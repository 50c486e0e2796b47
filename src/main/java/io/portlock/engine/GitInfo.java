package io.portlock.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The git commit a plan is made from, when the config lives in a git checkout. */
final class GitInfo {
  private GitInfo() {}

  /** {@code git rev-parse HEAD} in {@code folder}; null outside a checkout or without git. */
  static String headCommit(Path folder) {
    try {
      Process process =
          new ProcessBuilder("git", "rev-parse", "--verify", "-q", "HEAD")
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
