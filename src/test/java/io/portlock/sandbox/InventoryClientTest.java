package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.AccountNumber;
import io.portlock.bandwidth.BandwidthClient;
import io.portlock.bandwidth.BandwidthException;
import io.portlock.bandwidth.ClientSettings;
import io.portlock.bandwidth.Credentials;
import io.portlock.bandwidth.InventoryRead;
import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** portlock's client reads the sandbox's inventory as it would read Bandwidth's. */
class InventoryClientTest {
  private Sandbox sandbox;
  private BandwidthClient client;

  void start(AccountProfile profile, String... ranges) {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withInventory(
                    NumberSet.parseRanges(List.of(ranges)).union(NumberSet.of(8885550100L)))
                .withProfile(profile));
    client =
        BandwidthClient.create(
            ClientSettings.of(
                sandbox.baseUrl(),
                new AccountId(SandboxOptions.DEFAULT_ACCOUNT),
                new Credentials.Basic(
                    SandboxOptions.DEFAULT_USER, SandboxOptions.DEFAULT_PASSWORD)));
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void sixThousandNumbersAreReadInThreePagesWithTheirTiers() {
    start(
        AccountProfile.plain()
            .withTiers(Map.of(2015551000L, 3))
            .withOtherNumbers(List.of("+442071838750")),
        "2015550000..2015555998");
    List<AccountNumber> numbers = new ArrayList<>();

    InventoryRead read = client.readInventory(numbers::add);

    assertThat(read).isEqualTo(new InventoryRead(InventoryRead.Source.TNS, 6001, 3));
    assertThat(numbers)
        .extracting(AccountNumber::fullNumber)
        .doesNotHaveDuplicates()
        .startsWith("2015550000")
        .endsWith("8885550100", "+442071838750");
    assertThat(numbers)
        .filteredOn(n -> n.tier().equals(OptionalInt.of(3)))
        .extracting(AccountNumber::fullNumber)
        .containsExactly("2015551000");
  }

  @Test
  void withoutTheNumbersRoleTheBareInserviceListIsRead() {
    start(
        AccountProfile.plain().withRoles(EnumSet.of(AccountProfile.Role.IN_SERVICE_NUMBERS)),
        "2015550000..2015551499");
    List<AccountNumber> numbers = new ArrayList<>();

    InventoryRead read = client.readInventory(numbers::add);

    assertThat(read.source()).isEqualTo(InventoryRead.Source.IN_SERVICE_NUMBERS);
    assertThat(numbers).hasSize(1501).allSatisfy(n -> assertThat(n.tier()).isEmpty());
  }

  @Test
  void withNeitherRoleTheErrorNamesTheRoleToGrant() {
    start(
        AccountProfile.plain().withRoles(EnumSet.noneOf(AccountProfile.Role.class)),
        "2015550000..2015550009");

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(n -> {}));

    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.getMessage()).contains("give them the Numbers role (which GET /tns needs)");
  }
}
