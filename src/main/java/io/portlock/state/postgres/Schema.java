package io.portlock.state.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * portlock's tables, created and upgraded by portlock itself: each migration runs once, in order,
 * in one transaction with the version row that records it, under a transaction-level advisory lock
 * so that two runners starting on an empty database do not both create the tables. A database whose
 * schema is newer than this portlock knows is refused, never changed.
 *
 * <p>Everything lives in the schema {@code portlock}:
 *
 * <ul>
 *   <li>{@code schema_version}: one row per migration applied;
 *   <li>{@code workspace}: one row per config: its lineage and serial, the state document (JSONB,
 *       the same document as a state file, with its journal of orders in flight) and the id of the
 *       last commit, by which a runner whose connection dropped during COMMIT learns whether that
 *       commit landed;
 *   <li>{@code lock_holder}: who holds a workspace's advisory lock, so the next runner can say.
 * </ul>
 */
final class Schema {
  /** The schema version this portlock writes; newer ones are refused. */
  static final int VERSION = 1;

  /** Taken for the migration transaction; a constant no workspace key can equal by design. */
  private static final long MIGRATION_LOCK = 0x706f72746c6f636bL; // "portlock"

  private static final List<String> MIGRATIONS =
      List.of(
          String.join(
              "\n",
              "CREATE TABLE portlock.workspace (",
              "  name text PRIMARY KEY,",
              "  lineage text NOT NULL,",
              "  serial bigint NOT NULL CHECK (serial >= 0),",
              "  document jsonb NOT NULL,",
              "  last_commit uuid NOT NULL,",
              "  updated_at timestamptz NOT NULL DEFAULT now());",
              "CREATE TABLE portlock.lock_holder (",
              "  workspace text PRIMARY KEY,",
              "  id text NOT NULL,",
              "  operation text NOT NULL,",
              "  who text NOT NULL,",
              "  host text NOT NULL,",
              "  pid bigint NOT NULL,",
              "  created timestamptz NOT NULL,",
              "  backend_pid integer NOT NULL);"));

  private Schema() {}

  /**
   * Brings the schema to {@link #VERSION}, or refuses a newer one.
   *
   * @return the version found before (0: none)
   */
  static int migrate(Connection c, PostgresUrl where) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int found;
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        s.execute("CREATE SCHEMA IF NOT EXISTS portlock");
        s.execute(
            "CREATE TABLE IF NOT EXISTS portlock.schema_version (version integer PRIMARY"
                + " KEY, applied_at timestamptz NOT NULL DEFAULT now(), by_portlock text NOT NULL)");
        try (ResultSet rs =
            s.executeQuery("SELECT coalesce(max(version), 0) FROM portlock.schema_version")) {
          rs.next();
          found = rs.getInt(1);
        }
      }
      if (found > VERSION) {
        throw new NewerSchemaException(where, found);
      }
      for (int version = found + 1; version <= VERSION; version++) {
        try (Statement s = c.createStatement()) {
          s.execute(MIGRATIONS.get(version - 1));
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO portlock.schema_version (version, by_portlock) VALUES (?, ?)")) {
          p.setInt(1, version);
          p.setString(2, portlockVersion());
          p.executeUpdate();
        }
      }
      c.commit();
      return found;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static String portlockVersion() {
    String version = Schema.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** The database was set up by a newer portlock: upgrade, the data is fine. */
  static final class NewerSchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NewerSchemaException(PostgresUrl where, int found) {
      super(
          "the PostgreSQL state at "
              + where
              + " has schema version "
              + found
              + ", newer than this portlock knows ("
              + VERSION
              + "): it was set up by a newer"
              + " portlock; upgrade portlock to use it (the data is fine and was not changed)");
    }
  }
}
