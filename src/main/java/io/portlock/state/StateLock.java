package io.portlock.state;

/** A held apply lock; closing releases it. */
public interface StateLock extends AutoCloseable {
  LockInfo info();

  @Override
  void close();
}
