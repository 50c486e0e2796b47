package io.portlock.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state file as JSON (documented in {@code schema/state.schema.json}), mapped to a {@link
 * State} at the edge. Numbers, fingerprints, times and the {@code kdf} object use the shared {@link
 * StateJson} mapping.
 *
 * <pre>{@code
 * {
 *   "format_version" : 2,
 *   "lineage" : "8d0c…", "serial" : 4, "account" : "9900000",
 *   "kdf" : {"algorithm" : "PBKDF2-HMAC-SHA256", "iterations" : 120000, "salt" : "…",
 *            "length" : 32, "salt_per_group" : true, "key_id" : "3f09a1c2b4d5"},
 *   "fingerprint_seal" : {"groups" : {"headquarters" : "3fa9c1…"}, "mac" : "9b02…"},
 *   "entries" : [
 *     {"group" : "headquarters", "fingerprint" : "3fa9c1…", "applied_at" : "2026-11-26T18:00:00Z",
 *      "order_id" : "…", "customer_order_id" : "portlock-…-1",
 *      "numbers" : ["2018551020", "2018551030..2018551039"]}
 *   ],
 *   "journal" : [ {"customer_order_id" : "…", "plan_id" : "…", "recorded_at" : "…",
 *                  "order_id" : null,
 *                  "groups" : [{"group" : "hq", "fingerprint" : "…", "numbers" : ["…"]}]} ]
 * }
 * }</pre>
 *
 * {@code fingerprint_seal} is optional (absent before the first apply that wrote one, and ignored
 * by portlock versions before it, which drop it when they rewrite the file: it is only a shortcut).
 *
 * <p>Format 1 (one salt for every group, no key) is still read, so existing states keep working;
 * {@code refresh --rekey} moves them to salts per group and, with a key, keyed fingerprints.
 */
