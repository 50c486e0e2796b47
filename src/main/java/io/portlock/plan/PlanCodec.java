package io.portlock.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
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
 * The plan as JSON (format in {@code schema/plan.schema.json}): what {@code --format json} prints
 * and {@code --out} saves. Numbers are written as compressed ranges, once in the changes and once
 * in the orders. Format 3 dropped the entry per number that format 2 added to {@code --format json}
 * (325 of 539 MB at 10 million numbers); saved plans of format 2, which never held it, are read as
 * before.
 */
public final class PlanCodec {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads {@link PlanTemplate}: snake_case names, fields it does not know ignored (a later
   * version's), and types not coerced ("1" is not 1, 1 is not "1").
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  /** Saved plans of format 2 hold exactly what format 3 holds. */
  private static final int PREVIOUS_FORMAT_VERSION = 2;

  private PlanCodec() {}

  public static void write(Plan plan, OutputStream out) throws IOException {
    write(plan, out, null);
  }

  /**
   * Writes the plan; with a key, a saved plan ends with {@code "mac"}: HMAC-SHA256 over its
   * canonical form (the plan as written without the MAC), so that no byte of what apply uses can be
   * changed without the key.
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
    return "hmac-sha256:"
        + java.util.HexFormat.of()
            .formatHex(key.mac("portlock-plan-mac-v1", canonical.toByteArray()));
  }

  private static void writeDocument(Plan plan, OutputStream out, String mac) throws IOException {
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
   * The read-back the plan was made from, as sets of numbers (never a passcode): apply plans again
   * from these facts and refuses a file whose changes differ.
   */
  private static void writeObservations(JsonGenerator g, Observations observed) throws IOException {
    g.writeObjectFieldStart("observations");
    ranges(g, "matches", observed.matches());
    ranges(g, "differs", observed.differs());
    ranges(g, "missing", observed.missing());
    ranges(g, "left_account", observed.leftAccount());
    g.writeEndObject();
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
   * @throws FileFormatException saying what is wrong with the document and where, but quoting none
   *     of it: the file may be a secret passed or linked by mistake
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
    } catch (JsonMappingException e) {
      throw new FileFormatException(
          "expected \""
              + path(e)
              + "\" to be of the kind"
              + " schema/plan.schema.json gives it but it is not (not shown, in case the file holds"
              + " a secret)");
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw new FileFormatException(
          e instanceof TelephoneNumber.NotANumberException
              ? "a \"numbers\" entry is not a telephone number or range (not shown, in case the"
                  + " file holds a secret)"
              : FileFormatException.describe(e));
    }
  }

