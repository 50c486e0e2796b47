package io.portlock.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portlock.state.FileFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A saved plan missing a field is refused by the field's name, never read as "" or 0. */
class PlanCodecStrictReadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "\"s3cr3t-passcode\"";

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "plan_id",
        "created_at",
        "account",
        "config",
        "config_digest",
        "max_numbers",
        "refreshed",
        "notices",
        "left_account",
        "state.serial",
        "kdf.algorithm",
        "kdf.iterations",
        "kdf.salt",
        "kdf.length",
        "summary.add",
        "summary.record",
        "groups.headquarters.fingerprint",
        "groups.support.unchanged",
        "changes[0].action",
        "changes[0].reason",
        "changes[0].count",
        "changes[1].numbers",
        "changes[3].from_group",
        "observations.matches",
        "orders[0].index",
        "orders[0].customer_order_id",
        "orders[0].count",
        "orders[0].groups",
        "orders[0].groups[1].action",
        "orders[0].option_groups",
        "orders[0].groups[1].fingerprint",
        "orders[1].groups[0].count",
        "left_account_count",
        "format_version"
      })
  void aSavedPlanMissingARequiredFieldIsRefusedNamingTheField(String field) throws IOException {
    JsonNode plan =
        JSON.readTree(Files.readString(Path.of("src/test/resources/golden/mixed.plan")));
    remove(plan, field);

    assertThatThrownBy(() -> PlanCodec.read(new ByteArrayInputStream(JSON.writeValueAsBytes(plan))))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("\"" + field + "\"")
        .hasMessageContaining("missing");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "max_numbers",
        "state.serial",
        "kdf.iterations",
        "summary.add",
        "orders[0].index",
        "orders[0].groups[0].count",
        "changes[0].count"
      })
  void aFieldOfTheWrongKindIsRefusedNamingItButNotQuotingIt(String field) throws IOException {
    JsonNode plan =
        JSON.readTree(Files.readString(Path.of("src/test/resources/golden/mixed.plan")));
    ObjectNode parent = (ObjectNode) parent(plan, field);
    parent.set(last(field), JSON.readTree(SECRET));

    assertThatThrownBy(() -> PlanCodec.read(new ByteArrayInputStream(JSON.writeValueAsBytes(plan))))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining(field)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
  }

  @org.junit.jupiter.api.Test
  void aPlanFileOfAnEarlierFormatIsRefusedSayingToPlanAgain() throws IOException {
    ObjectNode plan = golden();
    plan.put("format_version", 3);

    assertThatThrownBy(() -> PlanCodec.read(new ByteArrayInputStream(JSON.writeValueAsBytes(plan))))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(
            "the plan file is of format_version 3, which an older portlock saved and 'plan"
                + " --format json' prints; this portlock reads plan files of format_version 4: run"
                + " 'portlock plan --out FILE' again, review it and apply the new plan")
        .satisfies(e -> assertThat(((FileFormatException) e).isOlder()).isTrue());
  }

  @org.junit.jupiter.api.Test
  void anEmptyPlanOrOneOfOnlyItsVersionNamesTheFirstFieldItLacks() {
    assertThatThrownBy(
            () ->
                PlanCodec.read(
                    new ByteArrayInputStream(
                        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(FileFormatException.class)
        .hasMessage("the required field \"format_version\" is missing");
    assertThatThrownBy(
            () ->
                PlanCodec.read(
                    new ByteArrayInputStream(
                        "{\"format_version\": 4}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(FileFormatException.class)
        .hasMessage("the required field \"plan_id\" is missing");
  }

  @org.junit.jupiter.api.Test
  void anOrderOutlineThatIsNotWhatTheChangesMakeIsRefusedAsEdited() throws IOException {
    ObjectNode plan = golden();
    ObjectNode first = (ObjectNode) plan.path("orders").path(0).path("groups").path(0);
    first.put("count", first.path("count").asLong() + 1);

    assertThatThrownBy(() -> PlanCodec.read(new ByteArrayInputStream(JSON.writeValueAsBytes(plan))))
        .isInstanceOf(PlanMismatchException.class)
        .hasMessage(
            "order 1 sets 1 number of group 'headquarters' that the plan's changes do not set");
  }

  @org.junit.jupiter.api.Test
  void aChangeWhoseCountIsNotItsNumbersIsRefused() throws IOException {
    ObjectNode plan = golden();
    ((ObjectNode) plan.path("changes").path(0)).put("count", 99);

    assertThatThrownBy(() -> PlanCodec.read(new ByteArrayInputStream(JSON.writeValueAsBytes(plan))))
        .isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith("\"changes[0].count\" says 99 but its numbers hold ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2018551020..2018551024", "2018551020,1", "s3cr3t-passcode"})
  void numbersNotInThePackedFormAreRefusedNamingTheFieldButNotQuotingThem(String entry)
      throws IOException {
    ObjectNode plan = golden();
    ((ArrayNode) plan.path("changes").path(0).path("numbers")).removeAll().add(entry);

    assertThatThrownBy(() -> PlanCodec.read(new ByteArrayInputStream(JSON.writeValueAsBytes(plan))))
        .isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(
            "expected \"numbers\" to hold numbers as portlock writes them (ascending runs such as"
                + " \"2018551020+4,6,2\") but its entry 1 ")
        .hasMessageContaining(" at line 1, column ")
        .hasMessageEndingWith(" (not shown, in case the file holds a secret)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(entry));
  }

  private static ObjectNode golden() throws IOException {
    return (ObjectNode)
        JSON.readTree(Files.readString(Path.of("src/test/resources/golden/mixed.plan")));
  }

  private static void remove(JsonNode root, String field) {
    JsonNode parent = parent(root, field);
    assertThat(parent.has(last(field))).as(field).isTrue();
    ((ObjectNode) parent).remove(last(field));
  }

  private static String last(String field) {
    return field.substring(field.lastIndexOf('.') + 1);
  }

  private static JsonNode parent(JsonNode root, String field) {
    JsonNode node = root;
    String[] parts = field.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      int bracket = part.indexOf('[');
      if (bracket < 0) {
        node = node.get(part);
      } else {
        node = node.get(part.substring(0, bracket));
        for (String index : part.substring(bracket + 1, part.length() - 1).split("\\]\\[")) {
          node = ((ArrayNode) node).get(Integer.parseInt(index));
        }
      }
    }
    return node;
  }
}
