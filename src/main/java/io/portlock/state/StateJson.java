package io.portlock.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.PackedNumbers;
import io.portlock.domain.TelephoneNumber;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one JSON mapping of the values that the state and plan files share, so that they cannot
 * drift: a {@link NumberSet} is an array of numbers and ranges, {@code ["2018551020",
 * "2018551030..2018551039"]} (in a plan file, read with {@link #packedNumbers}, the entries of
 * {@link PackedNumbers}: {@code ["2018551020,10+9"]}), and {@link KdfParameters} is the {@code
 * "kdf"} object:
 *
 * <pre>{@code
 * {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 120000, "salt": "…", "length": 32,
 *  "salt_per_group": true, "key_id": "3f09a1c2b4d5"}
 * }</pre>
 *
 * Reading is strict and quotes none of the file: a problem is a {@link FileFormatException} naming
 * the field and the place, as the file may be a secret planted under a portlock name. Numbers are
 * streamed into the set (no String per number) and counted against {@link
 * FileFormatException#MAX_NUMBERS} through the {@link FileFormatException.NumberCount} set as an
 * attribute of the reader ({@link #counting}).
 */
public final class StateJson {
  private StateJson() {}

  /** A mapper with this mapping, strict about types, lenient about fields it does not know. */
  public static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();
    return JsonMapper.builder(factory)
        .addModule(module())
        // Fields of later versions are ignored, not fatal; types are not coerced ("1" is not 1).
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }

  /**
   * Reads with {@code read}; a {@link FileFormatException} raised inside the mapping reaches the
   * caller as it is, not wrapped in Jackson's exception with a path (which would say less).
   */
  public static <T> T unwrapped(IoCall<T> read) throws IOException {
    try {
      return read.call();
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof FileFormatException f) {
          throw f;
        }
      }
      throw e;
    }
  }

  /** A read that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IoCall<T> {
    T call() throws IOException;
  }

  /** The serializers and deserializers of {@link NumberSet} and {@link KdfParameters}. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("portlock-state");
    module.addSerializer(NumberSet.class, new NumberSetSerializer());
    module.addDeserializer(NumberSet.class, new NumberSetDeserializer());
    module.addSerializer(KdfParameters.class, new KdfSerializer());
    module.addDeserializer(KdfParameters.class, new KdfDeserializer());
    text(
        module,
        Fingerprint.class,
        "a fingerprint (16 to 128 lower-case hex digits)",
        Fingerprint::new,
        Fingerprint::hex);
    text(
        module,
        Instant.class,
        "a time such as 2026-11-26T18:00:00Z",
        Instant::parse,
        Instant::toString);
    text(
        module,
        AccountId.class,
        "a Bandwidth account ID (digits)",
        AccountId::new,
        AccountId::value);
    return module;
  }

  /**
   * A value written as a string. The domain's message may quote the text, so a failure names only
   * the field, the place and what was expected.
   */
  private static <T> void text(
      SimpleModule module,
      Class<T> type,
      String expected,
      Function<String, T> parse,
      Function<T, String> print) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator g, SerializerProvider provider)
              throws IOException {
            g.writeString(print.apply(value));
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String field = p.currentName();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
              throw new FileFormatException(
                  "expected a string in \""
                      + field
                      + "\" but found "
                      + p.currentToken()
                      + " at line "
                      + p.currentLocation().getLineNr());
            }
            try {
              return parse.apply(p.getText());
            } catch (RuntimeException e) {
              throw new FileFormatException(
                  "expected \""
                      + field
                      + "\" to be "
                      + expected
                      + " but it is not"
                      + at(p)
                      + " (the value is not shown, in case the file holds a"
                      + " secret)");
            }
          }
        });
  }

  /** A reader of {@code mapper} that counts the numbers of {@code what} ("the state"). */
  public static com.fasterxml.jackson.databind.ObjectReader counting(
      com.fasterxml.jackson.databind.ObjectReader reader, String what) {
    return reader.withAttribute(
        FileFormatException.NumberCount.class, new FileFormatException.NumberCount(what));
  }

  /**
   * Like {@link #counting(com.fasterxml.jackson.databind.ObjectReader, String)}, refusing more than
   * {@code limit} numbers (a plan holds its changes and its read-back, each up to all).
   */
  public static com.fasterxml.jackson.databind.ObjectReader counting(
      com.fasterxml.jackson.databind.ObjectReader reader, String what, long limit) {
    return reader.withAttribute(
        FileFormatException.NumberCount.class, new FileFormatException.NumberCount(what, limit));
  }

  /**
   * A reader of {@code mapper} for a document whose sets of numbers are in {@link PackedNumbers}'
   * form, as plan files write them, instead of ranges.
   */
  public static com.fasterxml.jackson.databind.ObjectReader packedNumbers(
      com.fasterxml.jackson.databind.ObjectReader reader) {
    return reader.withAttribute(PackedNumbers.class, Boolean.TRUE);
  }

  /** Writes {@code numbers} as ranges, the state's form, as the value of the current field. */
  public static void writeRanges(JsonGenerator g, NumberSet numbers) throws IOException {
    g.writeStartArray();
    for (NumberRange range : numbers.ranges()) {
      g.writeString(range.toString());
    }
    g.writeEndArray();
  }

  /** Writes {@code numbers} in {@link PackedNumbers}' form as the value of the current field. */
  public static void writePacked(JsonGenerator g, NumberSet numbers) throws IOException {
    g.writeStartArray();
    for (String entry : PackedNumbers.entries(numbers)) {
      g.writeString(entry);
    }
    g.writeEndArray();
  }

  /**
   * The {@code "kdf"} object of a state document and whether a {@code "fingerprint_seal"} is there,
   * read from its head without the rest or a mapper: a hint for starting the fingerprints early, so
   * anything unexpected gives empty and is left for the real read to report. It reads the top-level
   * fields before {@code "entries"} only.
   */
  static java.util.Optional<StateStore.Hint> peekHead(java.io.InputStream in) {
    KdfParameters kdf = null;
    boolean sealed = false;
    try (JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return java.util.Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("kdf") && value == JsonToken.START_OBJECT) {
          kdf = peekedKdf(p);
        } else if (field.equals("fingerprint_seal")) {
          sealed = value == JsonToken.START_OBJECT;
          p.skipChildren();
        } else if (field.equals("entries") || field.equals("journal")) {
          break;
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty(); // a hint only: the full read reports what is wrong
    }
    return kdf == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(new StateStore.Hint(kdf, sealed));
  }

  private static KdfParameters peekedKdf(JsonParser p) throws IOException {
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        fields.put(name, p.getText());
      }
      p.skipChildren();
    }
    return new KdfParameters(
        fields.get("algorithm"),
        Integer.parseInt(fields.get("iterations")),
        fields.get("salt"),
        Integer.parseInt(fields.get("length")),
        Boolean.parseBoolean(fields.get("salt_per_group")),
        fields.get("key_id"));
  }

  /** Writes {@code kdf} as the value of the current field. */
  public static void writeKdf(JsonGenerator g, KdfParameters kdf) throws IOException {
    g.writeStartObject();
    g.writeStringField("algorithm", kdf.algorithm());
    g.writeNumberField("iterations", kdf.iterations());
    g.writeStringField("salt", kdf.salt());
    g.writeNumberField("length", kdf.lengthBytes());
    g.writeBooleanField("salt_per_group", kdf.saltPerGroup());
    if (kdf.keyId() == null) {
      g.writeNullField("key_id");
    } else {
      g.writeStringField("key_id", kdf.keyId());
    }
    g.writeEndObject();
  }

  static String at(JsonParser p) {
    return " at line "
        + p.currentLocation().getLineNr()
        + ", column "
        + p.currentLocation().getColumnNr();
  }

  private static final class NumberSetSerializer extends JsonSerializer<NumberSet> {
    @Override
    public void serialize(NumberSet numbers, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      writeRanges(g, numbers);
    }
  }

  private static final class NumberSetDeserializer extends JsonDeserializer<NumberSet> {
    @Override
    public NumberSet deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String field = p.currentName() == null ? "numbers" : p.currentName();
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw new FileFormatException(
            "expected \""
                + field
                + "\" to be an array of numbers and"
                + " ranges but it is not"
                + at(p));
      }
      Object count = ctxt.getAttribute(FileFormatException.NumberCount.class);
      if (Boolean.TRUE.equals(ctxt.getAttribute(PackedNumbers.class))) {
        return packed(p, field, count);
      }
      NumberSet.Builder builder = new NumberSet.Builder();
      while (p.nextToken() == JsonToken.VALUE_STRING) {
        NumberRange range;
        try {
          NumberRange written =
              NumberRange.parseWritten(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          range = written != null ? written : NumberRange.parse(p.getText());
        } catch (TelephoneNumber.NotANumberException e) {
          throw new FileFormatException(
              "expected a telephone number or range in \""
                  + field
                  + "\" but found other text"
                  + at(p)
                  + " (not shown, in case the file holds a"
                  + " secret)");
        } catch (IllegalArgumentException e) {
          // What remains quotes only numbers that parsed (toll-free, a range too large).
          throw new FileFormatException(e.getMessage() + at(p));
        }
        if (count instanceof FileFormatException.NumberCount c) {
          c.add(range.size());
        }
        builder.addRange(range);
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new FileFormatException(
            "expected \""
                + field
                + "\" to hold strings only but found"
                + " something else"
                + at(p));
      }
      return builder.build();
    }

    /**
     * A plan file's numbers: each entry decoded as it is read, each run counted before it is held.
     */
    private static NumberSet packed(JsonParser p, String field, Object count) throws IOException {
      java.util.function.LongConsumer sizes = numbers -> {};
      if (count instanceof FileFormatException.NumberCount c) {
        sizes = c::add;
      }
      PackedNumbers.Decoder decoder = new PackedNumbers.Decoder(sizes);
      while (p.nextToken() == JsonToken.VALUE_STRING) {
        try {
          decoder.add(p.getText());
        } catch (PackedNumbers.MalformedException e) {
          throw new FileFormatException(
              "expected \""
                  + field
                  + "\" to hold numbers as portlock writes them (ascending runs such as"
                  + " \"2018551020+4,6,2\") but its "
                  + e.getMessage()
                  + at(p)
                  + " (not shown, in case the file holds a secret)");
        } catch (FileFormatException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          // What remains quotes only numbers that parsed (toll-free, a range too large).
          throw new FileFormatException(
              "\"" + field + "\" holds an invalid number: " + e.getMessage() + at(p));
        }
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new FileFormatException(
            "expected \"" + field + "\" to hold strings only but found something else" + at(p));
      }
      return decoder.build();
    }

    @Override
    public NumberSet getNullValue(DeserializationContext ctxt) {
      return null;
    }
  }

  private static final class KdfSerializer extends JsonSerializer<KdfParameters> {
    @Override
    public void serialize(KdfParameters kdf, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      writeKdf(g, kdf);
    }
  }

  /**
   * The {@code "kdf"} object as written.
   *
   * @param saltPerGroup absent in format 1 (one salt for all groups)
   * @param keyId absent or null when fingerprints are not keyed
   */
  record KdfTemplate(
      String algorithm,
      Long iterations,
      String salt,
      Long length,
      @com.fasterxml.jackson.annotation.JsonProperty("salt_per_group") Boolean saltPerGroup,
      @com.fasterxml.jackson.annotation.JsonProperty("key_id") String keyId) {}

  private static final class KdfDeserializer extends JsonDeserializer<KdfParameters> {
    @Override
    public KdfParameters deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new FileFormatException("expected \"kdf\" to be an object but it is not" + at(p));
      }
      KdfTemplate t = ctxt.readValue(p, KdfTemplate.class);
      require(t.algorithm(), "kdf.algorithm");
      require(t.iterations(), "kdf.iterations");
      require(t.salt(), "kdf.salt");
      require(t.length(), "kdf.length");
      try {
        return new KdfParameters(
            t.algorithm(),
            toInt(t.iterations(), "kdf.iterations", p),
            t.salt(),
            toInt(t.length(), "kdf.length", p),
            Boolean.TRUE.equals(t.saltPerGroup()),
            t.keyId());
      } catch (FileFormatException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        // KdfParameters' messages quote numbers and the algorithm's expected name, not the text.
        throw new FileFormatException(
            "the \"kdf\" object ending" + at(p) + " is not valid: " + e.getMessage());
      }
    }

    /** A larger number (2^31 iterations, say) is refused, not wrapped around. */
    private static int toInt(long value, String field, JsonParser p) {
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new FileFormatException(
            "\"" + field + "\" is " + value + at(p) + ", far outside the range portlock writes");
      }
      return (int) value;
    }
  }

  /** A required field is missing: the message names it (the file's name is added by the store). */
  static void require(Object value, String field) {
    if (value == null) {
      throw new FileFormatException("the required field \"" + field + "\" is missing");
    }
  }
}
