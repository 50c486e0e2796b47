package io.portlock.sandbox;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saves the state shortly after it changes, batching every change of a window into one write: a
 * 100,000-number order changes the state three times but is written about three times, not 100,000.
 * Snapshots are taken on the event loop and written on a worker thread.
 *
 * <p>Each save writes everything, so saving every 100 ms would make a long run quadratic: the saves
 * grow with the data and their number with the run. The next save therefore waits at least {@link
 * #SPACING} times as long as the last one took, so saving costs a bounded share of the time (about
 * a tenth) however large the data grows.
 */
final class Persister {
  static final long DEBOUNCE_MILLIS = 100;
  static final int SPACING = 10;
  private static final Logger LOG = Logger.getLogger(Persister.class.getName());

  private final Vertx vertx;
  private final SandboxStore store;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile SandboxState state;
  private volatile boolean closed;
  private volatile long notBeforeNanos = System.nanoTime();

  /** {@code store} null means memory only: nothing is ever written. */
  Persister(Vertx vertx, SandboxStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void attach(SandboxState state) {
    this.state = state;
  }

  /** Called on every change, with or without the state lock held. */
  void changed() {
    if (store == null || closed || state == null || !scheduled.compareAndSet(false, true)) {
      return;
    }
    long wait = Math.max(DEBOUNCE_MILLIS, (notBeforeNanos - System.nanoTime()) / 1_000_000);
    vertx.setTimer(
        wait,
        id -> {
          scheduled.set(false);
          long start = System.nanoTime();
          SandboxStore.Data data;
          long version;
          synchronized (state) {
            data = SandboxStore.snapshot(state);
            version = state.version();
          }
          vertx
              .executeBlocking(
                  () -> {
                    store.save(data, version);
                    long end = System.nanoTime();
                    notBeforeNanos = end + (end - start) * SPACING;
                    return null;
                  },
                  true)
              .onFailure(
                  e ->
                      LOG.log(
                          Level.WARNING, "could not save the sandbox state: " + e.getMessage()));
        });
  }

  /** Writes the current state now, on the caller's thread, and stops later writes. */
  void flushAndClose() {
    closed = true;
    if (store == null) {
      return;
    }
    SandboxStore.Data data;
    long version;
    synchronized (state) {
      data = SandboxStore.snapshot(state);
      version = state.version();
    }
    store.save(data, version);
  }
}