@JsonPropertyOrder({
  "format_version",
  "lineage",
  "serial",
  "account",
  "kdf",
  "fingerprint_seal",
  "entries",
  "journal"
})
record StateTemplate(
    @JsonProperty("format_version") Integer formatVersion,
    String lineage,
    Long serial,
    AccountId account,
    KdfParameters kdf,
    @JsonProperty("fingerprint_seal") @JsonInclude(JsonInclude.Include.NON_NULL) SealTemplate seal,
    List<EntryTemplate> entries,
    List<JournalTemplate> journal) {

  /**
   * The {@link FingerprintSeal}. Fingerprints are read as text and checked here, so that a bad one
   * is reported under this field's name, not under its group's (which is the file's text).
   */
  @JsonPropertyOrder({"groups", "mac"})
  record SealTemplate(Map<String, String> groups, String mac) {
    static SealTemplate of(FingerprintSeal seal) {
      if (seal == null) {
        return null;
      }
      Map<String, String> groups = new LinkedHashMap<>();
      seal.groups().forEach((group, fingerprint) -> groups.put(group, fingerprint.hex()));
      return new SealTemplate(groups, seal.mac());
    }

    FingerprintSeal toSeal(String where) {
      StateJson.require(groups, where + ".groups");
      StateJson.require(mac, where + ".mac");
      Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
      try {
        groups.forEach((group, hex) -> fingerprints.put(group, new Fingerprint(hex)));
        return new FingerprintSeal(fingerprints, mac);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new FileFormatException(
            "expected \""
                + where
                + "\" to hold fingerprints of 16 to 128 lower-case hex digits by group and a"
                + " mac of 64, but it does not (the value is not shown, in case the file holds a"
                + " secret); delete the field, and the next apply writes it again");
      }
    }
  }

  /** A set of numbers and what portlock last applied to them. */
  @JsonPropertyOrder({
    "group",
    "fingerprint",
    "applied_at",
    "order_id",
    "customer_order_id",
    "numbers"
  })
  record EntryTemplate(
      String group,
      Fingerprint fingerprint,
      @JsonProperty("applied_at") Instant appliedAt,
      @JsonProperty("order_id") String orderId,
      @JsonProperty("customer_order_id") String customerOrderId,
      NumberSet numbers) {}

  /** An order in flight. */
  @JsonPropertyOrder({"customer_order_id", "plan_id", "recorded_at", "order_id", "groups"})
  record JournalTemplate(
      @JsonProperty("customer_order_id") String customerOrderId,
      @JsonProperty("plan_id") String planId,
      @JsonProperty("recorded_at") Instant recordedAt,
      @JsonProperty("order_id") String orderId,
      List<GroupTemplate> groups) {

    static JournalTemplate of(JournalEntry j) {
      List<GroupTemplate> groups = new ArrayList<>();
      for (JournalEntry.Group g : j.groups()) {
        Target.Set set = g.target() instanceof Target.Set s ? s : null;
        groups.add(
            new GroupTemplate(
                set == null ? null : set.group(),
                set == null ? null : set.fingerprint(),
                g.numbers()));
      }
      return new JournalTemplate(
          j.customerOrderId(), j.planId(), j.recordedAt(), j.orderId(), groups);
    }

    JournalEntry toEntry() {
      StateJson.require(customerOrderId, "journal[].customer_order_id");
      StateJson.require(recordedAt, "journal[].recorded_at");
      StateJson.require(groups, "journal[].groups");
      List<JournalEntry.Group> out = new ArrayList<>();
      for (GroupTemplate g : groups) {
        StateJson.require(g.numbers(), "journal[].groups[].numbers");
        if (g.fingerprint() == null) {
          out.add(JournalEntry.Group.clear(g.numbers()));
        } else {
          StateJson.require(g.group(), "journal[].groups[].group");
          out.add(new JournalEntry.Group(g.group(), g.fingerprint(), g.numbers()));
        }
      }
      return new JournalEntry(customerOrderId, planId, recordedAt, orderId, out);
    }
  }

  /** One option group of a journaled order; group and fingerprint are null for a removal. */
  @JsonPropertyOrder({"group", "fingerprint", "numbers"})
  record GroupTemplate(String group, Fingerprint fingerprint, NumberSet numbers) {}

  static StateTemplate of(State state) {
    List<EntryTemplate> entries = new ArrayList<>();
    for (Map.Entry<StateEntry, NumberSet> e : state.byEntry().entrySet()) {
      StateEntry entry = e.getKey();
      entries.add(
          new EntryTemplate(
              entry.group(),
              entry.fingerprint(),
              entry.appliedAt(),
              entry.orderId(),
              entry.customerOrderId(),
              e.getValue()));
    }
    List<JournalTemplate> journal = new ArrayList<>();
    for (JournalEntry j : state.journal()) {
      journal.add(JournalTemplate.of(j));
    }
    return new StateTemplate(
        State.FORMAT_VERSION,
        state.lineage(),
        state.serial(),
        state.account(),
        state.kdf(),
        SealTemplate.of(state.seal()),
        entries,
        journal);
  }

  /** The state this file holds; a missing required field is an error that names it. */
  State toState() {
    if (formatVersion == null
        || formatVersion < State.FIRST_FORMAT_VERSION
        || formatVersion > State.FORMAT_VERSION) {
      throw new FileFormatException(
          "expected format_version "
              + State.FORMAT_VERSION
              + " (or "
              + State.FIRST_FORMAT_VERSION
              + ", still read) but was "
              + formatVersion);
    }
    StateJson.require(lineage, "lineage");
    StateJson.require(serial, "serial");
    StateJson.require(account, "account");
    StateJson.require(kdf, "kdf");
    StateJson.require(entries, "entries");
    StateJson.require(journal, "journal");
    if (formatVersion == State.FIRST_FORMAT_VERSION && (kdf.saltPerGroup() || kdf.keyed())) {
      throw new FileFormatException(
          "a format_version 1 state has one salt and no key,"
              + " but its kdf names salt_per_group or key_id");
    }
    Map<StateEntry, NumberSet> byEntry = new LinkedHashMap<>();
    for (EntryTemplate e : entries) {
      StateJson.require(e.group(), "entries[].group");
      StateJson.require(e.fingerprint(), "entries[].fingerprint");
      StateJson.require(e.numbers(), "entries[].numbers");
      StateEntry entry =
          new StateEntry(
              e.group(), e.fingerprint(), e.appliedAt(), e.orderId(), e.customerOrderId());
      byEntry.merge(entry, e.numbers(), NumberSet::union);
    }
    List<JournalEntry> journalEntries = new ArrayList<>();
    for (JournalTemplate j : journal) {
      journalEntries.add(j.toEntry());
    }
    State state = State.fromEntries(lineage, serial, account, kdf, byEntry, journalEntries);
    return seal == null ? state : state.withSeal(seal.toSeal("fingerprint_seal"));
  }
}
