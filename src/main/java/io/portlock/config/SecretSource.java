package io.portlock.config;

import java.nio.file.Path;

/** Where a passcode comes from; describes itself without ever showing the secret. */
public sealed interface SecretSource {

  /** {@code {env: NAME}}. */
  record Env(String variable) implements SecretSource {
    @Override
    public String toString() {
      return "env " + variable;
    }
  }

  /** {@code {file: path}}, trailing newline dropped. */
  record File(Path path) implements SecretSource {
    @Override
    public String toString() {
      return "file " + path;
    }
  }

  /** A literal in the YAML: allowed, but {@code validate} warns that it is committed to git. */
  record Literal() implements SecretSource {
    @Override
    public String toString() {
      return "literal";
    }
  }
}
