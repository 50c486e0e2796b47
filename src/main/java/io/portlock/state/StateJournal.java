package io.portlock.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.portlock.domain.NumberSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal file beside the state file ({@code portlock.state.json.journal}): one line per commit
 * since the state file was last written, each fsynced before the commit returns, so a commit costs
 * what it changes. Replayed on every read; folded into the state file (and deleted) when a session
 * closes and at most every few seconds while it runs.
 *
 * <pre>{@code
 * {"serial":7,"lineage":"8d0c…","kind":"order_journaled","order":{"customer_order_id":"portlock-ab-3",…}}
 * {"serial":8,"lineage":"8d0c…","kind":"order_recorded","customer_order_id":"portlock-ab-3",
 *  "applied":[{"group":"hq","fingerprint":"3fa9…","applied_at":"…","order_id":"…",
 *  "customer_order_id":"portlock-ab-3","numbers":["2018551020"]}],"cleared":[]}
 * }</pre>
 *
 * (each line on one line). A line is committed once its newline is on disk: a last line without one
 * was being written when the process died, was never acknowledged, and is ignored.
 */
final class StateJournal {
  static final String SUFFIX = ".journal";
  private static final ObjectMapper JSON = StateJson.mapper();
  private static final ObjectReader READER = JSON.readerFor(LineTemplate.class);

  private StateJournal() {}

  /** One commit as written. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"serial", "lineage", "kind"})
  record LineTemplate(
      Long serial,
      String lineage,
      String kind,
      StateTemplate.JournalTemplate order,
      @JsonProperty("customer_order_id") String customerOrderId,
      List<StateTemplate.EntryTemplate> applied,
      NumberSet cleared,
      NumberSet numbers,
      List<StateTemplate.GroupTemplate> moves,
      StateTemplate.SealTemplate seal) {}

  /** The line of a commit, newline included. */
  static byte[] line(long serial, String lineage, StateChange change) throws IOException {
    LineTemplate t;
    if (change instanceof StateChange.OrderJournaled j) {
      t =
          new LineTemplate(
              serial,
              lineage,
              "order_journaled",
              StateTemplate.JournalTemplate.of(j.entry()),
              null,
              null,
              null,
              null,
              null,
              null);
    } else if (change instanceof StateChange.OrderDropped d) {
      t =
          new LineTemplate(
              serial,
              lineage,
              "order_dropped",
              null,
              d.customerOrderId(),
              null,
              null,
              null,
              null,
              null);
    } else if (change instanceof StateChange.OrderRecorded r) {
      t =
          new LineTemplate(
              serial,
              lineage,
              "order_recorded",
              null,
              r.customerOrderId(),
              applied(r.applied()),
              r.cleared(),
              null,
              null,
              null);
    } else if (change instanceof StateChange.NumbersRecorded r) {
      t =
          new LineTemplate(
              serial,
              lineage,
              "numbers_recorded",
              null,
              null,
              applied(r.applied()),
              null,
              null,
              null,
              null);
    } else if (change instanceof StateChange.NumbersDropped d) {
      t =
          new LineTemplate(
              serial, lineage, "numbers_dropped", null, null, null, null, d.numbers(), null, null);
    } else if (change instanceof StateChange.NumbersMoved m) {
      List<StateTemplate.GroupTemplate> moves = new ArrayList<>();
      for (StateChange.Moved move : m.moves()) {
        moves.add(
            new StateTemplate.GroupTemplate(move.group(), move.fingerprint(), move.numbers()));
      }
      t =
          new LineTemplate(
              serial, lineage, "numbers_moved", null, null, null, null, null, moves, null);
    } else if (change instanceof StateChange.FingerprintsSealed f) {
      t =
          new LineTemplate(
              serial,
              lineage,
              "fingerprints_sealed",
              null,
              null,
              null,
              null,
              null,
              null,
              StateTemplate.SealTemplate.of(f.seal()));
    } else {
      throw new IllegalArgumentException("a replacement is written as a whole state file");
    }
    byte[] json = JSON.writeValueAsBytes(t);
    byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    return line;
  }

  private static List<StateTemplate.EntryTemplate> applied(List<StateChange.Applied> applied) {
    List<StateTemplate.EntryTemplate> out = new ArrayList<>();
    for (StateChange.Applied a : applied) {
      StateEntry e = a.entry();
      out.add(
          new StateTemplate.EntryTemplate(
              e.group(),
              e.fingerprint(),
              e.appliedAt(),
              e.orderId(),
              e.customerOrderId(),
              a.numbers()));
    }
    return out;
  }

  /**
   * What a journal adds to the state file's state.
   *
   * @param state the state with every committed line applied (null: none stored)
   * @param committedBytes how many bytes of the file hold whole lines
   * @param tornTail whether bytes follow the last whole line (a write cut short)
   * @param lines how many lines were applied
   */
  record Replay(State state, long committedBytes, boolean tornTail, int lines) {}

