package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker who can edit the plan artifact between review and apply: every edit below once went
 * through with exit 0. Each must now be refused before a single order is sent. A plan file's orders
 * carry no numbers (apply derives them from the changes), so an edit either changes the orders'
 * outline, which no longer matches, or the changes, which planning again does not make.
 */
class SavedPlanTamperingTest {
  private static final String HQ = "Hq7seCret";
  private static final String SUPPORT = "Sup9port";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private CliHarness start(String safety) {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("SUPPORT_PASSCODE", SUPPORT);
    config("\"2018551020..2018551029\"", safety);
    return env.cli;
  }

  private void config(String hqNumbers, String safety) {
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        %s
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: [%s]
          support:
            passcode: {env: SUPPORT_PASSCODE}
            numbers: ["2125550100..2125550104"]
        """
            .formatted(safety, hqNumbers));
  }

  /** Applies the config, then saves a reviewed plan that adds one number to hq. */
  private CliHarness appliedWithOneAddPlanned() {
    CliHarness cli = start("");
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    config("\"2018551020..2018551030\"", "");
    CliHarness.Result plan = cli.run("plan", "--out", "p.plan");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("Plan: 1 to add, 0 to change, 0 to remove");
    return cli;
  }

  private ObjectNode readPlan() throws IOException {
    return (ObjectNode) JSON.readTree(dir.resolve("p.plan").toFile());
  }

  private void writePlan(JsonNode plan) throws IOException {
    Files.writeString(
        dir.resolve("p.plan"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
  }

  /** An order group as an attacker writes it, numbers included (a plan file's orders have none). */
  private static ObjectNode group(String group, String fingerprint, int count, String... ranges) {
    ObjectNode g = JSON.createObjectNode();
    if (group == null) {
      g.putNull("group");
      g.put("action", "clear");
      g.putNull("fingerprint");
    } else {
      g.put("group", group);
      g.put("action", "set");
      g.put("fingerprint", fingerprint);
    }
    g.put("count", count);
    ArrayNode numbers = g.putArray("numbers");
    for (String range : ranges) {
      numbers.add(range);
    }
    return g;
  }

  private static ArrayNode orderGroups(ObjectNode plan) {
    return (ArrayNode) plan.path("orders").path(0).path("groups");
  }

  private State state() {
    return new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
  }

  private void assertRefusedAndNothingSent(CliHarness.Result apply, int ordersBefore) {
    assertThat(apply.exitCode()).as(apply.all()).isNotZero();
    assertThat(apply.err()).contains("nothing was sent");
    assertThat(env.sandbox.receivedOrders()).as("no order reached Bandwidth").hasSize(ordersBefore);
    assertThat(apply.all()).doesNotContain(HQ).doesNotContain(SUPPORT);
  }

  @Test
  void anOrderEditedToClearFiveNumbersIsRefusedAndShowSaysTheFileWasEdited() throws Exception {
    CliHarness cli = appliedWithOneAddPlanned();
    ObjectNode plan = readPlan();
    orderGroups(plan).add(group(null, null, 5, "2018551020+4"));
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertRefusedAndNothingSent(apply, 1);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan file p.plan was edited or damaged: order 1"
                + " clears 5 numbers that the plan's changes do not remove;");
    assertThat(env.sandbox.passcodes())
        .containsEntry(2018551020L, HQ)
        .containsEntry(2018551024L, HQ);
    CliHarness.Result show = cli.run("show", "p.plan");
    assertThat(show.exitCode()).isNotZero();
    assertThat(show.out()).doesNotContain("1 to add, 0 to change, 0 to remove");
    assertThat(show.err())
        .startsWith(
            "Error: the plan file p.plan was edited or damaged: order 1" + " clears 5 numbers");
  }

  @Test
  void removalsWrittenConsistentlyIntoChangesSummaryAndOrdersAreStillRefused() throws Exception {
    CliHarness cli = appliedWithOneAddPlanned();
    ObjectNode plan = readPlan();
    ObjectNode remove = ((ArrayNode) plan.path("changes")).addObject();
    remove.put("action", "remove");
    remove.putNull("group");
    remove.put("from_group", "hq");
    remove.put("count", 5);
    remove.putArray("numbers").add("2018551020+4");
    ((ObjectNode) plan.path("summary")).put("remove", 5);
    orderGroups(plan).add(group(null, null, 5));
    ObjectNode order = (ObjectNode) plan.path("orders").path(0);
    order.put("count", 6);
    order.put("option_groups", 2);
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan", "--allow-removals", "--force");

    assertRefusedAndNothingSent(apply, 1);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan file p.plan does not match what its"
                + " config, state and recorded read-back produce: it removes 5 numbers"
                + " (2018551020..2018551024) that the config still holds;");
    assertThat(env.sandbox.passcodes()).containsEntry(2018551020L, HQ);
  }

  @Test
  void numbersInNoConfigWrittenConsistentlyIntoChangesSummaryAndOrdersAreRefused()
      throws Exception {
    CliHarness cli = appliedWithOneAddPlanned();
    ObjectNode plan = readPlan();
    ObjectNode add = ((ArrayNode) plan.path("changes")).addObject();
    add.put("action", "add");
    add.put("group", "hq");
    add.put("count", 5);
    add.putArray("numbers").add("3105550100+4");
    ((ObjectNode) plan.path("summary")).put("add", 6);
    ObjectNode order = (ObjectNode) plan.path("orders").path(0);
    order.put("count", 6);
    ((ObjectNode) orderGroups(plan).get(0)).put("count", 6);
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertRefusedAndNothingSent(apply, 1);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan file p.plan does not match what its config, state and recorded"
                + " read-back produce: it sets 5 numbers (3105550100..3105550104) of group 'hq'"
                + " that its config, state and read-back do not change;");
    assertThat(env.sandbox.passcodes()).doesNotContainKey(3105550100L);
  }

  @Test
  void anOrderOutlineGivenNumbersOfItsOwnIsRefused() throws Exception {
    CliHarness cli = appliedWithOneAddPlanned();
    ObjectNode plan = readPlan();
    String hq = plan.path("groups").path("hq").path("fingerprint").asText();
    orderGroups(plan).add(group("hq", hq, 5, "3105550100+4"));
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertRefusedAndNothingSent(apply, 1);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan file p.plan was edited or damaged: order 1"
                + " sets 5 numbers of group 'hq' that the plan's changes do not set;");
    assertThat(env.sandbox.passcodes()).doesNotContainKey(3105550100L);
  }

  @Test
  void swappedFingerprintsThatGiveOneGroupAnothersPasscodeAreRefused() throws Exception {
    CliHarness cli = start("");
    assertThat(cli.run("plan", "--out", "p.plan").exitCode()).isZero();
    ObjectNode plan = readPlan();
    ArrayNode groups = orderGroups(plan);
    String first = groups.path(0).path("fingerprint").asText();
    String second = groups.path(1).path("fingerprint").asText();
    ((ObjectNode) groups.get(0)).put("fingerprint", second);
    ((ObjectNode) groups.get(1)).put("fingerprint", first);
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertRefusedAndNothingSent(apply, 0);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan file p.plan was edited or damaged: order 1"
                + " sets group 'hq' to a fingerprint that is not the group's");
    assertThat(env.sandbox.passcodes()).isEmpty();
  }

  @Test
  void aNumberAddedToLeftAccountDoesNotMakeTheStateForgetIt() throws Exception {
    CliHarness cli = appliedWithOneAddPlanned();
    ObjectNode plan = readPlan();
    plan.putArray("left_account").add("2018551021");
    plan.put("left_account_count", 1);
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertRefusedAndNothingSent(apply, 1);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan file p.plan was edited or damaged: it drops"
                + " 1 number (2018551021) as having left the account, but its read-back did not see it"
                + " leave;");
    assertThat(state().entryOf(2018551021L)).isNotNull();
  }

  @Test
  void aForgedReadBackSayingANumberLeftTheAccountIsCheckedWithBandwidth() throws Exception {
    CliHarness cli = appliedWithOneAddPlanned();
    ObjectNode plan = readPlan();
    plan.putArray("left_account").add("2018551021");
    plan.put("left_account_count", 1);
    ((ObjectNode) plan.path("observations")).putArray("left_account").add("2018551021");
    ObjectNode hq = (ObjectNode) plan.path("groups").path("hq");
    hq.put("unchanged", hq.path("unchanged").asLong() - 1);
    ObjectNode summary = (ObjectNode) plan.path("summary");
    summary.put("drift", 1);
    summary.put("unchanged", summary.path("unchanged").asLong() - 1);
    writePlan(plan);

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertRefusedAndNothingSent(apply, 1);
    assertThat(apply.err())
        .startsWith(
            "Error: the plan says 1 number (2018551021) left the"
                + " account, but Bandwidth still has it;");
    assertThat(state().entryOf(2018551021L)).isNotNull();
  }

  @Test
  void raisingTheSafetyLimitAfterThePlanMakesItStale() {
    CliHarness cli = start("safety:\n  max_change_percent: 30");
    assertThat(cli.run("plan", "--out", "p.plan").exitCode()).isZero();
    config("\"2018551020..2018551029\"", "safety:\n  max_change_percent: 100");

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err())
        .startsWith("Error: the plan is stale: the config changed since it was" + " made");
    assertThat(env.sandbox.receivedOrders()).isEmpty();
  }

  @Test
  void anUntouchedSavedPlanStillApplies() {
    CliHarness cli = appliedWithOneAddPlanned();

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.passcodes()).containsEntry(2018551030L, HQ);
    assertThat(cli.run("show", "p.plan").exitCode()).isZero();
  }
}
