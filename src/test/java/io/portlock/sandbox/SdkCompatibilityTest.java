package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.bandwidth.iris.sdk.IrisClient;
import com.bandwidth.iris.sdk.IrisClientException;
import com.bandwidth.iris.sdk.model.TnOptionGroup;
import com.bandwidth.iris.sdk.model.TnOptionOrder;
import com.bandwidth.iris.sdk.model.TnOptionOrderResponse;
import com.bandwidth.iris.sdk.model.TnOptionOrderSummary;
import com.bandwidth.iris.sdk.model.TnOptionOrders;
import com.bandwidth.iris.sdk.model.TnOptions;
import io.portlock.domain.NumberSet;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Bandwidth's own SDKs must work against the sandbox unchanged": Bandwidth's official Java Numbers
 * SDK ({@code com.bandwidth.sdk:bandwidth-java-iris-sdk}, from Maven Central, not patched or
 * wrapped) creates, reads and lists port-out passcode orders against the sandbox exactly as it
 * would against {@code dashboard.bandwidth.com}. Only the base URL and credentials differ.
 */
class SdkCompatibilityTest {
  private static final Duration WAIT = Duration.ofMinutes(2); // only catches a hang
  private static final Set<String> TERMINAL = Set.of("COMPLETE", "PARTIAL", "FAILED");
  private static final long A = 2018551020L;
  private static final long B = 2018551021L;
  private static final long TOLL_FREE = 8005551000L;

  private Sandbox sandbox;
  private IrisClient client;