  /**
   * Applies the lines of {@code bytes} that come after {@code base}: lines up to its serial are
   * already in it (the state file was written, the journal not yet deleted).
   *
   * @throws FileFormatException naming the line, never quoting it
   */
  static Replay replay(byte[] bytes, State base) throws IOException {
    List<StateChange> changes = new ArrayList<>();
    long next = base == null ? 1 : base.serial() + 1;
    int start = 0;
    int lineNumber = 0;
    int applied = 0;
    FileFormatException.NumberCount count = new FileFormatException.NumberCount("the journal");
    for (int end = 0; end < bytes.length; end++) {
      if (bytes[end] != '\n') {
        continue;
      }
      lineNumber++;
      LineTemplate t = parse(bytes, start, end - start, lineNumber, count);
      start = end + 1;
      if (base == null) {
        throw new FileFormatException(
            "the journal holds commits but there is no state file" + " they belong to");
      }
      if (!base.lineage().equals(t.lineage())) {
        throw new FileFormatException(
            "line "
                + lineNumber
                + " of the journal belongs to"
                + " another state (lineage "
                + t.lineage()
                + ", the state file's is "
                + base.lineage()
                + ")");
      }
      if (t.serial() <= base.serial()) {
        continue; // already in the state file
      }
      if (t.serial() != next) {
        throw new FileFormatException(
            "line "
                + lineNumber
                + " of the journal is serial "
                + t.serial()
                + " but serial "
                + next
                + " was expected next; a line is missing");
      }
      changes.add(change(t, lineNumber));
      next++;
      applied++;
    }
    State state = changes.isEmpty() ? base : base.applyAll(changes).withSerial(next - 1);
    return new Replay(state, start, start < bytes.length, applied);
  }

  private static LineTemplate parse(
      byte[] bytes, int offset, int length, int lineNumber, FileFormatException.NumberCount count)
      throws IOException {
    LineTemplate t;
    try {
      t =
          StateJson.unwrapped(
              () ->
                  StateJson.counting(READER, "the journal")
                      .<LineTemplate>readValue(bytes, offset, length));
    } catch (FileFormatException e) {
      throw new FileFormatException("line " + lineNumber + " of the journal: " + e.getMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new FileFormatException(
          "line " + lineNumber + " of the journal: " + FileFormatException.describe(e));
    }
    if (t == null || t.serial() == null || t.lineage() == null || t.kind() == null) {
      throw new FileFormatException(
          "line " + lineNumber + " of the journal lacks its serial," + " lineage or kind");
    }
    return t;
  }

  private static StateChange change(LineTemplate t, int lineNumber) {
    String where = "journal line " + lineNumber + ".";
    return switch (t.kind()) {
      case "order_journaled" -> {
        StateJson.require(t.order(), where + "order");
        yield new StateChange.OrderJournaled(t.order().toEntry());
      }
      case "order_dropped" -> {
        StateJson.require(t.customerOrderId(), where + "customer_order_id");
        yield new StateChange.OrderDropped(t.customerOrderId());
      }
      case "order_recorded" -> {
        StateJson.require(t.customerOrderId(), where + "customer_order_id");
        StateJson.require(t.cleared(), where + "cleared");
        yield new StateChange.OrderRecorded(t.customerOrderId(), applied(t, where), t.cleared());
      }
      case "numbers_recorded" -> new StateChange.NumbersRecorded(applied(t, where));
      case "numbers_dropped" -> {
        StateJson.require(t.numbers(), where + "numbers");
        yield new StateChange.NumbersDropped(t.numbers());
      }
      case "numbers_moved" -> {
        StateJson.require(t.moves(), where + "moves");
        List<StateChange.Moved> moves = new ArrayList<>();
        for (StateTemplate.GroupTemplate g : t.moves()) {
          StateJson.require(g.group(), where + "moves[].group");
          StateJson.require(g.fingerprint(), where + "moves[].fingerprint");
          StateJson.require(g.numbers(), where + "moves[].numbers");
          moves.add(new StateChange.Moved(g.numbers(), g.group(), g.fingerprint()));
        }
        yield new StateChange.NumbersMoved(moves);
      }
      case "fingerprints_sealed" -> {
        StateJson.require(t.seal(), where + "seal");
        yield new StateChange.FingerprintsSealed(t.seal().toSeal(where + "seal"));
      }
      default ->
          throw new FileFormatException(
              "line "
                  + lineNumber
                  + " of the journal is of"
                  + " a kind this portlock does not know; upgrade portlock to read it");
    };
  }

  private static List<StateChange.Applied> applied(LineTemplate t, String where) {
    StateJson.require(t.applied(), where + "applied");
    List<StateChange.Applied> out = new ArrayList<>();
    for (StateTemplate.EntryTemplate e : t.applied()) {
      StateJson.require(e.group(), where + "applied[].group");
      StateJson.require(e.fingerprint(), where + "applied[].fingerprint");
      StateJson.require(e.numbers(), where + "applied[].numbers");
      out.add(
          new StateChange.Applied(
              e.numbers(),
              new StateEntry(
                  e.group(), e.fingerprint(), e.appliedAt(), e.orderId(), e.customerOrderId())));
    }
    return out;
  }
}
