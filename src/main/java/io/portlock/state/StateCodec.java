package io.portlock.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import io.portlock.domain.TelephoneNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the state file (format documented in {@code schema/state.schema.json}):
 *
 * <pre>{@code
 * {
 *   "format_version": 2,
 *   "lineage": "8d0c…", "serial": 4, "account": "9900000",
 *   "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 120000, "salt": "…", "length": 32,
 *           "salt_per_group": true, "key_id": "3f09a1c2b4d5"},
 *   "entries": [
 *     {"group": "headquarters", "fingerprint": "3fa9c1…", "applied_at": "2026-11-26T18:00:00Z",
 *      "order_id": "…", "customer_order_id": "portlock-…-1",
 *      "numbers": ["2018551020", "2018551030..2018551039"]}
 *   ],
 *   "journal": [ {"customer_order_id": "…", "plan_id": "…", "recorded_at": "…", "order_id": null,
 *                 "groups": [{"group": "hq", "fingerprint": "…", "numbers": ["…"]}]} ]
 * }
 * }</pre>
 *
 * Format 1 (one salt for every group, no key) is still read, so existing states keep working;
 * {@code refresh --rekey} moves them to salts per group and, with a key, keyed fingerprints.
 * Streaming Jackson on both sides: a million numbers read in well under a second.
 */
final class StateCodec {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
          .build();

  private static final String FINGERPRINT = "a fingerprint (16 to 128 lower-case hex digits)";
  private static final String TIME = "a time such as 2026-11-26T18:00:00Z";

  private StateCodec() {}

