package io.portlock.state.postgres;

import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import io.portlock.state.StateStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/** The PostgreSQL store passes the store contract, on a real server. */
class PostgresStateStoreContractTest extends StateStoreContract {
  static final String WORKSPACE = "9900000/portlock";

  private final TestPostgres server = TestPostgres.shared();
  private final PostgresUrl url = PostgresUrl.parse(server.newDatabase(), null);

  @Override
  protected StateStore store() {
    // Retries and lock polls move on at once: no test waits for real time.
    return new PostgresStateStore(
        new Connector(url, d -> Thread.onSpinWait(), 8), WORKSPACE, Clock.systemUTC());
  }

  /** The holder's connection is cut, as a network failure would: its lock goes with it. */
  @Override
  protected void breakLock(StateStore store, StateSession holder) {
    server.terminateConnections(url.database());
    awaitNoOtherSessions();
  }

  @Override
  protected void crash(StateSession session) {
    PostgresStateStore.crash(session);
    awaitNoOtherSessions();
  }

  /** The server ends a closed session a moment after the client goes; wait for that. */
  private void awaitNoOtherSessions() {
    for (int i = 0; i < 500 && otherSessions() > 0; i++) {
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int otherSessions() {
    try (Connection c = server.connect(url.database());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected String everythingStored() {
    StringBuilder all = new StringBuilder();
    try (Connection c = server.connect(url.database());
        Statement s = c.createStatement()) {
      for (String table : new String[] {"workspace", "lock_holder", "schema_version"}) {
        try (ResultSet rs = s.executeQuery("SELECT t::text FROM portlock." + table + " t")) {
          while (rs.next()) {
            all.append(rs.getString(1)).append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return all.toString();
  }
}
