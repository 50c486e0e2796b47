package io.portlock.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.portlock.domain.KdfParameters;
import java.io.IOException;

/**
 * Writes the {@code "kdf"} field of a streamed document with {@link StateJson}'s mapping: one form
 * for the state and for plans, so they cannot drift. {@code salt_per_group} and {@code key_id} name
 * the fingerprint scheme (format 2), so that a missing or wrong {@code PORTLOCK_FINGERPRINT_KEY} is
 * a clear error and not a mass drift.
 */
public final class KdfJson {
  private KdfJson() {}

  public static void write(JsonGenerator g, KdfParameters kdf) throws IOException {
    g.writeFieldName("kdf");
    StateJson.writeKdf(g, kdf);
  }
}
