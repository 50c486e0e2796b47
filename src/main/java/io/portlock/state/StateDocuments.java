package io.portlock.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The state as the JSON document of a state file, for stores that keep it elsewhere (the PostgreSQL
 * store keeps it in a JSONB column). Reading is as strict as reading a file.
 */
public final class StateDocuments {
  private StateDocuments() {}

  public static byte[] encode(State state) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      StateCodec.write(state, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Decodes a document; a broken one throws the codec's exceptions, which quote no text. */
  public static State decode(InputStream in) throws IOException {
    return StateCodec.read(in);
  }
}
