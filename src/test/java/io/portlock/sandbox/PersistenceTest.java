package io.portlock.sandbox;

import static io.portlock.sandbox.SandboxHttp.passcodeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir Path dataDir;

  private SandboxOptions options(Duration delay) {
    return SandboxOptions.defaults().withDataDir(dataDir).withProcessingDelay(delay);
  }

  @Test
  void ordersAndPasscodesSurviveARestart() {
    String orderId;
    try (Sandbox sandbox = Sandbox.start(options(Duration.ofMillis(50)))) {
      SandboxHttp http = new SandboxHttp(sandbox);
      orderId =
          Xml.text(
              http.createOrder(passcodeOrder("keep-1", "a1b2c3", 2018551020L)).body(), "OrderId");
      http.awaitEnd(orderId, Duration.ofSeconds(5));
      sandbox.setPasscode(2018551099L, "zzzz");
      sandbox.removeNumberFromAccount(2018551098L);
    }

    try (Sandbox sandbox = Sandbox.start(options(Duration.ofMillis(50)))) {
      SandboxHttp http = new SandboxHttp(sandbox);
      String order = http.getOrder(orderId).body();
      assertThat(Xml.text(order, "ProcessingStatus")).isEqualTo("COMPLETE");
      assertThat(Xml.text(order, "CustomerOrderId")).isEqualTo("keep-1");
      assertThat(
              Xml.texts(
                  http.get(http.accountUrl("/tnoptions/" + orderId + "/history")).body(), "Status"))
          .containsExactly("received", "processing", "complete");
      assertThat(sandbox.passcodes())
          .containsEntry(2018551020L, "a1b2c3")
          .containsEntry(2018551099L, "zzzz")
          .hasSize(2);
      String unavailable =
          Xml.text(
              http.awaitEnd(
                  Xml.text(
                      http.createOrder(passcodeOrder(null, "a1b2c3", 2018551098L)).body(),
                      "OrderId"),
                  Duration.ofSeconds(5)),
              "Code");
      assertThat(unavailable).isEqualTo("5076");
    }
  }

  @Test
  void orderInFlightAtCloseIsFinishedBeforeSaving() throws Exception {
    String orderId;
    try (Sandbox sandbox = Sandbox.start(options(Duration.ofMinutes(10)))) {
      SandboxHttp http = new SandboxHttp(sandbox);
      orderId =
          Xml.text(http.createOrder(passcodeOrder(null, "a1b2c3", 2018551020L)).body(), "OrderId");
    }

    String saved = Files.readString(dataDir.resolve(SandboxStore.FILE_NAME));
    assertThat(saved).contains(orderId).contains("COMPLETE");
    // The order's copy of the passcode is dropped once applied; only the passcode table keeps it.
    assertThat(saved.split("a1b2c3", -1)).hasSize(2);
    try (Sandbox sandbox = Sandbox.start(options(Duration.ofMillis(50)))) {
      assertThat(Xml.text(new SandboxHttp(sandbox).getOrder(orderId).body(), "ProcessingStatus"))
          .isEqualTo("COMPLETE");
    }
  }

  @Test
  void changesAreSavedWhileRunningNotOnlyAtClose() throws Exception {
    try (Sandbox sandbox = Sandbox.start(options(Duration.ofMillis(50)))) {
      sandbox.setPasscode(2018551020L, "a1b2c3");
      Path file = dataDir.resolve(SandboxStore.FILE_NAME);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!Files.exists(file) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.readString(file)).contains("2018551020");
    }
  }

  @Test
  void corruptDataFileIsReportedWithTheFix() throws Exception {
    Files.writeString(dataDir.resolve(SandboxStore.FILE_NAME), "{not json");

    assertThatThrownBy(() -> Sandbox.start(options(Duration.ofMillis(50))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sandbox.json is not a sandbox data file")
        .hasMessageEndingWith("move it away to start the sandbox empty");
  }
}
