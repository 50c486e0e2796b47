package io.portlock.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar is the product: the chaos harness and the benchmark generator live in
 * src/harness and never ship, while the sandbox (the embedded default {@code api: {url: sandbox}})
 * does.
 */
class ProductJarIT {
  private static final Path JAR = Path.of("target", "portlock.jar").toAbsolutePath();

  @Test
  void theProductJarHoldsNoHarnessCode() throws IOException {
    assertThat(entries())
        .noneMatch(name -> name.startsWith("io/portlock/chaos/"))
        .noneMatch(name -> name.startsWith("io/portlock/bench/"));
  }

  @Test
  void theProductJarStillHoldsTheSandboxAndTheCli() throws IOException {
    assertThat(entries())
        .contains("io/portlock/sandbox/Sandbox.class", "io/portlock/cli/Main.class");
  }

  private static List<String> entries() throws IOException {
    assertThat(JAR).as("mvn verify packages the jar before the integration tests").isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      return jar.stream().map(ZipEntry::getName).toList();
    }
  }
}
