package io.portlock.config;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code state: {url: ..., password: {env: NAME}, workspace: ...}}. The URL may hold a
 * password, so no message quotes it; a password written into the config itself is refused, since
 * the config is committed to git.
 */
final class StateSettingsReader {
  /** A workspace name: printable, no spaces at the ends, at most 200 characters. */
  private static final String WORKSPACE = "[\\p{Graph}][\\p{Graph} ]{0,198}[\\p{Graph}]|\\p{Graph}";

  private final Map<String, String> environment;
  private final Diagnostics out;

  StateSettingsReader(Map<String, String> environment, Diagnostics out) {
    this.environment = environment;
    this.out = out;
  }

  /** The settings, or null after reporting why they cannot be read. */
  StateSettings read(Node node) {
    if (!(node instanceof MappingNode mapping)) {
      out.error(
          node,
          "state must be a mapping with url:, password: and workspace:; found "
              + Nodes.describe(node)
              + "; leave state: out to keep the state in a file beside the"
              + " config");
      return null;
    }
    YamlMap map = YamlMap.ofKeys(mapping, "state", List.of("url", "password", "workspace"), out);
    boolean ok = true;
    String url = null;
    String urlSource = null;
    if (map.has("url")) {
      Node value = map.value("url");
      if (Nodes.isString(value)) {
        url = Nodes.text(value);
        urlSource = "state.url";
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
          out.error(
              value,
              "state.url must be a PostgreSQL URL such as"
                  + " postgresql://portlock@db.example.com:5432/portlock; found a text that does"
                  + " not start with postgresql:// (not shown, in case it holds a password)");
          ok = false;
        } else if (url.matches("[a-z]+://[^@/?]*:[^@/?]*@.*")) {
          out.error(
              value,
              "state.url holds a password, and the config is committed to git;"
                  + " write the URL without it and set PGPASSWORD or state.password: {env: NAME},"
                  + " or take the whole URL from the CI's secret store with url: {env: NAME}");
          ok = false;
        }
      } else {
        String variable = envName(value, "state.url");
        ok &= variable != null;
        if (variable != null) {
          url = environment.get(variable);
          urlSource = "env " + variable;
          if (url == null || url.isEmpty()) {
            out.error(
                value,
                "state.url from env "
                    + variable
                    + ": the environment variable "
                    + variable
                    + (url == null ? " is not set" : " is set but empty")
                    + "; set it to the PostgreSQL URL before running portlock");
            ok = false;
            url = null;
          }
        }
      }
    }
    String password = null;
    if (map.has("password")) {
      Node value = map.value("password");
      String variable = Nodes.isString(value) ? null : envName(value, "state.password");
      if (Nodes.isString(value)) {
        out.error(
            value,
            "state.password is a literal in the config, a secret committed to git;"
                + " write password: {env: NAME} and set NAME from your secret store");
        ok = false;
      } else if (variable == null) {
        ok = false;
      } else {
        password = environment.get(variable);
        if (password == null || password.isEmpty()) {
          out.error(
              value,
              "state.password from env "
                  + variable
                  + ": the environment variable "
                  + variable
                  + (password == null ? " is not set" : " is set but empty")
                  + "; set it before running portlock");
          ok = false;
        }
      }
    }
    String workspace = null;
    if (map.has("workspace")) {
      Node value = map.value("workspace");
      if (Nodes.isString(value) && Nodes.text(value).matches(WORKSPACE)) {
        workspace = Nodes.text(value);
      } else {
        out.error(
            value,
            "state.workspace must be a name of 1 to 200 printable characters such"
                + " as \"9900000/portlock\"; found "
                + Nodes.describe(value));
        ok = false;
      }
    }
    return ok ? new StateSettings(url, urlSource, password, workspace) : null;
  }

  /** The NAME of {@code {env: NAME}}, or null after reporting what is wrong. */
  private String envName(Node node, String field) {
    if (node instanceof MappingNode mapping) {
      YamlMap map = YamlMap.ofKeys(mapping, field, List.of("env"), out);
      Node name = map.value("env");
      if (name != null
          && Nodes.isString(name)
          && Nodes.text(name).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return Nodes.text(name);
      }
      if (name != null) {
        out.error(
            name,
            field
                + ": env must be the name of an environment variable (letters,"
                + " digits and '_', not starting with a digit); found "
                + Nodes.describe(name));
        return null;
      }
    }
    out.error(
        node,
        field
            + " must be "
            + ("state.url".equals(field) ? "a PostgreSQL URL or " : "")
            + "{env: NAME}; found "
            + Nodes.describe(node));
    return null;
  }
}
