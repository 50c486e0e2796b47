package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
  @Test
  void threadsAreDaemonsNamedAfterTheirPoolAndCounted() {
    ThreadFactory factory = DaemonThreads.named("portlock-test");

    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});

    assertThat(first.isDaemon()).as("a daemon never keeps the JVM alive after main").isTrue();
    assertThat(first.getName()).isEqualTo("portlock-test-1");
    assertThat(second.getName()).isEqualTo("portlock-test-2");
  }

  @Test
  void eachFactoryCountsItsOwnThreads() {
    DaemonThreads.named("portlock-a").newThread(() -> {});

    assertThat(DaemonThreads.named("portlock-b").newThread(() -> {}).getName())
        .isEqualTo("portlock-b-1");
  }
}
