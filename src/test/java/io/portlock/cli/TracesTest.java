package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.bandwidth.BandwidthException;
import org.junit.jupiter.api.Test;

class TracesTest {
  @Test
  void debugTracesShowSuppressedExceptionsAndTheirCauses() {
    BandwidthException create =
        new BandwidthException(
            "create tnoptions order portlock-ab12-1",
            0,
            null,
            "the connection closed before the answer",
            null,
            true);
    BandwidthException lookup =
        new BandwidthException(
            "list tnoptions orders with customerOrderId portlock-ab12-1",
            503,
            null,
            "unavailable",
            new java.io.IOException("reset by peer"));
    create.addSuppressed(lookup);

    String trace = Traces.format(create);

    assertThat(trace)
        .startsWith(
            "io.portlock.bandwidth.BandwidthException: Tried to create"
                + " tnoptions order portlock-ab12-1 but no answer came: the connection closed before the"
                + " answer\n\tat ");
    assertThat(trace)
        .contains(
            "\tSuppressed: io.portlock.bandwidth.BandwidthException: Tried to"
                + " list tnoptions orders with customerOrderId portlock-ab12-1 but Bandwidth answered 503:"
                + " unavailable\n\t\tat ");
    assertThat(trace).contains("\tCaused by: java.io.IOException: reset by peer\n");
  }
}