  /** Where a value of the wrong kind is, as {@code orders[0].groups[1].count}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "the plan" : path.toString();
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
      throw new FileFormatException(
          "it was written by an older portlock (format_version 1),"
              + " which does not record the read-back the plan was made from");
    }
    if (version != Plan.FORMAT_VERSION && version != PREVIOUS_FORMAT_VERSION) {
      throw new FileFormatException(
          "expected format_version " + Plan.FORMAT_VERSION + " but was " + version);
    }
    PlanTemplate t = MAPPER.treeToValue(root, PlanTemplate.class);
    Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
    Map<String, Long> unchanged = new LinkedHashMap<>();
    required(t.groups(), "groups")
        .forEach(
            (name, g) -> {
              String at = "groups." + name;
              fingerprints.put(
                  name,
                  new Fingerprint(required(required(g, at).fingerprint(), at + ".fingerprint")));
              unchanged.put(name, required(g.unchanged(), at + ".unchanged"));
            });
    List<Change> changes = new ArrayList<>();
    List<PlanTemplate.ChangeTemplate> changeList = required(t.changes(), "changes");
    for (int i = 0; i < changeList.size(); i++) {
      String at = "changes[" + i + "]";
      PlanTemplate.ChangeTemplate c = required(changeList.get(i), at);
      String action = required(c.action(), at + ".action");
      required(c.count(), at + ".count");
      NumberSet numbers = numbers(c.numbers(), at + ".numbers");
      changes.add(
          switch (action) {
            case "add" -> new Change.Add(c.group(), numbers);
            case "change" ->
                new Change.Modify(
                    c.group(),
                    c.fromGroup(),
                    Change.Reason.valueOf(
                        required(c.reason(), at + ".reason").toUpperCase(java.util.Locale.ROOT)),
                    numbers);
            case "remove" ->
                new Change.Remove(required(c.fromGroup(), at + ".from_group"), numbers);
            case "move" ->
                new Change.Move(c.group(), required(c.fromGroup(), at + ".from_group"), numbers);
            case "record" -> new Change.Adopt(c.group(), c.fromGroup(), numbers);
            default ->
                throw new FileFormatException(
                    "expected \""
                        + at
                        + ".action\" to be add,"
                        + " change, move, record or remove but found another value");
          });
    }
    List<PlannedOrder> orders = new ArrayList<>();
    List<PlanTemplate.OrderTemplate> orderList = required(t.orders(), "orders");
    for (int i = 0; i < orderList.size(); i++) {
      String at = "orders[" + i + "]";
      PlanTemplate.OrderTemplate o = required(orderList.get(i), at);
      required(o.count(), at + ".count");
      List<PlannedGroup> groups = new ArrayList<>();
      List<PlanTemplate.OrderGroupTemplate> groupList = required(o.groups(), at + ".groups");
      for (int j = 0; j < groupList.size(); j++) {
        String gat = at + ".groups[" + j + "]";
        PlanTemplate.OrderGroupTemplate pg = required(groupList.get(j), gat);
        String action = required(pg.action(), gat + ".action");
        NumberSet numbers = numbers(pg.numbers(), gat + ".numbers");
        groups.add(
            "clear".equals(action)
                ? PlannedGroup.clear(numbers)
                : new PlannedGroup(
                    required(pg.group(), gat + ".group"),
                    new Fingerprint(required(pg.fingerprint(), gat + ".fingerprint")),
                    numbers));
      }
      orders.add(
          new PlannedOrder(
              required(o.index(), at + ".index"),
              required(o.customerOrderId(), at + ".customer_order_id"),
              groups));
    }
    List<Notice> notices = new ArrayList<>();
    List<PlanTemplate.NoticeTemplate> noticeList = required(t.notices(), "notices");
    for (int i = 0; i < noticeList.size(); i++) {
      String at = "notices[" + i + "]";
      PlanTemplate.NoticeTemplate n = required(noticeList.get(i), at);
      notices.add(
          new Notice(
              Notice.Kind.valueOf(
                  required(n.kind(), at + ".kind").toUpperCase(java.util.Locale.ROOT)),
              required(n.message(), at + ".message")));
    }
    PlanTemplate.StateTemplate state = required(t.state(), "state");
    PlanTemplate.KdfTemplate kdf = required(t.kdf(), "kdf");
    PlanTemplate.ObservationsTemplate observed = required(t.observations(), "observations");
    Plan plan =
        new Plan(
            required(t.planId(), "plan_id"),
            Instant.parse(required(t.createdAt(), "created_at")),
            t.gitCommit(),
            new AccountId(required(t.account(), "account")),
            required(t.config(), "config"),
            required(t.configDigest(), "config_digest"),
            state.lineage(),
            required(state.serial(), "state.serial"),
            new KdfParameters(
                required(kdf.algorithm(), "kdf.algorithm"),
                required(kdf.iterations(), "kdf.iterations"),
                required(kdf.salt(), "kdf.salt"),
                required(kdf.length(), "kdf.length"),
                Boolean.TRUE.equals(kdf.saltPerGroup()),
                kdf.keyId()),
            required(t.maxNumbers(), "max_numbers"),
            required(t.refreshed(), "refreshed"),
            fingerprints,
            unchanged,
            changes,
            numbers(t.leftAccount(), "left_account"),
            orders,
            notices,
            new Observations(
                numbers(observed.matches(), "observations.matches"),
                numbers(observed.differs(), "observations.differs"),
                numbers(observed.missing(), "observations.missing"),
                numbers(observed.leftAccount(), "observations.left_account")));
    PlanTemplate.SummaryTemplate s = required(t.summary(), "summary");
    Summary written =
        new Summary(
            required(s.add(), "summary.add"),
            required(s.change(), "summary.change"),
            required(s.remove(), "summary.remove"),
            required(s.unchanged(), "summary.unchanged"),
            required(s.orders(), "summary.orders"),
            required(s.drift(), "summary.drift"),
            required(s.move(), "summary.move"),
            required(s.record(), "summary.record"));
    PlanIntegrity.ordersDifference(plan, written)
        .ifPresent(
            problem -> {
              throw new PlanMismatchException(problem);
            });
    return new Saved(plan, t.mac());
  }

  /**
   * Refuses a crafted plan of too many numbers before any of them is held in memory: every string
   * in an array that reads as a number or range counts, whatever its field.
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

  /** A field that is absent (or null where the schema does not allow it) names itself. */
  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new FileFormatException("the required field \"" + field + "\" is missing");
    }
    return value;
  }

  private static NumberSet numbers(List<String> ranges, String field) {
    return NumberSet.parseRanges(required(ranges, field));
  }
}
