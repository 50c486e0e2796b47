package io.portlock.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.portlock.domain.KdfParameters;
import java.io.IOException;

/**
 * Writes the {@code "kdf"} object: one form for the state and for plans, so they cannot drift.
 * {@code salt_per_group} and {@code key_id} name the fingerprint scheme (format 2), so that a
 * missing or wrong {@code PORTLOCK_FINGERPRINT_KEY} is a clear error and not a mass drift.
 */
public final class KdfJson {
  private KdfJson() {}

  public static void write(JsonGenerator g, KdfParameters kdf) throws IOException {
    g.writeObjectFieldStart("kdf");
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
}
