package io.portlock.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the README's architecture section, checked on the sources: data flows
 * config → plan → apply, with state, bandwidth and sandbox beside them and cli on top; no cycles;
 * Jackson's XML types stay inside bandwidth (and the sandbox, which speaks the wire format).
 */
class PackageDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/portlock");
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("domain", Set.of()),
      Map.entry("config", Set.of("domain")),
      Map.entry("state", Set.of("domain")),
      Map.entry("plan", Set.of("domain", "config", "state")),
      Map.entry("bandwidth", Set.of("domain")),
      Map.entry("sandbox", Set.of("domain")),
      Map.entry("apply", Set.of("domain", "plan", "state", "bandwidth")),
      Map.entry("bench", Set.of("domain", "state")),
      Map.entry("chaos", Set.of("domain", "state", "sandbox", "bench", "config", "plan")),
      Map.entry("engine", Set.of("domain", "config", "bandwidth", "state", "plan")),
      Map.entry("cli", Set.of("domain", "config", "state", "plan", "bandwidth", "sandbox", "apply",
          "engine")));
  private static final Pattern PORTLOCK = Pattern.compile("io\\.portlock\\.([a-z]+)");

  @Test
  void eachPackageDependsOnlyOnThePackagesTheReadmeAllows() throws IOException {
    Map<String, Set<String>> actual = dependencies();
    for (Map.Entry<String, Set<String>> e : actual.entrySet()) {
      assertThat(ALLOWED).as("package %s is listed in the README", e.getKey())
          .containsKey(e.getKey());
      assertThat(e.getValue()).as("what %s depends on", e.getKey())
          .isSubsetOf(ALLOWED.get(e.getKey()));
    }
  }

  @Test
  void jacksonXmlStaysInsideTheWirePackages() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.startsWith(SOURCES.resolve("bandwidth"))
              && !p.startsWith(SOURCES.resolve("sandbox")))
          .forEach(p -> assertThat(read(p)).as(p.toString())
              .doesNotContain("com.fasterxml.jackson.dataformat.xml"));
    }
  }

  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file).getName(0).toString();
        Set<String> used = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = PORTLOCK.matcher(read(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            used.add(m.group(1));
          }
        }
      }
    }
    return deps;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
