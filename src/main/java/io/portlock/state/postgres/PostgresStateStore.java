package io.portlock.state.postgres;

import io.portlock.domain.Sleeper;
import io.portlock.state.LockHeldException;
import io.portlock.state.LockInfo;
import io.portlock.state.LockedSession;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateDocuments;
import io.portlock.state.StateException;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The state in a PostgreSQL database: one row per workspace (one config), holding the state
 * document as JSONB with its lineage and serial (see {@link Schema}).
 *
 * <ul>
 *   <li>A session holds the workspace's advisory lock on its own connection ({@link AdvisoryLock}),
 *       so PostgreSQL releases it when the runner dies, a SIGKILL included.
 *   <li>Every commit is one transaction that stores serial + 1 only if the stored serial is still
 *       the one the session saw (compare-and-set), so no two runners write on top of one version.
 *   <li>A connection lost during a commit is retried with backoff: the lock is taken again first
 *       (or the commit fails, if another runner has it meanwhile), and the commit's id, stored with
 *       it, says whether a COMMIT whose answer was lost landed. So a commit is neither lost nor
 *       applied twice, and nothing is ever half-written.
 * </ul>
 */
public final class PostgresStateStore implements StateStore {
  /** At most this many workspaces are read ahead; with more, the one needed is read after. */
  private static final int PREFETCH_LIMIT = 4;

  /** A new holder writes its record right after locking; this covers a slow, busy machine. */
  private static final Duration RECORD_WAIT = Duration.ofSeconds(2);

  private final Connector connector;
  private final String workspace;
  private final Clock clock;
  private volatile boolean migrated;

