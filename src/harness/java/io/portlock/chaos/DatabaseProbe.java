package io.portlock.chaos;

import io.portlock.state.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The chaos run's own line to the PostgreSQL state: it reads the workspace's serial (so that a kill
 * can follow a state write) and cuts portlock's connections. It reconnects after a restart, and it
 * never throws: a database that is down reads as "down".
 */
final class DatabaseProbe implements AutoCloseable {
  private final PostgresUrl url;
  private final String workspace;
  private Connection connection;

  DatabaseProbe(String location, String pgpassword, String workspace) {
    this.url = PostgresUrl.parse(location, null).withPasswordIfNone(pgpassword);
    this.workspace = workspace;
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      Properties p = url.connectionProperties();
      p.setProperty("ApplicationName", "portlock-chaos");
      connection = DriverManager.getConnection(url.jdbcUrl(), p);
    }
    return connection;
  }

  /**
   * The stored serial, "none" before the first write, "down" while the database is away. A
   * connection that a restart broke is opened again first, so that a serial is not mistaken for a
   * change from "down".
   */
  synchronized Object serial() {
    Object serial = trySerial();
    return "down".equals(serial) ? trySerial() : serial;
  }

  private Object trySerial() {
    try (PreparedStatement p =
        connection().prepareStatement("SELECT serial FROM portlock.workspace WHERE name = ?")) {
      p.setString(1, workspace);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? (Object) rs.getLong(1) : "none";
      }
    } catch (SQLException e) {
      drop();
      return "down";
    }
  }

  /** Ends every portlock session on the database, as a network failure would; how many. */
  synchronized int cutConnections() {
    try (PreparedStatement p =
        connection()
            .prepareStatement(
                "SELECT count(pg_terminate_backend("
                    + "pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <>"
                    + " pg_backend_pid() AND application_name = 'portlock'")) {
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      drop();
      return 0;
    }
  }

  private void drop() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // gone already
    }
    connection = null;
  }

  @Override
  public synchronized void close() {
    drop();
  }
}