  @BeforeEach
  void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withProcessingDelay(Duration.ofMillis(100))
                .withInventory(NumberSet.of(A, B, TOLL_FREE)));
    // IrisClient(uri, account, user, password, version). The SDK keeps only the scheme and host
    // of uri and sends to /<version>/accounts/<id>/…, so the sandbox's /api prefix cannot be given.
    URI base = sandbox.baseUrl();
    client =
        new IrisClient(
            base.getScheme() + "://" + base.getAuthority(),
            SandboxOptions.DEFAULT_ACCOUNT,
            SandboxOptions.DEFAULT_USER,
            SandboxOptions.DEFAULT_PASSWORD,
            "v1.0");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void sdkSetsPasscodeOnTwoNumbersReadsOrderBackCompleteAndFindsItInTheList() throws Exception {
    TnOptionOrderResponse created =
        TnOptions.create(client, passcodeOrder("sdk-order-1", "a1b2c3", A, B));

    TnOptionOrder received = created.getTnOptionOrder();
    assertThat(received.getOrderId()).isNotBlank();
    assertThat(received.getCustomerOrderId()).isEqualTo("sdk-order-1");
    assertThat(received.getAccountId()).isEqualTo(SandboxOptions.DEFAULT_ACCOUNT);
    assertThat(received.getCreatedByUser()).isEqualTo(SandboxOptions.DEFAULT_USER);
    assertThat(received.getProcessingStatus()).isIn("RECEIVED", "PROCESSING");

    TnOptionOrder done = awaitEnd(received.getOrderId());

    assertThat(done.getProcessingStatus()).isEqualTo("COMPLETE");
    assertThat(done.getOrderId()).isEqualTo(received.getOrderId());
    assertThat(done.getCustomerOrderId()).isEqualTo("sdk-order-1");
    assertThat(done.getErrors()).isNullOrEmpty();
    assertThat(done.getTnOptionGroups())
        .singleElement()
        .extracting(TnOptionGroup::getTelephoneNumbers)
        .isEqualTo(List.of(String.valueOf(A), String.valueOf(B)));
    assertThat(sandbox.passcodes()).containsEntry(A, "a1b2c3").containsEntry(B, "a1b2c3");

    TnOptionOrders byCustomerOrderId =
        TnOptions.list(client, query("customerOrderId", "sdk-order-1"));

    assertThat(byCustomerOrderId.getTotalCount()).isEqualTo(1);
    assertThat(byCustomerOrderId.getTnOptionOrderSummarys())
        .singleElement()
        .satisfies(
            summary -> {
              assertThat(summary.getOrderId()).isEqualTo(received.getOrderId());
              assertThat(summary.getOrderStatus()).isEqualTo("COMPLETE");
              assertThat(summary.getCountOfTNs()).isEqualTo(2);
              assertThat(summary.getAccountId()).isEqualTo(SandboxOptions.DEFAULT_ACCOUNT);
              assertThat(summary.getUserId()).isEqualTo(SandboxOptions.DEFAULT_USER);
              assertThat(summary.getOrderType()).isEqualTo("tn_option");
            });
  }

  @Test
  void sdkListsOrdersByStatusAsSummariesOrWithOrderDetails() throws Exception {
    String first =
        TnOptions.create(client, passcodeOrder("sdk-list-1", "pass01", A))
            .getTnOptionOrder()
            .getOrderId();
    String second =
        TnOptions.create(client, passcodeOrder("sdk-list-2", "pass02", B))
            .getTnOptionOrder()
            .getOrderId();
    awaitEnd(first);
    awaitEnd(second);

    TnOptionOrders summaries = TnOptions.list(client, query("status", "COMPLETE"));
    Map<String, Object> detailedQuery = query("status", "COMPLETE");
    detailedQuery.put("orderDetails", "true");
    TnOptionOrders detailed = TnOptions.list(client, detailedQuery);
    TnOptionOrders failed = TnOptions.list(client, query("status", "FAILED"));

    assertThat(summaries.getTotalCount()).isEqualTo(2);
    assertThat(summaries.getTnOptionOrderSummarys())
        .extracting(TnOptionOrderSummary::getOrderId)
        .containsExactly(first, second);
    assertThat(detailed.getTotalCount()).isEqualTo(2);
    assertThat(detailed.getTnOptionOrders())
        .extracting(TnOptionOrder::getOrderId, TnOptionOrder::getCustomerOrderId)
        .containsExactly(tuple(first, "sdk-list-1"), tuple(second, "sdk-list-2"));
    assertThat(failed.getTotalCount()).isZero();
    assertThat(failed.getTnOptionOrderSummarys()).isNullOrEmpty();
  }

  @Test
  void sdkSeesTollFreeNumberAsError5126InPartialOrdersErrorList() throws Exception {
    String orderId =
        TnOptions.create(client, passcodeOrder("sdk-partial", "x9y8z7", A, TOLL_FREE))
            .getTnOptionOrder()
            .getOrderId();

    TnOptionOrder done = awaitEnd(orderId);

    assertThat(done.getProcessingStatus()).isEqualTo("PARTIAL");
    assertThat(done.getErrors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.getCode()).isEqualTo("5126");
              assertThat(error.getTelephoneNumber()).isEqualTo(String.valueOf(TOLL_FREE));
              assertThat(error.getDescription()).containsIgnoringCase("toll-free");
            });
    assertThat(sandbox.passcodes()).containsEntry(A, "x9y8z7").doesNotContainKey(TOLL_FREE);
  }

  @Test
  void sdkGetsSynchronousRefusalAsIrisClientExceptionWithTheAnswer() throws Exception {
    TnOptionOrder invalid = passcodeOrder("not_valid!", "a1b2c3", A);

    IrisClientException refused =
        catchThrowableOfType(IrisClientException.class, () -> TnOptions.create(client, invalid));

    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getDescription()).contains("<ErrorCode>5052</ErrorCode>");
    assertThat(sandbox.receivedOrders()).isEmpty();
    assertThat(sandbox.passcodes()).isEmpty();
  }

  private static TnOptionOrder passcodeOrder(String customerOrderId, String passcode, long... tns) {
    TnOptionGroup group = new TnOptionGroup();
    group.setPortOutPasscode(passcode);
    group.setTelephoneNumbers(Arrays.stream(tns).mapToObj(String::valueOf).toList());
    TnOptionOrder order = new TnOptionOrder();
    order.setCustomerOrderId(customerOrderId);
    order.setTnOptionGroups(List.of(group));
    return order;
  }

  private static Map<String, Object> query(String name, Object value) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put(name, value);
    return query;
  }

  /** Polls with the SDK's own get, as Bandwidth advises, until the order ends. */
  private TnOptionOrder awaitEnd(String orderId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      TnOptionOrder order = TnOptions.get(client, orderId);
      if (TERMINAL.contains(order.getProcessingStatus())) {
        return order;
      }
      assertThat(System.nanoTime())
          .as("order %s still %s after %s", orderId, order.getProcessingStatus(), WAIT)
          .isLessThan(deadline);
      Thread.sleep(25);
    }
  }
}
