package io.portlock.state.postgres;

import io.portlock.state.LockHeldException;
import io.portlock.state.LockInfo;
import io.portlock.state.State;
import io.portlock.state.StateDocuments;
import io.portlock.state.StateLock;
import io.portlock.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The state in a PostgreSQL database: one row per workspace (one config), holding the state
 * document as JSONB with its lineage and serial. Every write is one transaction that checks the
 * serial it read (compare-and-set), so two runners can never both write on top of one version.
 * A connection lost during a write is retried with backoff; the commit's id, stored with it,
 * tells afterwards whether the commit landed, so a write is neither lost nor done twice.
 *
 * <p>The apply lock is a session-level advisory lock held on its own connection (see {@link
 * AdvisoryLock}). While it is held, writes go through that connection: should it drop, the lock
 * is taken again before anything is written, or the write fails if another runner has it.
 */
public final class PostgresStateStore implements StateStore {
  /** How often a waiting runner asks for the lock again. */
  private static final Duration LOCK_POLL = Duration.ofMillis(250);
  /** A new holder writes its record right after locking; this covers a slow, busy machine. */
  private static final Duration RECORD_WAIT = Duration.ofSeconds(2);

  private final Connector connector;
  private final String workspace;
  private final Clock clock;
  private boolean migrated;
  private Seen seen; // what this store last read or wrote: the base of the next write
  private Held held; // the lock, while held

  /** What was read: lineage and serial; null lineage when the workspace was empty. */
  private record Seen(String lineage, long serial) {}

  private record Held(Connection connection, LockInfo info) {}

  public PostgresStateStore(PostgresUrl url, String workspace) {
    this(new Connector(url, Connector.REAL_TIME, 8), workspace, Clock.systemUTC());
  }

  PostgresStateStore(Connector connector, String workspace, Clock clock) {
    this.connector = connector;
    this.workspace = workspace;
    this.clock = clock;
  }

  public String workspace() {
    return workspace;
  }

  public PostgresUrl url() {
    return connector.url();
  }

  @Override
  public String location() {
    return connector.url() + " (workspace " + workspace + ")";
  }

