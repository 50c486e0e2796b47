package io.portlock.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import io.portlock.state.FileFormatException;
import io.portlock.state.KdfJson;
import io.portlock.state.StateJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON, in two forms. The rendering ({@code schema/plan.schema.json}, format 3) is what
 * {@code --format json} and {@code show --format json} print: numbers as ranges, once in the
 * changes and once in the orders. The plan file ({@code schema/plan-file.schema.json}, format 4) is
 * what {@code --out} saves and {@code show} and {@code apply} read: each number once, in the packed
 * form of {@link io.portlock.domain.PackedNumbers}, and orders as outlines without numbers, derived
 * again from the changes on read and checked against those outlines. At 10 million scattered
 * numbers the file was 119 MB in format 3.
 */
public final class PlanCodec {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads {@link PlanTemplate} with the state's one mapping ({@link StateJson}), its numbers in the
   * packed form. Changes and observations may each hold every number of the config and the state,
   * so a plan is refused beyond twice the numbers portlock manages.
   */
  private static final ObjectReader READER =
      StateJson.packedNumbers(StateJson.mapper().readerFor(PlanTemplate.class));

  /** The format of plan files; {@link Plan#FORMAT_VERSION} is the rendering's. */
  public static final int FILE_FORMAT_VERSION = 4;

  /** The two documents: what is printed for people and tools, and what is saved for apply. */
  private enum Form {
    RENDERING,
    FILE
  }

  private PlanCodec() {}

  /** Writes the rendering, as {@code --format json} prints it. */
  public static void write(Plan plan, OutputStream out) throws IOException {
    writeDocument(plan, out, null, Form.RENDERING);
  }

  /**
   * Writes the plan file; with a key (else null), it ends with {@code "mac"}: HMAC-SHA256 over its
   * canonical form (the plan file as written without the MAC), so that no byte of what apply uses
   * can be changed without the key.
   */
  public static void save(Plan plan, OutputStream out, FingerprintKey key) throws IOException {
    writeDocument(plan, out, key == null ? null : mac(plan, key), Form.FILE);
  }

