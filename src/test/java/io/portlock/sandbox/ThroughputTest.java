package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {
  @Test
  void manyNumbersInSeveralOrdersAllComplete() {
    int orders = 10;
    int perOrder = 5000;
    try (Sandbox sandbox =
        Sandbox.start(SandboxOptions.defaults().withProcessingDelay(Duration.ofMillis(200)))) {
      SandboxHttp http = new SandboxHttp(sandbox);
      List<String> ids = new ArrayList<>();
      for (int o = 0; o < orders; o++) {
        long[] numbers = new long[perOrder];
        for (int i = 0; i < perOrder; i++) {
          numbers[i] = 2012000000L + (long) o * perOrder + i;
        }
        HttpResponse<String> created =
            http.createOrder(SandboxHttp.passcodeOrder("bulk-" + o, "bulk" + o, numbers));
        assertThat(created.statusCode()).isEqualTo(201);
        ids.add(Xml.text(created.body(), "OrderId"));
      }
      for (String id : ids) {
        assertThat(Xml.text(http.awaitEnd(id, Duration.ofMinutes(2)), "ProcessingStatus"))
            .isEqualTo("COMPLETE");
      }

      assertThat(sandbox.passcodes()).hasSize(orders * perOrder);
    }
  }
}
