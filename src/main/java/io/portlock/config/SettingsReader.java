package io.portlock.config;

import io.portlock.domain.AccountId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the small top-level settings: {@code version}, {@code account}, {@code api}, ... */
final class SettingsReader {
  static final int MAX_ORDER_NUMBERS = 100_000;

  private final Diagnostics out;

  SettingsReader(Diagnostics out) {
    this.out = out;
  }

  void version(Node node) {
    if (!Nodes.isInt(node) || !Nodes.text(node).equals("1")) {
      out.error(
          node,
          "version must be 1, the only format this portlock reads; found "
              + Nodes.describe(node)
              + "; write version: 1, or upgrade portlock if the config was"
              + " written for a newer one");
    }
  }

  AccountId account(Node node) {
    if (Nodes.isInt(node)) {
      out.error(
          node,
          "account must be a quoted string of digits such as \"9900000\"; found "
              + Nodes.describe(node)
              + "; put it in quotes so that YAML keeps it exactly as written");
      return null;
    }
    if (!Nodes.isString(node)) {
      out.error(
          node,
          "account must be a quoted string of digits such as \"9900000\"; found "
              + Nodes.describe(node));
      return null;
    }
    try {
      return new AccountId(Nodes.text(node));
    } catch (IllegalArgumentException e) {
      out.error(node, "account: " + e.getMessage());
      return null;
    }
  }

  ApiSettings api(Node node) {
    MappingNode mapping = mapping(node, "api", "url: and token_url:");
    if (mapping == null) {
      return null;
    }
    YamlMap map =
        YamlMap.ofKeys(mapping, "api", List.of("url", "token_url", "max_answer_bytes"), out);
    ApiSettings api = apiUrls(map);
    if (api == null || !map.has("max_answer_bytes")) {
      return api;
    }
    Long max =
        wholeNumber(map.value("max_answer_bytes"), "api.max_answer_bytes", 1024, Integer.MAX_VALUE);
    return max == null ? null : api.withMaxAnswerBytes(max);
  }

  private ApiSettings apiUrls(YamlMap map) {
    URI tokenUrl = map.has("token_url") ? httpUrl(map.value("token_url"), "api.token_url") : null;
    Node url = map.value("url");
    if (url == null) {
      return new ApiSettings(ApiSettings.DEFAULT_URL, tokenUrl, false);
    }
    if (Nodes.isString(url) && Nodes.text(url).equals("sandbox")) {
      return new ApiSettings(null, tokenUrl, true);
    }
    URI uri = httpUrl(url, "api.url");
    return uri == null ? null : new ApiSettings(uri, tokenUrl, false);
  }

  private URI httpUrl(Node node, String field) {
    if (Nodes.isString(node)) {
      try {
        URI uri = new URI(Nodes.text(node));
        String scheme = uri.getScheme();
        if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // Reported below, with what a good value looks like.
      }
    }
    String or = "api.url".equals(field) ? "the word sandbox or " : "";
    out.error(
        node,
        field
            + " must be "
            + or
            + "an absolute http(s) URL such as "
            + ("api.url".equals(field) ? ApiSettings.DEFAULT_URL : ApiSettings.DEFAULT_TOKEN_URL)
            + "; found "
            + Nodes.describe(node));
    return null;
  }

  /** {@code orders.max_numbers}, or the default when absent; null after an error. */
  Integer maxNumbers(Node node) {
    MappingNode mapping = mapping(node, "orders", "max_numbers:");
    if (mapping == null) {
      return null;
    }
    YamlMap map = YamlMap.ofKeys(mapping, "orders", List.of("max_numbers"), out);
    if (!map.has("max_numbers")) {
      return Config.DEFAULT_MAX_NUMBERS;
    }
    Long value = wholeNumber(map.value("max_numbers"), "orders.max_numbers", 1, MAX_ORDER_NUMBERS);
    return value == null ? null : value.intValue();
  }

  SafetySettings safety(Node node) {
    MappingNode mapping =
        mapping(
            node,
            "safety",
            "max_change_percent:, max_changes:, passcode_policy:, unmanaged: and ineligible:");
    if (mapping == null) {
      return null;
    }
    YamlMap map =
        YamlMap.ofKeys(
            mapping,
            "safety",
            List.of(
                "max_change_percent", "max_changes", "passcode_policy", "unmanaged", "ineligible"),
            out);
    boolean ok = true;
    int percent = SafetySettings.DEFAULT_MAX_CHANGE_PERCENT;
    Long maxChanges = null;
    PasscodePolicy policy = PasscodePolicy.WARN;
    SafetySettings.Unmanaged unmanaged = SafetySettings.Unmanaged.WARN;
    SafetySettings.Ineligible ineligible = SafetySettings.Ineligible.WARN;
    for (var entry : map.entries()) {
      String key = Nodes.text(entry.getKeyNode());
      if (key.equals("ineligible")) {
        Node value = entry.getValueNode();
        String text = Nodes.isString(value) ? Nodes.text(value) : "";
        if (text.equals("warn") || text.equals("fail")) {
          ineligible = SafetySettings.Ineligible.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } else {
          out.error(
              value, "safety.ineligible must be warn or fail; found " + Nodes.describe(value));
          ok = false;
        }
      } else if (key.equals("unmanaged")) {
        Node value = entry.getValueNode();
        String text = Nodes.isString(value) ? Nodes.text(value) : "";
        if (text.equals("warn") || text.equals("fail") || text.equals("ignore")) {
          unmanaged = SafetySettings.Unmanaged.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } else {
          out.error(
              value,
              "safety.unmanaged must be warn, fail or ignore; found " + Nodes.describe(value));
          ok = false;
        }
      } else if (key.equals("passcode_policy")) {
        Node value = entry.getValueNode();
        String text = Nodes.isString(value) ? Nodes.text(value) : "";
        if (text.equals("warn") || text.equals("strict")) {
          policy = PasscodePolicy.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } else {
          out.error(
              value,
              "safety.passcode_policy must be warn or strict; found " + Nodes.describe(value));
          ok = false;
        }
      } else if (key.equals("max_change_percent")) {
        Long value = wholeNumber(entry.getValueNode(), "safety.max_change_percent", 0, 100);
        ok &= value != null;
        percent = value == null ? percent : value.intValue();
      } else {
        maxChanges = wholeNumber(entry.getValueNode(), "safety.max_changes", 0, Long.MAX_VALUE);
        ok &= maxChanges != null;
      }
    }
    return ok ? new SafetySettings(percent, maxChanges, policy, unmanaged, ineligible) : null;
  }

  private MappingNode mapping(Node node, String field, String keys) {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    out.error(
        node,
        field
            + " must be a mapping with "
            + keys
            + "; found "
            + Nodes.describe(node)
            + "; leave "
            + field
            + ": out to use the defaults");
    return null;
  }

  private Long wholeNumber(Node node, String field, long min, long max) {
    if (Nodes.isInt(node) && Nodes.text(node).matches("[0-9]{1,18}")) {
      long value = Long.parseLong(Nodes.text(node));
      if (value >= min && value <= max) {
        return value;
      }
    }
    String range = max == Long.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
    out.error(node, field + " must be a whole number " + range + "; found " + Nodes.describe(node));
    return null;
  }
}
