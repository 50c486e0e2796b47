package io.portlock.state;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.NumberSet;
import java.util.List;
import java.util.Objects;

/**
 * One change to the state, committed through a {@link StateSession}. Each kind says what it
 * changes, so that a store can write only that (a line in a journal, a few rows), not the whole
 * state. None of them carries a passcode: only fingerprints, numbers and order ids.
 */
public sealed interface StateChange {

  /**
   * The whole state replaced: the first state of a lineage (import, the first apply), or a state
   * rebuilt as a whole (refresh, {@code refresh --rekey}). Its lineage must be the stored one when
   * a state is stored; its serial is set by the store.
   */
  record Replaced(State state) implements StateChange {
    public Replaced {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * The whole state moved here from another store ({@code portlock state migrate}), keeping its
   * lineage and serial, so that a plan saved before the move still applies after it. Only into an
   * empty store, or over an older version of the same lineage.
   */
  record Migrated(State state) implements StateChange {
    public Migrated {
      Objects.requireNonNull(state, "state");
    }
  }

  /** An order written to the journal before it is sent (or its Bandwidth id, once known). */
  record OrderJournaled(JournalEntry entry) implements StateChange {
    public OrderJournaled {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** A journaled order that Bandwidth never received or refused: it leaves the journal. */
  record OrderDropped(String customerOrderId) implements StateChange {
    public OrderDropped {
      Objects.requireNonNull(customerOrderId, "customerOrderId");
    }
  }

  /**
   * A journaled order's result, recorded as it leaves the journal: the numbers Bandwidth confirmed
   * with their new entry, and those whose passcode it cleared.
   */
  record OrderRecorded(String customerOrderId, List<Applied> applied, NumberSet cleared)
      implements StateChange {
    public OrderRecorded {
      Objects.requireNonNull(customerOrderId, "customerOrderId");
      applied = List.copyOf(applied);
      Objects.requireNonNull(cleared, "cleared");
    }
  }

  /** Numbers recorded without an order (they already hold their passcode, or state mv). */
  record NumbersRecorded(List<Applied> applied) implements StateChange {
    public NumbersRecorded {
      applied = List.copyOf(applied);
    }
  }

  /** Numbers no longer managed (they left the account, or state rm). */
  record NumbersDropped(NumberSet numbers) implements StateChange {
    public NumbersDropped {
      Objects.requireNonNull(numbers, "numbers");
    }
  }

  /**
   * Managed numbers moved to another group under another fingerprint, each keeping when and by
   * which order it was last applied.
   */
  record NumbersMoved(List<Moved> moves) implements StateChange {
    public NumbersMoved {
      moves = List.copyOf(moves);
    }
  }

  /**
   * The config's fingerprints sealed under one derivation of all its passcodes (see {@link
   * FingerprintSeal}), so that the next plan with the same passcodes derives that one key instead
   * of every group's fingerprint. Replaces the seal before it.
   */
  record FingerprintsSealed(FingerprintSeal seal) implements StateChange {
    public FingerprintsSealed {
      Objects.requireNonNull(seal, "seal");
    }
  }

  /** Numbers that now carry {@code entry}. */
  record Applied(NumberSet numbers, StateEntry entry) {
    public Applied {
      Objects.requireNonNull(numbers, "numbers");
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** Numbers that go to {@code group} with {@code fingerprint}. */
  record Moved(NumberSet numbers, String group, Fingerprint fingerprint) {
    public Moved {
      Objects.requireNonNull(numbers, "numbers");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }
}
