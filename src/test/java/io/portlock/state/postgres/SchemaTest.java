package io.portlock.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SchemaTest {
  private final TestPostgres server = TestPostgres.shared();
  private final PostgresUrl url = PostgresUrl.parse(server.newDatabase(), null);

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties());
  }

  @Test
  void firstUseCreatesTheTablesAndRecordsTheVersionAndTheSecondChangesNothing()
      throws SQLException {
    try (Connection c = connect()) {
      assertThat(Schema.migrate(c, url)).isZero();
      assertThat(Schema.migrate(c, url)).isEqualTo(Schema.VERSION);
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT version FROM" + " portlock.schema_version ORDER BY version")) {
        List<Integer> versions = new ArrayList<>();
        while (rs.next()) {
          versions.add(rs.getInt(1));
        }
        assertThat(versions).containsExactly(1);
      }
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT string_agg(table_name, ','"
                      + " ORDER BY table_name) FROM information_schema.tables WHERE table_schema ="
                      + " 'portlock'")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("lock_holder,schema_version,workspace");
      }
    }
  }

  @Test
  void twoRunnersMigratingAnEmptyDatabaseAtOnceBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> migrate =
          () -> {
            try (Connection c = connect()) {
              return Schema.migrate(c, url);
            }
          };
      Future<Integer> a = pool.submit(migrate);
      Future<Integer> b = pool.submit(migrate);
      assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(0, Schema.VERSION);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSchemaWrittenByANewerPortlockIsRefusedAndLeftAlone() throws SQLException {
    try (Connection c = connect()) {
      Schema.migrate(c, url);
      c.createStatement()
          .execute(
              "INSERT INTO portlock.schema_version (version, by_portlock)"
                  + " VALUES (7, '9.0.0')");

      assertThatThrownBy(() -> Schema.migrate(c, url))
          .isInstanceOf(Schema.NewerSchemaException.class)
          .hasMessage(
              "the PostgreSQL state at "
                  + url
                  + " has schema version 7, newer than"
                  + " this portlock knows (1): it was set up by a newer portlock; upgrade portlock"
                  + " to use it (the data is fine and was not changed)");
      try (ResultSet rs =
          c.createStatement().executeQuery("SELECT count(*) FROM portlock.schema_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }
}
