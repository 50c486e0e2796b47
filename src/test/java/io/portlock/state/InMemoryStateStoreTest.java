package io.portlock.state;

/** The in-memory store passes the store contract. */
class InMemoryStateStoreTest extends StateStoreContract {
  private final InMemoryStateStore store = new InMemoryStateStore("memory:contract");

  @Override
  protected StateStore store() {
    return store;
  }

  @Override
  protected void breakLock(StateStore store, StateSession holder) {
    this.store.loseLock();
  }

  @Override
  protected void crash(StateSession session) {
    store.loseLock();
  }

  @Override
  protected String everythingStored() {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      StateCodec.write(store.read().orElseThrow(), out);
      return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
