package io.portlock.config;

import io.portlock.domain.Passcode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns a group's {@code passcode:} into a {@link Passcode}: from an environment variable, a file,
 * or a literal. No message it writes contains the passcode, or any part of it.
 */
final class SecretResolver {
  /** Passcode files are tiny; a large one is the wrong file, and is not read. */
  static final int MAX_FILE_BYTES = 1024;

  private static final List<String> KEYS = List.of("env", "file");

  /** A resolved passcode and where it came from. */
  record Resolved(SecretSource source, Passcode passcode) {}

  private final Map<String, String> environment;
  private final PathPolicy paths;
  private final Diagnostics out;

  SecretResolver(Map<String, String> environment, PathPolicy paths, Diagnostics out) {
    this.environment = environment;
    this.paths = paths;
    this.out = out;
  }

  /** The passcode of {@code group}, or null after reporting why there is none. */
  Resolved resolve(Node node, String group) {
    String subject = "passcode of group '" + group + "'";
    if (Nodes.isString(node)) {
      out.warning(
          node,
          subject
              + " is a literal in the config: it is a secret committed to git;"
              + " use {env: NAME} or {file: PATH}");
      return check(node, subject, new SecretSource.Literal(), Nodes.text(node));
    }
    if (node instanceof MappingNode mapping) {
      return resolveMapping(mapping, subject);
    }
    // Only the kind of value is named: the value may be the secret.
    String hint =
        Nodes.isInt(node)
            ? "; put a literal in quotes so that YAML keeps it exactly as written, or better use"
                + " {env: NAME} or {file: PATH}"
            : "; expected {env: NAME}, {file: PATH} or a quoted literal";
    out.error(node, subject + " is " + Nodes.kind(node) + hint);
    return null;
  }

  private Resolved resolveMapping(MappingNode node, String subject) {
    YamlMap map = YamlMap.ofKeys(node, subject, KEYS, true, out);
    if (map.has("env") == map.has("file")) {
      out.error(
          node,
          subject
              + (map.has("env")
                  ? " has both env and file; keep one"
                  : " must name its source; expected {env: NAME} or {file: PATH}"));
      return null;
    }
    String key = map.has("env") ? "env" : "file";
    Node value = map.value(key);
    if (!Nodes.isString(value)) {
      out.error(
          value,
          subject
              + ": "
              + key
              + " must be "
              + ("env".equals(key) ? "the name of an environment variable" : "a path")
              + "; found "
              + Nodes.describe(value));
      return null;
    }
    String text = Nodes.text(value);
    return "env".equals(key) ? fromEnv(value, subject, text) : fromFile(value, subject, text);
  }

  private Resolved fromEnv(Node node, String subject, String variable) {
    if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      out.error(
          node,
          subject
              + ": '"
              + variable
              + "' is not an environment variable name;"
              + " expected letters, digits and '_', not starting with a digit");
      return null;
    }
    SecretSource source = new SecretSource.Env(variable);
    String value = environment.get(variable);
    if (value == null) {
      out.error(
          node,
          subject
              + " from "
              + source
              + ": the environment variable "
              + variable
              + " is not set; set it before running portlock");
      return null;
    }
    if (value.isEmpty()) {
      out.error(
          node,
          subject
              + " from "
              + source
              + ": the environment variable "
              + variable
              + " is set but empty; set it to the passcode");
      return null;
    }
    return check(node, subject, source, value);
  }

  private Resolved fromFile(Node node, String subject, String written) {
    String from = subject + " from file " + written;
    PathPolicy.Resolved path;
    try {
      path = paths.resolve(written);
    } catch (PathPolicy.Refused e) {
      out.error(node, from + ": " + e.getMessage());
      return null;
    }
    SecretSource source = new SecretSource.File(Path.of(written));
    if (path.isFolder()) {
      out.error(node, from + ": cannot read " + path.real() + ": it is a folder, not a file");
      return null;
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path.real())) {
      // Read one byte past the limit to tell "at the limit" from "over it" without reading all.
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      out.error(node, from + ": cannot read " + path.real() + ": " + FileAccess.reason(e));
      return null;
    }
    if (bytes.length > MAX_FILE_BYTES) {
      out.error(
          node,
          from
              + ": the file is larger than "
              + MAX_FILE_BYTES
              + " bytes, too large"
              + " for a passcode file; is it the right file?");
      return null;
    }
    return check(node, subject, source, dropOneNewline(new String(bytes, StandardCharsets.UTF_8)));
  }

  /** Editors end files with a newline; it is not part of the passcode. Only one is dropped. */
  static String dropOneNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    if (text.endsWith("\n")) {
      return text.substring(0, text.length() - 1);
    }
    return text;
  }

  private Resolved check(Node node, String subject, SecretSource source, String value) {
    String problem = Passcode.problemWith(value);
    if (problem != null) {
      String from =
          source instanceof SecretSource.Literal ? " (a literal in the config)" : " from " + source;
      out.error(node, subject + from + ": " + problem);
      return null;
    }
    return new Resolved(source, Passcode.of(value));
  }
}
