package io.portlock.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  private static final String SECRET = "s3cr%40t-Pw";

  @Test
  void theLibpqFormIsReadWithItsPartsAndDefaults() {
    PostgresUrl url =
        PostgresUrl.parse(
            "postgresql://ci:" + SECRET + "@db.example.com:6543/portlock?sslmode=verify-full",
            null);

    assertThat(url.user()).isEqualTo("ci");
    assertThat(url.host()).isEqualTo("db.example.com");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("portlock");
    assertThat(url.parameter("sslmode")).contains("verify-full");
    assertThat(url.connectionProperties().getProperty("password")).isEqualTo("s3cr@t-Pw");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/portlock");

    PostgresUrl bare = PostgresUrl.parse("postgres://ci@localhost", null);
    assertThat(bare.port()).isEqualTo(5432);
    assertThat(bare.database()).as("libpq's default database is the user's").isEqualTo("ci");
    assertThat(bare.connectionProperties().getProperty("sslmode")).isEqualTo("prefer");
  }

  @Test
  void messagesShowTheUrlWithThePasswordMasked() {
    PostgresUrl url =
        PostgresUrl.parse("postgresql://ci:" + SECRET + "@db:5432/portlock?sslmode=require", null);

    assertThat(url).hasToString("postgresql://ci:***@db:5432/portlock?sslmode=require");
    assertThat(PostgresUrl.parse("postgresql://ci@db/portlock", null))
        .hasToString("postgresql://ci@db:5432/portlock");
  }

  @Test
  void pgpasswordServesWhenTheUrlHasNoPasswordAndIsMaskedToo() {
    PostgresUrl url = PostgresUrl.parse("postgresql://ci@db/portlock", "from-env-Pw");

    assertThat(url.connectionProperties().getProperty("password")).isEqualTo("from-env-Pw");
    assertThat(url).hasToString("postgresql://ci:***@db:5432/portlock");
    assertThat(
            PostgresUrl.parse("postgresql://ci:inurl@db/p", "from-env-Pw")
                .connectionProperties()
                .getProperty("password"))
        .isEqualTo("inurl");
  }

  @Test
  void aBrokenUrlIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://ci:" + SECRET + "@:x/db", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected a PostgreSQL URL of the form"
                + " postgresql://user[:password]@host[:port]/database[?sslmode=...] but its host or"
                + " port cannot be read (the URL is not shown, in case it holds a password)")
        .message()
        .doesNotContain("s3cr");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://:" + SECRET + "@db/p", null))
        .hasMessageStartingWith("the PostgreSQL URL names no user")
        .message()
        .doesNotContain("s3cr");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://ci@db/p?sslmode=sometimes", null))
        .hasMessage(
            "sslmode must be one of disable, allow, prefer, require, verify-ca,"
                + " verify-full but was 'sometimes'");
    assertThatThrownBy(
            () -> PostgresUrl.parse("postgresql://ci@db/p?target_session_attrs=any", null))
        .hasMessageStartingWith("the PostgreSQL URL's parameter 'target_session_attrs'");
  }
}