  @Override
  public synchronized Optional<State> read() {
    return withRetry("read the state", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT document::text FROM portlock.workspace WHERE name = ?")) {
        p.setString(1, workspace);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            seen = new Seen(null, 0);
            return Optional.empty();
          }
          State state = decode(rs.getBinaryStream(1));
          seen = new Seen(state.lineage(), state.serial());
          return Optional.of(state);
        }
      }
    });
  }

  private State decode(InputStream document) {
    try (InputStream in = document) {
      return StateDocuments.decode(in);
    } catch (IOException | RuntimeException e) {
      // The codec names the place and the kind of problem, never the text.
      throw new PostgresStateException(connector.url(), "the state document of workspace "
          + workspace + " cannot be read: " + e.getMessage() + "; restore it from a backup"
          + " of the database, or from a state file with 'portlock state migrate'", e);
    }
  }

  @Override
  public synchronized void write(State next) {
    byte[] document = StateDocuments.encode(next);
    UUID commit = UUID.randomUUID();
    Seen base = seen;
    withRetry("write the state", c -> {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Optional<Seen> now = current(c, true);
        if (now.isPresent() && now.get().lineage.equals(next.lineage())
            && now.get().serial == next.serial() && landed(c, commit)) {
          c.rollback(); // an earlier attempt committed before its connection dropped
          return null;
        }
        if (!now.equals(base == null || base.lineage == null ? Optional.empty()
            : Optional.of(base))) {
          throw new PostgresStateException(connector.url(), "the state of workspace "
              + workspace + " changed since portlock read it (serial " + describe(base)
              + ", now " + now.map(PostgresStateStore::describe).orElse("none") + "), by"
              + " another portlock or a 'state migrate'; nothing was written. Run the command"
              + " again");
        }
        String sql = now.isEmpty()
            ? "INSERT INTO portlock.workspace (document, lineage, serial, last_commit, name)"
                + " VALUES (?::jsonb, ?, ?, ?, ?)"
            : "UPDATE portlock.workspace SET document = ?::jsonb, lineage = ?, serial = ?,"
                + " last_commit = ?, updated_at = now() WHERE name = ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, new String(document, StandardCharsets.UTF_8));
          p.setString(2, next.lineage());
          p.setLong(3, next.serial());
          p.setObject(4, commit);
          p.setString(5, workspace);
          p.executeUpdate();
        }
        c.commit();
        return null;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        if (!c.isClosed()) {
          c.setAutoCommit(autoCommit);
        }
      }
    });
    seen = new Seen(next.lineage(), next.serial());
  }

  private static String describe(Seen s) {
    return s == null || s.lineage == null ? "none" : Long.toString(s.serial);
  }

  private Optional<Seen> current(Connection c, boolean forUpdate) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT lineage, serial FROM"
        + " portlock.workspace WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(new Seen(rs.getString(1), rs.getLong(2)))
            : Optional.empty();
      }
    }
  }

  private boolean landed(Connection c, UUID commit) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT 1 FROM portlock.workspace WHERE name = ? AND last_commit = ?")) {
      p.setString(1, workspace);
      p.setObject(2, commit);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public synchronized StateLock lock(String operation, Duration timeout) {
    if (held != null) {
      throw new IllegalStateException("the lock is already held by this store");
    }
    LockInfo me = new LockInfo(UUID.randomUUID().toString(), operation,
        System.getProperty("user.name", "unknown"), hostName(), ProcessHandle.current().pid(),
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)); // as stored
    Instant deadline = clock.instant().plus(timeout);
    Instant recordDeadline = clock.instant().plus(timeout.compareTo(RECORD_WAIT) > 0 ? timeout
        : RECORD_WAIT);
    Connection c = connector.open();
    try {
      migrate(c);
      while (true) {
        if (AdvisoryLock.tryTake(c, workspace, me)) {
          held = new Held(c, me);
          return new Handle(me);
        }
        Optional<AdvisoryLock.Holder> holder = AdvisoryLock.holder(c, workspace);
        Instant now = clock.instant();
        if (now.isAfter(deadline) && (holder.isPresent() || now.isAfter(recordDeadline))) {
          throw new LockHeldException(location(), holder.map(AdvisoryLock.Holder::info)
              .orElse(null), timeout.isZero()
              ? "wait for it to finish, or retry with --lock-timeout 5m to wait"
              : "it was still held after " + timeout.toSeconds() + " s; wait for it to finish,"
                  + " or if its runner is gone, run 'portlock force-unlock "
                  + holder.map(h -> h.info().id()).orElse("ID") + "'");
        }
        connector.pause(1);
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure("take the lock", e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  /** The held lock; closing releases it and its connection. */
  private final class Handle implements StateLock {
    private final LockInfo info;

    Handle(LockInfo info) {
      this.info = info;
    }

    @Override
    public LockInfo info() {
      return info;
    }

    @Override
    public void close() {
      synchronized (PostgresStateStore.this) {
        if (held == null || held.info != info) {
          return;
        }
        Connection c = held.connection;
        held = null;
        try {
          AdvisoryLock.release(c, workspace, info);
        } catch (SQLException e) {
          // The lock ends with the session anyway, which closing the connection ends.
        } finally {
          closeQuietly(c);
        }
      }
    }
  }

  @Override
  public synchronized String forceUnlock(String lockId) {
    return withRetry("force-unlock", c -> {
      Optional<AdvisoryLock.Holder> record = AdvisoryLock.record(c, workspace);
      if (record.isEmpty()) {
        throw new PostgresStateException(connector.url(), "workspace " + workspace + " has no"
            + " lock record; nothing to unlock");
      }
      LockInfo info = record.get().info();
      if (!info.id().equals(lockId)) {
        throw new PostgresStateException(connector.url(), "the lock record of workspace "
            + workspace + " has ID " + info.id() + ", not " + lockId + "; pass the ID shown in"
            + " the lock error");
      }
      boolean live = AdvisoryLock.holder(c, workspace).isPresent();
      if (live) {
        // The holder's session is still open: a runner whose machine vanished leaves its
        // session behind until the server notices. Ending it is what releases the lock.
        AdvisoryLock.terminate(c, record.get().backendPid());
      }
      AdvisoryLock.forget(c, workspace, lockId);
      return live
          ? "Ended the database session of lock " + lockId + " (" + info + "), which released"
              + " the lock; if that portlock was still running, its next write fails and"
              + " nothing is half-written."
          : "Cleared lock record " + lockId + " (" + info + "); its session had already ended.";
    });
  }

  private void migrate(Connection c) throws SQLException {
    if (!migrated) {
      Schema.migrate(c, connector.url());
      migrated = true;
    }
  }

  /** One piece of work on a connection; thrown SQL errors decide whether it is retried. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on the lock's connection when the lock is held, else on a fresh one;
   * retries a lost connection with backoff, re-taking the lock first when it was held.
   */
  private <T> T withRetry(String action, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      Connection c = held != null ? held.connection : connector.open();
      try {
        migrate(c);
        return work.run(c);
      } catch (SQLException e) {
        if (!Connector.isTransient(e) || attempt >= connector.attempts()) {
          throw failure(action, e);
        }
        connector.pause(attempt);
        if (held != null) {
          relock();
        }
      } finally {
        if (held == null || held.connection != c) {
          closeQuietly(c);
        }
      }
    }
  }

  /** The lock's connection dropped, and with it the lock: take it again, or fail. */
  private void relock() {
    closeQuietly(held.connection);
    Connection c = connector.open();
    try {
      if (!AdvisoryLock.tryTake(c, workspace, held.info)) {
        Optional<AdvisoryLock.Holder> other = AdvisoryLock.holder(c, workspace);
        closeQuietly(c);
        held = null;
        throw new PostgresStateException(connector.url(), "the connection holding the lock of"
            + " workspace " + workspace + " dropped, and "
            + other.map(h -> "another portlock took the lock (" + h.info() + ")")
                .orElse("another session holds it now") + "; nothing more was written. Run"
            + " the command again: the state's journal keeps the orders already sent");
      }
      held = new Held(c, held.info);
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure("take the lock again", e);
    }
  }

  private PostgresStateException failure(String action, SQLException e) {
    return new PostgresStateException(connector.url(), "cannot " + action + " of workspace "
        + workspace + ": " + Connector.describe(e) + Connector.advice(e), e);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // the connection is gone; so is the transaction
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // nothing to do about a connection that will not close
    }
  }
}