  /** The MAC of a plan file under {@code key}: {@code hmac-sha256:} and 64 hex digits. */
  public static String mac(Plan plan, FingerprintKey key) {
    java.io.ByteArrayOutputStream canonical = new java.io.ByteArrayOutputStream();
    try {
      writeDocument(plan, canonical, null, Form.FILE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return "hmac-sha256:"
        + java.util.HexFormat.of()
            .formatHex(key.mac("portlock-plan-mac-v1", canonical.toByteArray()));
  }

  private static void writeDocument(Plan plan, OutputStream out, String mac, Form form)
      throws IOException {
    Numbers numbers = form == Form.FILE ? PlanCodec::packed : PlanCodec::ranges;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField(
          "format_version", form == Form.FILE ? FILE_FORMAT_VERSION : Plan.FORMAT_VERSION);
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
        numbers.write(g, "numbers", change.numbers());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("left_account_count", plan.leftAccount().size());
      numbers.write(g, "left_account", plan.leftAccount());
      writeObservations(g, plan.observed(), numbers);

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
          if (form == Form.RENDERING) {
            ranges(g, "numbers", group.numbers());
          }
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
  private static void writeObservations(JsonGenerator g, Observations observed, Numbers numbers)
      throws IOException {
    g.writeObjectFieldStart("observations");
    numbers.write(g, "matches", observed.matches());
    numbers.write(g, "differs", observed.differs());
    numbers.write(g, "missing", observed.missing());
    numbers.write(g, "left_account", observed.leftAccount());
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

  /** How a form writes a set of numbers. */
  @FunctionalInterface
  private interface Numbers {
    void write(JsonGenerator g, String field, NumberSet numbers) throws IOException;
  }

  /** The plan file's form: {@link io.portlock.domain.PackedNumbers}' entries. */
  private static void packed(JsonGenerator g, String field, NumberSet numbers) throws IOException {
    g.writeFieldName(field);
    StateJson.writePacked(g, numbers);
  }

  /** The rendering's form: a string per range, as the state writes them. */
  private static void ranges(JsonGenerator g, String field, NumberSet numbers) throws IOException {
    g.writeFieldName(field);
    StateJson.writeRanges(g, numbers);
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
              + " schema/plan-file.schema.json gives it but it is not (not shown, in case the file"
              + " holds a secret)");
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw new FileFormatException(FileFormatException.describe(e));
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
    ObjectReader reader =
        StateJson.counting(READER, "the plan", 2 * FileFormatException.MAX_NUMBERS);
    PlanTemplate t;
    try (JsonParser p = reader.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FileFormatException("expected a JSON object but the file is empty or not one");
      }
      p.nextToken();
      boolean versionFirst =
          p.currentToken() == JsonToken.FIELD_NAME && "format_version".equals(p.currentName());
      if (versionFirst) {
        // Another version is refused as soon as it is seen: its numbers are in another form.
        p.nextToken();
        checkVersion(p.currentToken() == JsonToken.VALUE_NULL ? null : version(p));
        p.nextToken();
      }
      if (p.currentToken() == JsonToken.END_OBJECT) {
        // Nothing else: the first field the file needs names itself.
        checkVersion(versionFirst ? FILE_FORMAT_VERSION : null);
        throw new FileFormatException("the required field \"plan_id\" is missing");
      }
      t = StateJson.unwrapped(() -> reader.<PlanTemplate>readValue(p));
      if (t == null) {
        throw new FileFormatException("the file ends in the middle of the plan");
      }
      if (!versionFirst) {
        checkVersion(t.formatVersion());
      }
    }
    Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
    Map<String, Long> unchanged = new LinkedHashMap<>();
    required(t.groups(), "groups")
        .forEach(
            (name, g) -> {
              String at = "groups." + name;
              fingerprints.put(name, required(required(g, at).fingerprint(), at + ".fingerprint"));
              unchanged.put(name, required(g.unchanged(), at + ".unchanged"));
            });
    NumberSet leftAccount = required(t.leftAccount(), "left_account");
    long leftCount = required(t.leftAccountCount(), "left_account_count");
    if (leftCount != leftAccount.size()) {
      throw new FileFormatException(
          "\"left_account_count\" says "
              + leftCount
              + " but \"left_account\" holds "
              + leftAccount.size()
              + " numbers");
    }
    List<Change> changes = changes(required(t.changes(), "changes"));
    Observations observations = observations(required(t.observations(), "observations"));
    List<OrderOutline> outlines = outlines(required(t.orders(), "orders"));
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
    String planId = required(t.planId(), "plan_id");
    int maxNumbers = required(t.maxNumbers(), "max_numbers");
    if (maxNumbers < 1) {
      throw new FileFormatException(
          "expected \"max_numbers\" to be at least 1 but was " + maxNumbers);
    }
    Plan plan =
        new Plan(
            planId,
            required(t.createdAt(), "created_at"),
            t.gitCommit(),
            required(t.account(), "account"),
            required(t.config(), "config"),
            required(t.configDigest(), "config_digest"),
            state.lineage(),
            required(state.serial(), "state.serial"),
            required(t.kdf(), "kdf"),
            maxNumbers,
            required(t.refreshed(), "refreshed"),
            fingerprints,
            unchanged,
            changes,
            leftAccount,
            PlanIntegrity.derivedOrders(changes, fingerprints, maxNumbers, planId),
            notices,
            observations);
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
    PlanIntegrity.fileDifference(plan, outlines, written)
        .ifPresent(
            problem -> {
              throw new PlanMismatchException(problem);
            });
    return new Saved(plan, t.mac());
  }

  private static int version(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new FileFormatException(
          "expected \"format_version\" to be a whole number but it is not (not shown, in case"
              + " the file holds a secret)");
    }
    return p.getIntValue();
  }

  /** Only this format is read: a plan is short-lived, and planning again makes it anew. */
  private static void checkVersion(Integer version) {
    if (version == null) {
      throw new FileFormatException("the required field \"format_version\" is missing");
    }
    if (version > FILE_FORMAT_VERSION) {
      throw FileFormatException.newer("the plan", version, FILE_FORMAT_VERSION);
    }
    if (version < FILE_FORMAT_VERSION) {
      throw FileFormatException.older(
          "the plan file is of format_version "
              + version
              + (version == Plan.FORMAT_VERSION
                  ? ", which an older portlock saved and 'plan --format json' prints"
                  : ", which an older portlock saved")
              + "; this portlock reads plan files of format_version "
              + FILE_FORMAT_VERSION
              + ": run 'portlock plan --out FILE' again, review it and apply the new plan");
    }
  }

  private static List<Change> changes(List<PlanTemplate.ChangeTemplate> changeList) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < changeList.size(); i++) {
      String at = "changes[" + i + "]";
      PlanTemplate.ChangeTemplate c = required(changeList.get(i), at);
      String action = required(c.action(), at + ".action");
      long written = required(c.count(), at + ".count");
      NumberSet numbers = required(c.numbers(), at + ".numbers");
      if (written != numbers.size()) {
        throw new FileFormatException(
            "\"" + at + ".count\" says " + written + " but its numbers hold " + numbers.size());
      }
      changes.add(
          switch (action) {
            case "add" -> new Change.Add(required(c.group(), at + ".group"), numbers);
            case "change" ->
                new Change.Modify(
                    required(c.group(), at + ".group"),
                    c.fromGroup(),
                    Change.Reason.valueOf(
                        required(c.reason(), at + ".reason").toUpperCase(java.util.Locale.ROOT)),
                    numbers);
            case "remove" ->
                new Change.Remove(required(c.fromGroup(), at + ".from_group"), numbers);
            case "move" ->
                new Change.Move(
                    required(c.group(), at + ".group"),
                    required(c.fromGroup(), at + ".from_group"),
                    numbers);
            case "record" ->
                new Change.Adopt(required(c.group(), at + ".group"), c.fromGroup(), numbers);
            default ->
                throw new FileFormatException(
                    "expected \""
                        + at
                        + ".action\" to be add,"
                        + " change, move, record or remove but found another value");
          });
    }
    return changes;
  }

  private static Observations observations(PlanTemplate.ObservationsTemplate observed) {
    return new Observations(
        required(observed.matches(), "observations.matches"),
        required(observed.differs(), "observations.differs"),
        required(observed.missing(), "observations.missing"),
        required(observed.leftAccount(), "observations.left_account"));
  }

  /** The orders as the file outlines them, each field required. */
  private static List<OrderOutline> outlines(List<PlanTemplate.OrderTemplate> orderList) {
    List<OrderOutline> outlines = new ArrayList<>();
    for (int i = 0; i < orderList.size(); i++) {
      String at = "orders[" + i + "]";
      PlanTemplate.OrderTemplate o = required(orderList.get(i), at);
      List<OrderOutline.Segment> segments = new ArrayList<>();
      List<PlanTemplate.OrderGroupTemplate> groupList = required(o.groups(), at + ".groups");
      for (int j = 0; j < groupList.size(); j++) {
        String gat = at + ".groups[" + j + "]";
        PlanTemplate.OrderGroupTemplate pg = required(groupList.get(j), gat);
        String action = required(pg.action(), gat + ".action");
        Target target =
            switch (action) {
              case "set" ->
                  Target.set(
                      required(pg.group(), gat + ".group"),
                      required(pg.fingerprint(), gat + ".fingerprint"));
              case "clear" -> Target.clear();
              default ->
                  throw new FileFormatException(
                      "expected \"" + gat + ".action\" to be set or clear but found another value");
            };
        segments.add(new OrderOutline.Segment(target, required(pg.count(), gat + ".count")));
      }
      outlines.add(
          new OrderOutline(
              required(o.index(), at + ".index"),
              required(o.customerOrderId(), at + ".customer_order_id"),
              required(o.count(), at + ".count"),
              required(o.optionGroups(), at + ".option_groups"),
              segments));
    }
    return outlines;
  }

  /** A field that is absent (or null where the schema does not allow it) names itself. */
  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new FileFormatException("the required field \"" + field + "\" is missing");
    }
    return value;
  }
}
