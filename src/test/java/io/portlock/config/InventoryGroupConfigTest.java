package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inventory: true} groups and {@code safety.unmanaged} in the config. */
class InventoryGroupConfigTest {
  @TempDir Path dir;

  private Fixture fixture() {
    return new Fixture(dir).env(Map.of("HQ", "hq2024ab", "ALL", "all2024xy"));
  }

  @Test
  void inventoryGroupNeedsAPasscodeButNoNumbers() {
    Config config =
        fixture()
            .load(
                """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ}
            numbers: ["2018551020"]
          everything-else:
            inventory: true
            passcode: {env: ALL}
        """);

    assertThat(config.groups())
        .extracting(GroupConfig::name, GroupConfig::inventory)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("hq", false),
            org.assertj.core.groups.Tuple.tuple("everything-else", true));
    assertThat(config.groups().get(1).numbers().isEmpty()).isTrue();
    assertThat(config.inventoryGroup()).map(GroupConfig::name).hasValue("everything-else");
    assertThat(config.safety().unmanaged()).isEqualTo(SafetySettings.Unmanaged.WARN);
  }

  @Test
  void inventoryGroupWithNumbersIsRefused() {
    assertThat(
            fixture()
                .diagnostics(
                    """
        version: 1
        account: "9900000"
        groups:
          all:
            inventory: true
            passcode: {env: ALL}
            numbers: ["2018551020"]
        """))
        .containsExactly(
            "portlock.yaml:7:5: error: group 'all' has inventory: true and"
                + " takes its numbers from the account; remove numbers: (or inventory: true)");
  }

  @Test
  void secondInventoryGroupIsRefused() {
    assertThat(
            fixture()
                .diagnostics(
                    """
        version: 1
        account: "9900000"
        groups:
          all:
            inventory: true
            passcode: {env: ALL}
          rest:
            inventory: true
            passcode: {env: HQ}
        """))
        .containsExactly(
            "portlock.yaml:7:3: error: group 'rest' is a second group with"
                + " inventory: true (the first is 'all'); only one group can take the account's"
                + " remaining numbers");
  }

  @Test
  void inventoryMustBeTrueOrFalse() {
    assertThat(
            fixture()
                .diagnostics(
                    """
        version: 1
        account: "9900000"
        groups:
          all:
            inventory: "yes"
            passcode: {env: ALL}
        """))
        .containsExactly(
            "portlock.yaml:5:16: error: inventory of group 'all' must be true"
                + " or false; found the string \"yes\"");
  }

  @Test
  void unmanagedTakesWarnFailOrIgnore() {
    String yaml =
        """
        version: 1
        account: "9900000"
        safety: {unmanaged: %s}
        groups:
          hq:
            passcode: {env: HQ}
            numbers: ["2018551020"]
        """;
    assertThat(fixture().load(yaml.formatted("fail")).safety().unmanaged())
        .isEqualTo(SafetySettings.Unmanaged.FAIL);
    assertThat(fixture().load(yaml.formatted("ignore")).safety().unmanaged())
        .isEqualTo(SafetySettings.Unmanaged.IGNORE);
    assertThat(fixture().diagnostics(yaml.formatted("loud")))
        .containsExactly(
            "portlock.yaml:3:21: error: safety.unmanaged must be warn, fail or ignore; found the string"
                + " \"loud\"");
  }

  @Test
  void ineligibleTakesWarnOrFailAndDefaultsToWarn() {
    String yaml =
        """
        version: 1
        account: "9900000"
        safety: {ineligible: %s}
        groups:
          hq:
            passcode: {env: HQ}
            numbers: ["2018551020"]
        """;
    assertThat(fixture().load(yaml.formatted("warn")).safety().ineligible())
        .isEqualTo(SafetySettings.Ineligible.WARN);
    assertThat(fixture().load(yaml.formatted("fail")).safety().ineligible())
        .isEqualTo(SafetySettings.Ineligible.FAIL);
    assertThat(SafetySettings.defaults().ineligible()).isEqualTo(SafetySettings.Ineligible.WARN);
    assertThat(fixture().diagnostics(yaml.formatted("ignore")))
        .containsExactly(
            "portlock.yaml:3:22: error: safety.ineligible must be warn or fail; found the string"
                + " \"ignore\"");
  }
}