  /**
   * @param workspace the workspace's name; null for a store that can only force-unlock (a lock id
   *     names its workspace)
   */
  public PostgresStateStore(PostgresUrl url, String workspace) {
    this(new Connector(url, Sleeper.REAL, 8), workspace, Clock.systemUTC());
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

  /** The URL with its password masked, and the workspace, for messages. */
  @Override
  public String location() {
    return connector.url() + (workspace == null ? "" : " (workspace " + workspace + ")");
  }

  private String requireWorkspace() {
    if (workspace == null) {
      throw new IllegalStateException("a store without a workspace only force-unlocks");
    }
    return workspace;
  }

  @Override
  public Optional<State> read() {
    requireWorkspace();
    return withConnection("read the state", c -> readDocument(c).map(Row::state));
  }

  /** The stored row: the state, and the id of the commit that wrote it. */
  private record Row(State state, UUID commit) {}

  private Optional<Row> readDocument(Connection c) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT document::text, last_commit FROM portlock.workspace WHERE name = ?")) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Row(decode(rs.getBinaryStream(1)), rs.getObject(2, UUID.class)));
      }
    }
  }

  /**
   * Reads, before the workspace is known, every workspace whose name ends in {@code "/" +
   * configName}: the default name is {@code ACCOUNT/CONFIG NAME}, and the account is known only
   * once the config is loaded. So plan reads the state while the config loads, as it does with a
   * file. {@link Prefetched#stateOf} then answers for any name with that ending.
   *
   * @throws StateException as {@link #read} does
   */
  public static Prefetched prefetch(PostgresUrl url, String configName) {
    PostgresStateStore probe = new PostgresStateStore(url, "*/" + configName);
    String suffix = "/" + configName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return probe.withConnection(
        "read the state",
        c -> {
          java.util.Map<String, State> found = new java.util.HashMap<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT name, document::text FROM"
                      + " portlock.workspace WHERE name LIKE ? ESCAPE '\\' LIMIT "
                      + PREFETCH_LIMIT)) {
            p.setString(1, "%" + suffix);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                found.put(rs.getString(1), probe.decode(rs.getBinaryStream(2)));
              }
            }
          }
          return new Prefetched("/" + configName, found);
        });
  }

  /** Workspaces read ahead by {@link #prefetch}: all those whose names end in {@code suffix}. */
  public static final class Prefetched {
    private final String suffix;
    private final java.util.Map<String, State> states;

    private Prefetched(String suffix, java.util.Map<String, State> states) {
      this.suffix = suffix;
      this.states = java.util.Map.copyOf(states);
    }

    /** Whether this answers for {@code workspace}: every name with its ending was read. */
    public boolean covers(String workspace) {
      return workspace.endsWith(suffix)
          && (states.containsKey(workspace) || states.size() < PREFETCH_LIMIT);
    }

    /** The state of {@code workspace}, which {@link #covers} must answer for. */
    public Optional<State> stateOf(String workspace) {
      if (!covers(workspace)) {
        throw new IllegalArgumentException("the read ahead does not cover " + workspace);
      }
      return Optional.ofNullable(states.get(workspace));
    }
  }

  private State decode(InputStream document) {
    try (InputStream in = document) {
      return StateDocuments.decode(in);
    } catch (IOException | RuntimeException e) {
      // The codec names the place and the kind of problem, never the text.
      throw new StateException(
          location(),
          "the stored state document cannot be read: "
              + e.getMessage()
              + "; restore the row from a backup of the database, or a state file"
              + " with 'portlock state migrate'",
          e);
    }
  }

  @Override
  public StateSession open(String operation, Duration lockTimeout) {
    requireWorkspace();
    LockInfo me = truncated(LockInfo.forThisProcess(operation));
    Instant deadline = clock.instant().plus(lockTimeout);
    Instant recordDeadline =
        clock.instant().plus(lockTimeout.compareTo(RECORD_WAIT) > 0 ? lockTimeout : RECORD_WAIT);
    Connection c = connector.open();
    try {
      migrate(c);
      while (!AdvisoryLock.tryTake(c, workspace, me)) {
        Optional<AdvisoryLock.Holder> holder = AdvisoryLock.holder(c, workspace);
        Instant now = clock.instant();
        // A holder that has just taken the lock writes its record a moment later: a runner
        // started at the same moment waits a little longer to name it, or to get the lock.
        if (!now.isBefore(deadline) && (holder.isPresent() || !now.isBefore(recordDeadline))) {
          throw LockHeldException.timedOut(
              location(), holder.map(AdvisoryLock.Holder::info).orElse(null), lockTimeout);
        }
        connector.pause(1);
      }
      return new Session(c, me, readDocument(c));
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure("take the lock", e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** PostgreSQL keeps microseconds: the holder read back must equal the holder written. */
  private static LockInfo truncated(LockInfo info) {
    return new LockInfo(
        info.id(),
        info.operation(),
        info.who(),
        info.host(),
        info.pid(),
        info.created().truncatedTo(ChronoUnit.MICROS));
  }

  /** A locked session: its connection holds the advisory lock; commits go through it. */
  private final class Session extends LockedSession {
    private Connection connection;
    private UUID lastCommit;

    Session(Connection connection, LockInfo lock, Optional<Row> current) {
      super(PostgresStateStore.this.location(), lock, current.map(Row::state));
      this.connection = connection;
      this.lastCommit = current.map(Row::commit).orElse(null);
    }

    @Override
    protected void store(Optional<State> before, State next, StateChange change) {
      UUID commit = UUID.randomUUID();
      byte[] document = StateDocuments.encode(next);
      for (int attempt = 1; ; attempt++) {
        try {
          write(before, next, document, commit);
          lastCommit = commit;
          return;
        } catch (SQLException e) {
          if (!Connector.isTransient(e) || attempt >= connector.attempts()) {
            throw failure("commit serial " + next.serial(), e);
          }
          connector.pause(attempt);
          relock();
        }
      }
    }

    /** One transaction: check the serial (or find this very commit landed), then write. */
    private void write(Optional<State> before, State next, byte[] document, UUID commit)
        throws SQLException {
      Connection c = connection;
      c.setAutoCommit(false);
      try {
        Optional<Stored> now = stored(c);
        if (now.isPresent() && commit.equals(now.get().commit)) {
          c.rollback(); // an earlier attempt committed; only its answer was lost
          return;
        }
        boolean same =
            now.isPresent() == before.isPresent()
                && now.map(
                        s ->
                            s.serial == before.get().serial()
                                && s.lineage.equals(before.get().lineage())
                                && s.commit.equals(lastCommit))
                    .orElse(true);
        if (!same) {
          throw conflict(
              location(),
              before,
              now.map(
                      s ->
                          "serial "
                              + s.serial
                              + (before.isPresent() && !s.lineage.equals(before.get().lineage())
                                  ? " of another lineage"
                                  : ""))
                  .orElse("no state"));
        }
        String sql =
            now.isEmpty()
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
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        if (!c.isClosed()) {
          c.setAutoCommit(true);
        }
      }
    }

    /** The connection dropped, and with it the lock: take it again, or fail. */
    private void relock() {
      closeQuietly(connection);
      Connection c = connector.open();
      try {
        if (!AdvisoryLock.tryTake(c, workspace, lock())) {
          Optional<AdvisoryLock.Holder> other = AdvisoryLock.holder(c, workspace);
          closeQuietly(c);
          throw new StateException(
              location(),
              "the connection holding the lock dropped, and "
                  + other
                      .map(h -> "another portlock took the lock (" + h.info() + ")")
                      .orElse("another session holds it now")
                  + "; nothing more was written. Run"
                  + " the command again: the state's journal keeps the orders already sent");
        }
        connection = c;
      } catch (SQLException e) {
        closeQuietly(c);
        throw failure("take the lock again", e);
      }
    }

    @Override
    protected void release() {
      try {
        AdvisoryLock.release(connection, workspace, lock());
      } catch (SQLException e) {
        // The lock ends with the session anyway, which closing the connection ends.
      } finally {
        closeQuietly(connection);
      }
    }

    /** The runner dies here: the server ends the session and its lock, the record stays. */
    void crash() {
      closeQuietly(connection);
    }
  }

  /** What the row says now, read under a row lock inside the commit's transaction. */
  private record Stored(String lineage, long serial, UUID commit) {}

  private Optional<Stored> stored(Connection c) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT lineage, serial, last_commit FROM"
                + " portlock.workspace WHERE name = ? FOR UPDATE")) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next()
            ? Optional.of(new Stored(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class)))
            : Optional.empty();
      }
    }
  }

  /** Simulates the death of the runner holding {@code session} (tests). */
  static void crash(StateSession session) {
    if (!(session instanceof Session s)) {
      throw new IllegalArgumentException("not a session of a PostgreSQL store");
    }
    s.crash();
  }

  @Override
  public String forceUnlock(String lockId) {
    return withConnection(
        "force-unlock",
        c -> {
          Optional<AdvisoryLock.Holder> record =
              workspace != null
                  ? AdvisoryLock.record(c, workspace)
                  : AdvisoryLock.recordById(c, lockId);
          if (record.isEmpty()) {
            throw new StateException(
                location(),
                workspace == null
                    ? "no lock record has ID " + lockId + "; nothing to unlock"
                    : "no lock record is there; nothing to unlock");
          }
          LockInfo info = record.get().info();
          String of = record.get().workspace();
          if (!info.id().equals(lockId)) {
            throw new StateException(
                location(),
                "the lock record has ID "
                    + info.id()
                    + ", not "
                    + lockId
                    + "; pass the ID shown in the lock error");
          }
          if (AdvisoryLock.holder(c, of).isPresent()) {
            throw new StateException(
                location(),
                "lock "
                    + lockId
                    + " is still held by a running"
                    + " session ("
                    + info
                    + ", database session "
                    + record.get().backendPid()
                    + "); let"
                    + " it finish instead of unlocking. A runner that vanished loses its session within"
                    + " about a minute; to end it now: SELECT pg_terminate_backend("
                    + record.get().backendPid()
                    + ")");
          }
          AdvisoryLock.forget(c, of, lockId);
          return "Cleared lock record "
              + lockId
              + " ("
              + info
              + ") of workspace "
              + of
              + "; its session had already ended.";
        });
  }

  private void migrate(Connection c) throws SQLException {
    if (!migrated) {
      try {
        Schema.migrate(c, connector.url());
      } catch (Schema.NewerSchemaException e) {
        throw new StateException(location(), e.getMessage(), e);
      }
      migrated = true;
    }
  }

  /** One piece of work on a connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a fresh connection, retrying a lost one with backoff. */
  private <T> T withConnection(String action, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      Connection c = connector.open();
      try {
        migrate(c);
        return work.run(c);
      } catch (SQLException e) {
        if (!Connector.isTransient(e) || attempt >= connector.attempts()) {
          throw failure(action, e);
        }
        connector.pause(attempt);
      } finally {
        closeQuietly(c);
      }
    }
  }

  private StateException failure(String action, SQLException e) {
    return new StateException(
        location(), "cannot " + action + ": " + Connector.describe(e) + Connector.advice(e), e);
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