  static void write(State state, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("format_version", State.FORMAT_VERSION);
      g.writeStringField("lineage", state.lineage());
      g.writeNumberField("serial", state.serial());
      g.writeStringField("account", state.account().value());
      KdfJson.write(g, state.kdf());
      g.writeArrayFieldStart("entries");
      for (Map.Entry<StateEntry, NumberSet> e : state.byEntry().entrySet()) {
        StateEntry entry = e.getKey();
        g.writeStartObject();
        g.writeStringField("group", entry.group());
        g.writeStringField("fingerprint", entry.fingerprint().hex());
        writeNullable(g, "applied_at", entry.appliedAt() == null ? null : entry.appliedAt().toString());
        writeNullable(g, "order_id", entry.orderId());
        writeNullable(g, "customer_order_id", entry.customerOrderId());
        writeNumbers(g, e.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("journal");
      for (JournalEntry j : state.journal()) {
        g.writeStartObject();
        g.writeStringField("customer_order_id", j.customerOrderId());
        g.writeStringField("plan_id", j.planId());
        g.writeStringField("recorded_at", j.recordedAt().toString());
        writeNullable(g, "order_id", j.orderId());
        g.writeArrayFieldStart("groups");
        for (JournalEntry.Group group : j.groups()) {
          g.writeStartObject();
          Target.Set set = group.target() instanceof Target.Set s ? s : null;
          writeNullable(g, "group", set == null ? null : set.group());
          writeNullable(g, "fingerprint", set == null ? null : set.fingerprint().hex());
          writeNumbers(g, group.numbers());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeNumbers(JsonGenerator g, NumberSet numbers) throws IOException {
    g.writeArrayFieldStart("numbers");
    for (NumberRange range : numbers.ranges()) {
      g.writeString(range.toString());
    }
    g.writeEndArray();
  }

  private static void writeNullable(JsonGenerator g, String field, String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  /**
   * Parses a state file; any problem is a {@link FileFormatException} saying what and where but
   * quoting none of the file (it may be a secret file planted under the state's name).
   */
  static State read(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      FileFormatException.NumberCount count = new FileFormatException.NumberCount("the state");
      expect(p.nextToken(), JsonToken.START_OBJECT, p, "the state document");
      Integer formatVersion = null;
      String lineage = null;
      Long serial = null;
      AccountId account = null;
      KdfParameters kdf = null;
      Map<StateEntry, NumberSet> entries = new LinkedHashMap<>();
      List<JournalEntry> journal = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "format_version" -> formatVersion = version(p);
          case "lineage" -> lineage = text(p, field);
          case "serial" -> serial = p.getValueAsLong();
          case "account" -> account = convert(p, field, "a Bandwidth account ID (digits)",
              AccountId::new);
          case "kdf" -> kdf = readKdf(p);
          case "entries" -> readEntries(p, entries, count);
          case "journal" -> readJournal(p, journal, count);
          default -> p.skipChildren(); // fields of later versions are ignored, not fatal
        }
        if (value == null) {
          throw new FileFormatException("the file ends in the middle of \"" + field + "\"");
        }
      }
      if (formatVersion == null || formatVersion < State.FIRST_FORMAT_VERSION
          || formatVersion > State.FORMAT_VERSION) {
        throw new FileFormatException("expected format_version " + State.FORMAT_VERSION
            + " (or " + State.FIRST_FORMAT_VERSION + ", still read) but was " + formatVersion);
      }
      require(lineage, "lineage");
      require(serial, "serial");
      require(account, "account");
      require(kdf, "kdf");
      if (formatVersion == State.FIRST_FORMAT_VERSION && (kdf.saltPerGroup() || kdf.keyed())) {
        throw new FileFormatException("a format_version 1 state has one salt and no key,"
            + " but its kdf names salt_per_group or key_id");
      }
      return State.fromEntries(lineage, serial, account, kdf, entries, journal);
    }
  }

  /** A newer portlock's state is refused as soon as its version is seen, whatever follows. */
  private static Integer version(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new FileFormatException("expected \"format_version\" to be a whole number but found "
          + describe(p.currentToken()) + at(p));
    }
    int version = p.getValueAsInt();
    if (version > State.FORMAT_VERSION) {
      throw FileFormatException.newer("the state", version, State.FORMAT_VERSION);
    }
    return version;
  }

  /**
   * Converts a string field to a domain value; the domain's message may quote the text, so a
   * failure names only the field, the place and what was expected.
   */
  private static <T> T convert(JsonParser p, String field, String expected,
      java.util.function.Function<String, T> conversion) throws IOException {
    String text = text(p, field);
    if (text == null) {
      return null;
    }
    try {
      return conversion.apply(text);
    } catch (RuntimeException e) {
      throw new FileFormatException("expected \"" + field + "\" to be " + expected
          + " but it is not" + at(p) + " (the value is not shown, in case the file holds a"
          + " secret)");
    }
  }

  private static String at(JsonParser p) {
    return " at line " + p.currentLocation().getLineNr() + ", column "
        + p.currentLocation().getColumnNr();
  }

  private static KdfParameters readKdf(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, p, "\"kdf\"");
    String algorithm = null;
    String salt = null;
    int iterations = 0;
    int length = 0;
    boolean saltPerGroup = false;
    String keyId = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "algorithm" -> algorithm = text(p, field);
        case "iterations" -> iterations = wholeNumber(p, field);
        case "salt" -> salt = text(p, field);
        case "length" -> length = wholeNumber(p, field);
        case "salt_per_group" -> saltPerGroup = p.currentToken() == JsonToken.VALUE_TRUE;
        case "key_id" -> keyId = text(p, field);
        default -> p.skipChildren();
      }
    }
    try {
      return new KdfParameters(algorithm, iterations, salt, length, saltPerGroup, keyId);
    } catch (IllegalArgumentException e) {
      // KdfParameters' messages quote numbers and the algorithm's expected name, not the text.
      throw new FileFormatException("the \"kdf\" object ending" + at(p) + " is not valid: "
          + e.getMessage());
    }
  }

  /** An int field; a larger number (2^31 iterations, say) is refused, not wrapped around. */
  private static int wholeNumber(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new FileFormatException("expected \"" + field + "\" to be a whole number but found "
          + describe(p.currentToken()) + at(p));
    }
    long value = p.getValueAsLong();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new FileFormatException("\"" + field + "\" is " + value + at(p)
          + ", far outside the range portlock writes");
    }
    return (int) value;
  }

  private static void readEntries(JsonParser p, Map<StateEntry, NumberSet> into,
      FileFormatException.NumberCount count) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, p, "\"entries\"");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String group = null;
      Fingerprint fingerprint = null;
      Instant appliedAt = null;
      String orderId = null;
      String customerOrderId = null;
      NumberSet numbers = NumberSet.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "group" -> group = text(p, field);
          case "fingerprint" -> fingerprint = convert(p, field, FINGERPRINT, Fingerprint::new);
          case "applied_at" -> appliedAt = convert(p, field, TIME, Instant::parse);
          case "order_id" -> orderId = text(p, field);
          case "customer_order_id" -> customerOrderId = text(p, field);
          case "numbers" -> numbers = readNumbers(p, count);
          default -> p.skipChildren();
        }
      }
      require(fingerprint, "entries[].fingerprint");
      StateEntry entry = new StateEntry(group, fingerprint, appliedAt, orderId, customerOrderId);
      into.merge(entry, numbers, NumberSet::union);
    }
  }

  private static void readJournal(JsonParser p, List<JournalEntry> into,
      FileFormatException.NumberCount count) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, p, "\"journal\"");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String customerOrderId = null;
      String planId = null;
      Instant recordedAt = null;
      String orderId = null;
      List<JournalEntry.Group> groups = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "customer_order_id" -> customerOrderId = text(p, field);
          case "plan_id" -> planId = text(p, field);
          case "recorded_at" -> recordedAt = convert(p, field, TIME, Instant::parse);
          case "order_id" -> orderId = text(p, field);
          case "groups" -> readJournalGroups(p, groups, count);
          default -> p.skipChildren();
        }
      }
      require(customerOrderId, "journal[].customer_order_id");
      require(recordedAt, "journal[].recorded_at");
      into.add(new JournalEntry(customerOrderId, planId, recordedAt, orderId, groups));
    }
  }

  private static void readJournalGroups(JsonParser p, List<JournalEntry.Group> into,
      FileFormatException.NumberCount count) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, p, "\"groups\"");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String group = null;
      Fingerprint fingerprint = null;
      NumberSet numbers = NumberSet.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "group" -> group = text(p, field);
          case "fingerprint" -> fingerprint = convert(p, field, FINGERPRINT, Fingerprint::new);
          case "numbers" -> numbers = readNumbers(p, count);
          default -> p.skipChildren();
        }
      }
      if (fingerprint == null) {
        into.add(JournalEntry.Group.clear(numbers));
      } else {
        require(group, "journal[].groups[].group");
        into.add(new JournalEntry.Group(group, fingerprint, numbers));
      }
    }
  }

  private static NumberSet readNumbers(JsonParser p, FileFormatException.NumberCount count)
      throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, p, "\"numbers\"");
    NumberSet.Builder builder = new NumberSet.Builder();
    while (p.nextToken() == JsonToken.VALUE_STRING) {
      NumberRange range;
      try {
        range = NumberRange.parse(p.getText());
      } catch (TelephoneNumber.NotANumberException e) {
        throw new FileFormatException("expected a telephone number or range in \"numbers\" but"
            + " found other text" + at(p) + " (not shown, in case the file holds a secret)");
      } catch (IllegalArgumentException e) {
        // What remains quotes only numbers that parsed (toll-free, a range too large).
        throw new FileFormatException(e.getMessage() + at(p));
      }
      count.add(range.size());
      builder.addRange(range);
    }
    expect(p.currentToken(), JsonToken.END_ARRAY, p, "\"numbers\" (strings only)");
    return builder.build();
  }

  private static String text(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new FileFormatException(
          "expected a string in \"" + field + "\" but found " + p.currentToken()
              + " at line " + p.currentLocation().getLineNr());
    }
    return p.getText();
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser p, String what) {
    if (actual != expected) {
      throw new FileFormatException(
          "expected " + what + " to be " + describe(expected) + " but found "
              + (actual == null ? "the end of the file" : describe(actual))
              + " at line " + p.currentLocation().getLineNr());
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "the end of an array";
      default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
    };
  }

  private static void require(Object value, String field) {
    if (value == null) {
      throw new FileFormatException("the required field \"" + field + "\" is missing");
    }
  }
}
