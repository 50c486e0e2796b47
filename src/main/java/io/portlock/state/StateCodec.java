package io.portlock.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads and writes the state file through {@link StateTemplate}. Any problem reading is a {@link
 * FileFormatException} that says what and where but quotes none of the file (it may be a secret
 * file planted under the state's name). Numbers stream into their sets: a million read in well
 * under a second.
 */
final class StateCodec {
  private static final ObjectMapper JSON = StateJson.mapper();
  private static final ObjectReader READER = JSON.readerFor(StateTemplate.class);

  private StateCodec() {}

  static void write(State state, OutputStream out) throws IOException {
    JSON.writerWithDefaultPrettyPrinter()
        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, StateTemplate.of(state));
  }

  static State read(InputStream in) throws IOException {
    ObjectReader reader = StateJson.counting(READER, "the state");
    try (JsonParser p = reader.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FileFormatException(
            "expected the state document to be an object but found "
                + (p.currentToken() == null ? "the end of the file" : "something else")
                + " at line "
                + p.currentLocation().getLineNr());
      }
      p.nextToken();
      Integer version = null;
      if (p.currentToken() == JsonToken.FIELD_NAME && "format_version".equals(p.currentName())) {
        // A newer portlock's state is refused as soon as its version is seen, whatever follows.
        version = version(p);
        p.nextToken();
      }
      // Only the version, and nothing after it: an object without any other field.
      StateTemplate template =
          p.currentToken() == JsonToken.END_OBJECT
              ? new StateTemplate(null, null, null, null, null, null, null, null)
              : StateJson.unwrapped(() -> reader.<StateTemplate>readValue(p));
      if (template == null) {
        throw new FileFormatException("the file ends in the middle of the state document");
      }
      if (version != null) {
        template =
            new StateTemplate(
                version,
                template.lineage(),
                template.serial(),
                template.account(),
                template.kdf(),
                template.seal(),
                template.entries(),
                template.journal());
      } else if (template.formatVersion() != null
          && template.formatVersion() > State.FORMAT_VERSION) {
        throw FileFormatException.newer(
            "the state", template.formatVersion(), State.FORMAT_VERSION);
      }
      return template.toState();
    }
  }

  private static int version(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new FileFormatException(
          "expected \"format_version\" to be a whole number but it is" + " not" + StateJson.at(p));
    }
    int version = p.getValueAsInt();
    if (version > State.FORMAT_VERSION) {
      throw FileFormatException.newer("the state", version, State.FORMAT_VERSION);
    }
    return version;
  }
}
