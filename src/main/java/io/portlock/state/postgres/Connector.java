package io.portlock.state.postgres;

import io.portlock.domain.Sleeper;
import io.portlock.state.StateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens connections to the database, retrying the failures that pass (a restarting server, a
 * dropped network) with exponential backoff and jitter, and giving up on the ones that do not (a
 * wrong password, a missing database) at once.
 */
final class Connector {
  private final PostgresUrl url;
  private final Sleeper sleeper;
  private final int attempts;

  Connector(PostgresUrl url, Sleeper sleeper, int attempts) {
    this.url = url;
    this.sleeper = sleeper;
    this.attempts = attempts;
  }

  PostgresUrl url() {
    return url;
  }

  /** A connection in auto-commit mode whose dead peer the server notices within a minute. */
  Connection open() {
    SQLException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        Connection c = DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties());
        try (Statement s = c.createStatement()) {
          // A runner that vanishes (its VM gone, no FIN) loses its advisory lock within about a
          // minute instead of the kernel's two hours.
          s.execute(
              "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10;"
                  + " SET tcp_keepalives_count = 3");
        }
        return c;
      } catch (SQLException e) {
        last = e;
        if (!isTransient(e) || attempt == attempts) {
          break;
        }
        pause(attempt);
      }
    }
    throw new StateException(
        url.toString(),
        "cannot connect: "
            + describe(last)
            + (isTransient(last)
                ? " (tried "
                    + attempts
                    + " times); check that the server runs"
                    + " and is reachable"
                : advice(last)),
        last);
  }

  /** Waits before retry {@code attempt}: 100 ms doubling to 5 s, with full jitter. */
  void pause(int attempt) {
    long cap = Math.min(5000, 100L << Math.min(attempt - 1, 10));
    try {
      sleeper.sleep(Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException(url.toString(), "interrupted while waiting to reconnect", e);
    }
  }

  int attempts() {
    return attempts;
  }

  /**
   * Whether {@code e} is a lost or refused connection, which a retry may cure: SQLSTATE class 08
   * (connection exception), 57P01-57P03 (the server shutting down or starting), 40001/40P01
   * (serialization failure, deadlock).
   */
  static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            || state.equals("40001")
            || state.equals("40P01")) {
          return true;
        }
      }
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /** The driver's message, which names the server and the user but never the password. */
  static String describe(SQLException e) {
    if (e == null) {
      return "no attempt was made";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  static String advice(SQLException e) {
    String state = e == null || e.getSQLState() == null ? "" : e.getSQLState();
    return switch (state) {
      case "28P01", "28000" ->
          "; check the user and the password (from the URL, PGPASSWORD or"
              + " the config's state.password)";
      case "3D000" ->
          "; create the database first (portlock creates its tables, not the" + " database)";
      case "42501" ->
          "; the database user needs the privilege to create the schema portlock"
              + " on first use (GRANT CREATE ON DATABASE ... TO ...), and to read and write its"
              + " tables after that";
      default -> "";
    };
  }
}
