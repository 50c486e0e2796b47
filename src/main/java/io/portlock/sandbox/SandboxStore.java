package io.portlock.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portlock.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the sandbox's orders and passcodes in {@code <dataDir>/sandbox.json}: the only place the
 * sandbox writes passcodes. Each save writes a temporary file and renames it into place, so a crash
 * leaves the old file or the new one, never half of one.
 */
final class SandboxStore {
  static final String FILE_NAME = "sandbox.json";
  private static final int VERSION = 1;

  /** The file's content. */
  record Data(
      int version,
      List<StoredOrder> orders,
      Map<Long, String> passcodes,
      long[] removedNumbers,
      Map<Long, Integer> boughtNumbers) {}

  /** An order on disk; instants as epoch milliseconds. */
  record StoredOrder(
      String orderId,
      String customerOrderId,
      String accountId,
      String createdByUser,
      long created,
      long lastModified,
      Order.Status status,
      List<StoredGroup> groups,
      List<Order.NumberError> errors,
      List<StoredHistory> history) {}

  /** A group on disk; the passcode is kept only until the order has been applied. */
  record StoredGroup(
      List<XmlNode> options, String passcode, long[] numbers, List<String> invalidNumbers) {}

  /** A history entry on disk. */
  record StoredHistory(long date, String note, String author, Order.Status status) {}

  private final Path file;

  /** Shared: building a mapper's introspection caches costs far more than one save. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private long writtenVersion = -1;

  SandboxStore(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  Path file() {
    return file;
  }

  /** The saved data, or null when nothing was saved yet. */
  Data load() {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return MAPPER.readValue(file.toFile(), Data.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          file
              + " is not a sandbox data file ("
              + e.getOriginalMessage()
              + "); move it away to start the sandbox empty");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /**
   * Writes {@code data} taken at state version {@code version}, unless a later version is already
   * on disk (saves run on worker threads and may finish out of order).
   */
  synchronized void save(Data data, long version) {
    if (version <= writtenVersion) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      keepOutOfGit(file.getParent());
      AtomicFiles.write(file, out -> MAPPER.writeValue(out, data), AtomicFiles.Option.PRIVATE);
      writtenVersion = version;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Writes a {@code .gitignore} that ignores the whole folder, itself included: the folder holds
   * plaintext passcodes, and it usually sits in a repository beside the config.
   */
  void prepareFolder() {
    try {
      Files.createDirectories(file.getParent());
      keepOutOfGit(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + file.getParent(), e);
    }
  }

  private static void keepOutOfGit(Path folder) throws IOException {
    Path ignore = folder.resolve(".gitignore");
    if (!Files.exists(ignore, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.writeString(
          ignore,
          "*\n# Written by the portlock sandbox: this folder holds plaintext"
              + " passcodes and must stay out of git.\n");
    }
  }

  /** A copy of the state; call with the state lock held. */
  static Data snapshot(SandboxState state) {
    List<StoredOrder> orders = new ArrayList<>();
    for (Order order : state.orders()) {
      List<StoredGroup> groups = new ArrayList<>();
      for (OrderGroup g : order.groups) {
        groups.add(new StoredGroup(g.options(), g.passcode(), g.numbers(), g.invalidNumbers()));
      }
      List<StoredHistory> history = new ArrayList<>();
      for (Order.HistoryEntry h : order.history) {
        history.add(new StoredHistory(h.date().toEpochMilli(), h.note(), h.author(), h.status()));
      }
      orders.add(
          new StoredOrder(
              order.orderId,
              order.customerOrderId,
              order.accountId,
              order.createdByUser,
              order.created.toEpochMilli(),
              order.lastModified.toEpochMilli(),
              order.status,
              groups,
              List.copyOf(order.errors),
              history));
    }
    return new Data(
        VERSION,
        orders,
        new TreeMap<>(state.passcodes),
        state.inventory.removed(),
        state.inventory.bought());
  }

  /** Loads {@code data} into a fresh state; returns the orders that had not ended yet. */
  static List<Order> restore(Data data, SandboxState state) {
    List<Order> inFlight = new ArrayList<>();
    synchronized (state) {
      if (data.passcodes() != null) {
        state.passcodes.putAll(data.passcodes());
      }
      if (data.removedNumbers() != null) {
        state.inventory.restoreRemoved(data.removedNumbers());
      }
      if (data.boughtNumbers() != null) {
        state.inventory.restoreBought(data.boughtNumbers());
      }
      for (StoredOrder stored : data.orders() == null ? List.<StoredOrder>of() : data.orders()) {
        Order order = toOrder(stored);
        state.restore(order);
        if (!order.status.isTerminal()) {
          inFlight.add(order);
        }
      }
    }
    return inFlight;
  }

  private static Order toOrder(StoredOrder stored) {
    List<OrderGroup> groups = new ArrayList<>();
    for (StoredGroup g : stored.groups()) {
      groups.add(
          new OrderGroup(
              g.options() == null ? List.of() : g.options(),
              g.passcode(),
              g.numbers() == null ? new long[0] : g.numbers(),
              g.invalidNumbers() == null ? List.of() : g.invalidNumbers()));
    }
    Order order =
        new Order(
            stored.orderId(),
            stored.customerOrderId(),
            stored.accountId(),
            stored.createdByUser(),
            Instant.ofEpochMilli(stored.created()),
            groups);
    order.status = stored.status();
    order.lastModified = Instant.ofEpochMilli(stored.lastModified());
    order.errors.addAll(stored.errors());
    for (StoredHistory h : stored.history()) {
      order.history.add(
          new Order.HistoryEntry(Instant.ofEpochMilli(h.date()), h.note(), h.author(), h.status()));
    }
    return order;
  }
}
