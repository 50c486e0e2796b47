package io.portlock.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.state.FileStateStore;
import io.portlock.state.JournalEntry;
import io.portlock.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files portlock writes match the schemas the README points to. */
class StateAndPlanSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder.schemaMappers(
                  mappers ->
                      mappers.mapPrefix(
                          "https://portlock.io/schema/", Path.of("schema").toUri().toString())));

  @TempDir Path dir;

  private static JsonSchema schema(String name) {
    return FACTORY.getSchema(SchemaLocation.of("https://portlock.io/schema/" + name));
  }

  @Test
  void aWrittenStateWithEntriesAndJournalMatchesTheStateSchema() throws IOException {
    Fingerprint fp = PlanFixtures.fp("A");
    State state =
        PlanFixtures.state("hq", "A", 2018551020L, 2018551021L)
            .withJournalEntry(
                new JournalEntry(
                    "portlock-ab12-1",
                    "ab12",
                    Instant.now(),
                    null,
                    List.of(
                        new JournalEntry.Group("hq", fp, NumberSet.of(2018551030L)),
                        JournalEntry.Group.clear(NumberSet.of(2018551040L)))));
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    try (io.portlock.state.StateSession session = store.open("test", java.time.Duration.ZERO)) {
      session.commit(new io.portlock.state.StateChange.Replaced(state));
      session.commit(
          new io.portlock.state.StateChange.FingerprintsSealed(
              new io.portlock.domain.FingerprintSeal(java.util.Map.of("hq", fp), "ab".repeat(32))));
    }

    JsonNode written = JSON.readTree(Files.readString(store.file()));
    assertThat(written.has("fingerprint_seal")).isTrue();
    assertThat(schema("state.schema.json").validate(written)).isEmpty();
  }

  @Test
  void everyGoldenJsonPlanMatchesThePlanSchema() throws IOException {
    for (String name : List.of("mixed", "no-changes", "drift", "state-only")) {
      JsonNode plan =
          JSON.readTree(Files.readString(Path.of("src/test/resources/golden/" + name + ".json")));
      assertThat(schema("plan.schema.json").validate(plan)).as(name).isEmpty();
    }
  }

  @Test
  void everyGoldenPlanFileMatchesThePlanFileSchemaAndNotTheRenderingOne() throws IOException {
    for (String name : List.of("mixed", "no-changes", "drift", "state-only")) {
      JsonNode file =
          JSON.readTree(Files.readString(Path.of("src/test/resources/golden/" + name + ".plan")));
      JsonNode rendering =
          JSON.readTree(Files.readString(Path.of("src/test/resources/golden/" + name + ".json")));
      assertThat(schema("plan-file.schema.json").validate(file)).as(name).isEmpty();
      assertThat(schema("plan-file.schema.json").validate(rendering)).as(name).isNotEmpty();
    }
  }

  @Test
  void theSchemaRejectsAStateWithAPasscodeInsteadOfAFingerprint() throws IOException {
    JsonNode bad =
        JSON.readTree(
            """
        {"format_version": 1, "lineage": "x", "serial": 1, "account": "9900000",
         "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 100000,
                 "salt": "cG9ydGxvY2stdGVzdC1zYWx0", "length": 32},
         "entries": [{"group": "hq", "fingerprint": "a1b2c3", "numbers": ["2018551020"]}],
         "journal": []}
        """);
    assertThat(schema("state.schema.json").validate(bad)).isNotEmpty();
  }
}
