package io.portlock.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import io.portlock.domain.TelephoneNumber;
import io.portlock.state.FileFormatException;
import io.portlock.state.KdfJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON (format in {@code schema/plan.schema.json}): what {@code --format json}
 * prints and {@code --out} saves. Numbers are written as compressed ranges, once in the changes
 * and once in the orders. Format 3 dropped the entry per number that format 2 added to
 * {@code --format json} (325 of 539 MB at 10 million numbers); saved plans of format 2, which
 * never held it, are read as before.
 */
public final class PlanCodec {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Saved plans of format 2 hold exactly what format 3 holds. */
  private static final int PREVIOUS_FORMAT_VERSION = 2;

  private PlanCodec() {}

  public static void write(Plan plan, OutputStream out) throws IOException {
    write(plan, out, null);
  }

  /**
   * Writes the plan; with a key, a saved plan ends with {@code "mac"}: HMAC-SHA256 over its
   * canonical form (the plan as written without the MAC), so that no byte of what apply uses can
   * be changed without the key.
   */
  public static void write(Plan plan, OutputStream out, FingerprintKey key) throws IOException {
    writeDocument(plan, out, key == null ? null : mac(plan, key));
  }

  /** The MAC of a plan under {@code key}: {@code hmac-sha256:} and 64 hex digits. */
  public static String mac(Plan plan, FingerprintKey key) {
    java.io.ByteArrayOutputStream canonical = new java.io.ByteArrayOutputStream();
    try {
      writeDocument(plan, canonical, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return "hmac-sha256:" + java.util.HexFormat.of().formatHex(
        key.mac("portlock-plan-mac-v1", canonical.toByteArray()));
  }

  private static void writeDocument(Plan plan, OutputStream out, String mac)
      throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("format_version", Plan.FORMAT_VERSION);
      g.writeStringField("plan_id", plan.planId());
      g.writeStringField("created_at", plan.createdAt().toString());
      nullable(g, "git_commit", plan.gitCommit());
      g.writeStringField("account", plan.account().value());
      g.writeStringField("config", plan.configFile());
      g.writeStringField("config_digest", plan.configDigest());
      g.writeObjectFieldStart("state");
      nullable(g, "lineage", plan.stateLineage());
      g.writeNumberField("serial", plan.stateSerial());
      g.writeEndObject();
      KdfJson.write(g, plan.kdf());
      g.writeNumberField("max_numbers", plan.maxNumbers());
      g.writeBooleanField("refreshed", plan.refreshed());

      Summary summary = plan.summary();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("add", summary.add());
      g.writeNumberField("change", summary.change());
      g.writeNumberField("remove", summary.remove());
      g.writeNumberField("unchanged", summary.unchanged());
      g.writeNumberField("orders", summary.orders());
      g.writeNumberField("drift", summary.drift());
      g.writeNumberField("move", summary.move());
      g.writeNumberField("record", summary.adopt());
      g.writeEndObject();

      g.writeArrayFieldStart("notices");
      for (Notice notice : plan.notices()) {
        g.writeStartObject();
        g.writeStringField("kind", notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("message", notice.message());
        g.writeEndObject();
      }
      g.writeEndArray();

      g.writeObjectFieldStart("groups");
      for (Map.Entry<String, Fingerprint> e : plan.groupFingerprints().entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        g.writeStringField("fingerprint", e.getValue().hex());
        g.writeNumberField("unchanged", plan.unchangedByGroup().getOrDefault(e.getKey(), 0L));
        g.writeEndObject();
      }
      g.writeEndObject();

      g.writeArrayFieldStart("changes");
      for (Change change : plan.changes()) {
        g.writeStartObject();
        g.writeStringField("action", action(change));
        nullable(g, "group", change.group());
        if (change instanceof Change.Modify m) {
          nullable(g, "from_group", m.fromGroup());
          g.writeStringField("reason", m.reason().name().toLowerCase(java.util.Locale.ROOT));
        } else if (change instanceof Change.Remove r) {
          g.writeStringField("from_group", r.fromGroup());
        } else if (change instanceof Change.Move m) {
          g.writeStringField("from_group", m.fromGroup());
        } else if (change instanceof Change.Adopt a) {
          nullable(g, "from_group", a.fromGroup());
        }
        g.writeNumberField("count", change.numbers().size());
        ranges(g, "numbers", change.numbers());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("left_account_count", plan.leftAccount().size());
      ranges(g, "left_account", plan.leftAccount());
      writeObservations(g, plan.observed());

      g.writeArrayFieldStart("orders");
      for (PlannedOrder order : plan.orders()) {
        g.writeStartObject();
        g.writeNumberField("index", order.index());
        g.writeStringField("customer_order_id", order.customerOrderId());
        g.writeNumberField("count", order.numberCount());
        g.writeNumberField("option_groups", order.optionGroupCount());
        g.writeArrayFieldStart("groups");
        for (PlannedGroup group : order.groups()) {
          g.writeStartObject();
          Target.Set set = group.target() instanceof Target.Set s ? s : null;
          nullable(g, "group", set == null ? null : set.group());
          g.writeStringField("action", group.action());
          nullable(g, "fingerprint", set == null ? null : set.fingerprint().hex());
          g.writeNumberField("count", group.numbers().size());
          ranges(g, "numbers", group.numbers());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();

      if (mac != null) {
        g.writeStringField("mac", mac);
      }
      g.writeEndObject();
    }
  }

  /**
   * The read-back the plan was made from, as sets of numbers (never a passcode): apply plans
   * again from these facts and refuses a file whose changes differ.
   */
  private static void writeObservations(JsonGenerator g, Observations observed)
      throws IOException {
    g.writeObjectFieldStart("observations");
    ranges(g, "matches", observed.matches());
    ranges(g, "differs", observed.differs());
    ranges(g, "missing", observed.missing());
    ranges(g, "left_account", observed.leftAccount());
    g.writeEndObject();
  }

  private static Observations readObservations(JsonNode node) {
    return new Observations(numbers(required(node, "matches")),
        numbers(required(node, "differs")), numbers(required(node, "missing")),
        numbers(required(node, "left_account")));
  }

  static String action(Change change) {
    if (change instanceof Change.Add) {
      return "add";
    } else if (change instanceof Change.Move) {
      return "move";
    } else if (change instanceof Change.Adopt) {
      return "record";
    }
    return change instanceof Change.Modify ? "change" : "remove";
  }

  private static void ranges(JsonGenerator g, String field, NumberSet numbers) throws IOException {
    g.writeArrayFieldStart(field);
    for (NumberRange range : numbers.ranges()) {
      g.writeString(range.toString());
    }
    g.writeEndArray();
  }

  private static void nullable(JsonGenerator g, String field, String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  /** A saved plan and its MAC, or null when it carries none. */
  public record Saved(Plan plan, String mac) {}

  /**
   * Reads a saved plan back.
   *
   * @throws FileFormatException saying what is wrong with the document and where, but quoting
   *     none of it: the file may be a secret passed or linked by mistake
   */
  public static Plan read(InputStream in) throws IOException {
    return readSaved(in).plan();
  }

  /** Like {@link #read}, also returning the MAC for the caller to check with its key. */
  public static Saved readSaved(InputStream in) throws IOException {
    try {
      return parse(in);
    } catch (FileFormatException | PlanMismatchException e) {
      throw e;
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw new FileFormatException(e instanceof TelephoneNumber.NotANumberException
          ? "a \"numbers\" entry is not a telephone number or range (not shown, in case the"
              + " file holds a secret)"
          : FileFormatException.describe(e));
    }
  }

  private static Saved parse(InputStream in) throws IOException {
    JsonNode root = MAPPER.readTree(in);
    if (root == null || !root.isObject()) {
      throw new FileFormatException("expected a JSON object but the file is empty or not one");
    }
    int version = root.path("format_version").asInt(-1);
    if (version > Plan.FORMAT_VERSION) {
      throw FileFormatException.newer("the plan", version, Plan.FORMAT_VERSION);
    }
    countNumbers(root, new FileFormatException.NumberCount("the plan"));
    if (version == 1) {
      throw new FileFormatException("it was written by an older portlock (format_version 1),"
          + " which does not record the read-back the plan was made from");
    }
    if (version != Plan.FORMAT_VERSION && version != PREVIOUS_FORMAT_VERSION) {
      throw new FileFormatException(
          "expected format_version " + Plan.FORMAT_VERSION + " but was " + version);
    }
    JsonNode kdf = required(root, "kdf");
    Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
    Map<String, Long> unchanged = new LinkedHashMap<>();
    required(root, "groups").fields().forEachRemaining(e -> {
      fingerprints.put(e.getKey(), new Fingerprint(e.getValue().path("fingerprint").asText()));
      unchanged.put(e.getKey(), e.getValue().path("unchanged").asLong());
    });
    List<Change> changes = new ArrayList<>();
    for (JsonNode c : required(root, "changes")) {
      NumberSet numbers = numbers(c.path("numbers"));
      String group = c.path("group").isNull() ? null : c.path("group").asText();
      switch (c.path("action").asText()) {
        case "add" -> changes.add(new Change.Add(group, numbers));
        case "change" -> changes.add(new Change.Modify(group, optional(c, "from_group"),
            Change.Reason.valueOf(c.path("reason").asText().toUpperCase(java.util.Locale.ROOT)),
            numbers));
        case "remove" -> changes.add(new Change.Remove(c.path("from_group").asText(), numbers));
        case "move" -> changes.add(new Change.Move(group, c.path("from_group").asText(), numbers));
        case "record" -> changes.add(new Change.Adopt(group, optional(c, "from_group"), numbers));
        default -> throw new FileFormatException("expected a change action add, change,"
            + " move, record or remove but found another value");
      }
    }
    List<PlannedOrder> orders = new ArrayList<>();
    for (JsonNode o : required(root, "orders")) {
      List<PlannedGroup> groups = new ArrayList<>();
      for (JsonNode pg : o.path("groups")) {
        boolean clear = "clear".equals(pg.path("action").asText());
        NumberSet numbers = numbers(pg.path("numbers"));
        groups.add(clear ? PlannedGroup.clear(numbers) : new PlannedGroup(
            pg.path("group").asText(), new Fingerprint(pg.path("fingerprint").asText()), numbers));
      }
      orders.add(new PlannedOrder(o.path("index").asInt(), o.path("customer_order_id").asText(),
          groups));
    }
    List<Notice> notices = new ArrayList<>();
    for (JsonNode n : root.path("notices")) {
      notices.add(new Notice(Notice.Kind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
          n.path("message").asText()));
    }
    JsonNode state = required(root, "state");
    Plan plan = new Plan(required(root, "plan_id").asText(),
        Instant.parse(required(root, "created_at").asText()),
        root.path("git_commit").isTextual() ? root.path("git_commit").asText() : null,
        new AccountId(required(root, "account").asText()), root.path("config").asText(),
        required(root, "config_digest").asText(),
        state.path("lineage").isTextual() ? state.path("lineage").asText() : null,
        state.path("serial").asLong(),
        new KdfParameters(kdf.path("algorithm").asText(), kdf.path("iterations").asInt(),
            kdf.path("salt").asText(), kdf.path("length").asInt(),
            kdf.path("salt_per_group").asBoolean(false),
            kdf.path("key_id").isTextual() ? kdf.path("key_id").asText() : null),
        root.path("max_numbers").asInt(), root.path("refreshed").asBoolean(), fingerprints,
        unchanged, changes, numbers(root.path("left_account")), orders, notices,
        readObservations(required(root, "observations")));
    JsonNode s = required(root, "summary");
    Summary written = new Summary(s.path("add").asLong(-1), s.path("change").asLong(-1),
        s.path("remove").asLong(-1), s.path("unchanged").asLong(-1), s.path("orders").asInt(-1),
        s.path("drift").asLong(-1), s.path("move").asLong(-1), s.path("record").asLong(-1));
    PlanIntegrity.ordersDifference(plan, written).ifPresent(problem -> {
      throw new PlanMismatchException(problem);
    });
    return new Saved(plan, root.path("mac").isTextual() ? root.path("mac").asText() : null);
  }

  private static String optional(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }

  /**
   * Refuses a crafted plan of too many numbers before any of them is held in memory: every
   * string in an array that reads as a number or range counts, whatever its field.
   */
  private static void countNumbers(JsonNode node, FileFormatException.NumberCount count) {
    if (node.isObject()) {
      node.elements().forEachRemaining(child -> countNumbers(child, count));
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isTextual()) {
          count.add(rangeSize(item.asText()));
        } else {
          countNumbers(item, count);
        }
      }
    }
  }

  private static long rangeSize(String text) {
    try {
      return NumberRange.parse(text).size();
    } catch (IllegalArgumentException notARange) {
      return 0; // reported where the field is read, without its text
    }
  }

  private static JsonNode required(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new FileFormatException("the required field \"" + field + "\" is missing");
    }
    return node;
  }

  private static NumberSet numbers(JsonNode array) {
    List<String> ranges = new ArrayList<>();
    array.forEach(item -> ranges.add(item.asText()));
    return NumberSet.parseRanges(ranges);
  }
}
