package io.portlock.bench;

import io.portlock.config.Config;
import io.portlock.config.ConfigLoader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures how close portlock's config load comes to the physical floor of its input: reading the
 * same numbers files as bytes, turning each line's digits into a {@code long} and sorting each
 * file's numbers, with no checks, no places and no messages. Both run in one JVM, alternately,
 * after a warm-up, so their ratio depends little on the machine; the CPU time of the thread,
 * printed beside the wall time, depends least on what else the machine runs.
 *
 * <p>{@code bin/benchmark floor} starts this JVM with bin/portlock's options (by default {@code
 * -Xmx1g -XX:+UseParallelGC}): the collector and heap decide whether the numbers portlock keeps are
 * copied by collections while it reads, so the load is measured as portlock runs it. The
 * collections that happen inside the timed runs are counted and printed with the figures.
 *
 * <p>Usage: {@code java -cp portlock.jar:test-classes io.portlock.bench.IngestionFloor DIR
 * [ROUNDS]}, DIR as written by {@link BenchmarkData}.
 */
public final class IngestionFloor {
  private IngestionFloor() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: IngestionFloor DIR [ROUNDS]");
      System.exit(1);
    }
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir.resolve("numbers"))) {
      files = listed.sorted().toList();
    }
    Path config = dir.resolve("portlock.yaml");
    long numbers = ConfigLoader.load(config).numberCount();
    long sink = 0;
    for (int i = 0; i < 2; i++) { // warm-up: both paths compiled before they are timed
      sink += floor(files) + load(config).numberCount();
    }
    long[] floor = new long[rounds];
    long[] portlock = new long[rounds];
    long[] floorCpu = new long[rounds];
    long[] portlockCpu = new long[rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long floorCollections = 0;
    long portlockCollections = 0;
    for (int i = 0; i < rounds; i++) {
      // Each side starts from a collected heap, so neither pays for the other's garbage.
      System.gc();
      long collections = collections();
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      sink += floor(files);
      floor[i] = System.nanoTime() - start;
      floorCpu[i] = threads.getCurrentThreadCpuTime() - cpu;
      floorCollections += collections() - collections;
      System.gc();
      collections = collections();
      cpu = threads.getCurrentThreadCpuTime();
      start = System.nanoTime();
      sink += load(config).numberCount();
      portlock[i] = System.nanoTime() - start;
      portlockCpu[i] = threads.getCurrentThreadCpuTime() - cpu;
      portlockCollections += collections() - collections;
    }
    System.out.printf(
        "ingestion of %d numbers in %d files, median of %d rounds (check %d)%n",
        numbers, files.size(), rounds, sink % 10);
    System.out.printf(
        "  JVM: %s, max heap %d MiB; collections in the timed runs: floor %d, portlock %d%n",
        collectorNames(),
        Runtime.getRuntime().maxMemory() >> 20,
        floorCollections,
        portlockCollections);
    System.out.printf("  %-42s %7s %7s   (us per number)%n", "", "wall", "CPU");
    print("floor (read bytes, parse digits, sort)", floor, floorCpu, numbers);
    print("portlock config load", portlock, portlockCpu, numbers);
    System.out.printf(
        "  ratio to the floor: %.2fx wall, %.2fx CPU (target <= 1.5x)%n",
        (double) median(portlock) / median(floor), (double) median(portlockCpu) / median(floorCpu));
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, collector.getCollectionCount());
    }
    return count;
  }

  private static String collectorNames() {
    return String.join(
        " + ",
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList());
  }

  private static void print(String label, long[] wall, long[] cpu, long numbers) {
    System.out.printf(
        "  %-42s %7.3f %7.3f%n",
        label, median(wall) / 1000.0 / numbers, median(cpu) / 1000.0 / numbers);
  }

  private static Config load(Path config) {
    return ConfigLoader.load(config);
  }

  /** The floor: every file read, each line's digits as a number, each file's numbers sorted. */
  static long floor(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      long[] numbers = new long[bytes.length / 11 + 1];
      int count = 0;
      long value = 0;
      boolean digits = false;
      boolean comment = false;
      for (byte b : bytes) {
        if (b == '\n') {
          if (digits) {
            numbers[count++] = value;
          }
          value = 0;
          digits = false;
          comment = false;
        } else if (b == '#') {
          comment = true;
        } else if (!comment && b >= '0' && b <= '9') {
          value = value * 10 + (b - '0');
          digits = true;
        }
      }
      if (digits) {
        numbers[count++] = value;
      }
      Arrays.sort(numbers, 0, count);
      total += count;
    }
    return total;
  }

  private static long median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
