package io.portlock.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.portlock.domain.KdfParameters;
import java.io.IOException;

/** Writes the {@code "kdf"} object: one form for the state and for plans, so they cannot drift. */
public final class KdfJson {
  private KdfJson() {}

  public static void write(JsonGenerator g, KdfParameters kdf) throws IOException {
    g.writeObjectFieldStart("kdf");
    g.writeStringField("algorithm", kdf.algorithm());
    g.writeNumberField("iterations", kdf.iterations());
    g.writeStringField("salt", kdf.salt());
    g.writeNumberField("length", kdf.lengthBytes());
    g.writeEndObject();
  }
}
