package io.portlock.state.postgres;

import io.portlock.state.LockInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * A workspace's apply lock: a session-level advisory lock keyed by the workspace's name, so
 * PostgreSQL releases it when the holder's connection ends, a SIGKILL included. Beside it, a row in
 * {@code lock_holder} says who holds it; a row whose session no longer holds an advisory lock is
 * left over from a dead holder and is ignored.
 */
final class AdvisoryLock {
  private AdvisoryLock() {}

  /** The lock key: a 64-bit hash of the workspace's name, kept apart from other users' keys. */
  private static final String KEY = "hashtextextended('portlock workspace ' || ?, 0)";

  /** Takes the lock on {@code c} if it is free, and records {@code me} as its holder. */
  static boolean tryTake(Connection c, String workspace, LockInfo me) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return false;
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO portlock.lock_holder (workspace,"
                + " id, operation, who, host, pid, created, backend_pid) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " pg_backend_pid()) ON CONFLICT (workspace) DO UPDATE SET id = excluded.id, operation"
                + " = excluded.operation, who = excluded.who, host = excluded.host, pid = excluded.pid,"
                + " created = excluded.created, backend_pid = excluded.backend_pid")) {
      p.setString(1, workspace);
      p.setString(2, me.id());
      p.setString(3, me.operation());
      p.setString(4, me.who());
      p.setString(5, me.host());
      p.setLong(6, me.pid());
      p.setTimestamp(7, Timestamp.from(me.created()));
      p.executeUpdate();
    }
    return true;
  }

  /** Releases the lock held on {@code c} and removes the holder's row. */
  static void release(Connection c, String workspace, LockInfo me) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM portlock.lock_holder WHERE workspace = ? AND id = ?")) {
      p.setString(1, workspace);
      p.setString(2, me.id());
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
      p.setString(1, workspace);
      p.executeQuery().close();
    }
  }

  /** The holder whose session still holds an advisory lock, if its row is there yet. */
  static Optional<Holder> holder(Connection c, String workspace) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT h.id, h.operation, h.who, h.host,"
                + " h.pid, h.created, h.backend_pid FROM portlock.lock_holder h WHERE h.workspace = ?"
                + " AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.pid = h.backend_pid)")) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        LockInfo info =
            new LockInfo(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getTimestamp(6).toInstant());
        return Optional.of(new Holder(info, rs.getInt(7), workspace));
      }
    }
  }

  /** The recorded row of {@code workspace}, live or left over. */
  static Optional<Holder> record(Connection c, String workspace) throws SQLException {
    return recordWhere(c, "workspace", workspace);
  }

  /** The recorded row with lock id {@code id}, in whichever workspace. */
  static Optional<Holder> recordById(Connection c, String id) throws SQLException {
    return recordWhere(c, "id", id);
  }

  private static Optional<Holder> recordWhere(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, operation, who, host, pid,"
                + " created, backend_pid, workspace FROM portlock.lock_holder WHERE "
                + column
                + " = ?")) {
      p.setString(1, value);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Holder(
                new LockInfo(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getTimestamp(6).toInstant()),
                rs.getInt(7),
                rs.getString(8)));
      }
    }
  }

  /** Whether the holder's database session still holds the workspace's lock. */
  static boolean isHeld(Connection c, String workspace) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE"
                + " locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) |"
                + " objid::bigint) = ("
                + KEY
                + "))")) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  static void forget(Connection c, String workspace, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM portlock.lock_holder WHERE workspace = ? AND id = ?")) {
      p.setString(1, workspace);
      p.setString(2, id);
      p.executeUpdate();
    }
  }

  /** A lock holder, its database session and the workspace it locks. */
  record Holder(LockInfo info, int backendPid, String workspace) {}
}
