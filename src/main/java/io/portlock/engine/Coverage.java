package io.portlock.engine;

import io.portlock.bandwidth.AccountNumber;
import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.InventoryRead;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.DaemonThreads;
import io.portlock.domain.NumberSet;
import io.portlock.domain.TelephoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The coverage use case: lists the account's numbers (one page in memory at a time), sorts out
 * those that cannot hold a passcode, and reads back the passcodes of the rest, in chunks while the
 * listing goes on, to tell protected from unprotected. Passcodes read back are only tested for
 * presence; none leaves this class.
 */
public final class Coverage {
  /** Numbers per read-back request: Bandwidth's largest {@code POST tnPortoutPasscodes}. */
  static final int READBACK_CHUNK = 2500;

  /** Read-back requests in flight while the inventory is listed. */
  static final int READERS = 3;

  private Coverage() {}

  public static CoverageReport of(Config config, BandwidthApi api) {
    NumberSet configured = configured(config);
    // An inventory group takes every eligible number no other group lists: all are managed, and
    // none is "set outside portlock" (the passcode of a number it took is portlock's own).
    boolean takesTheRest = config.inventoryGroup().isPresent();
    ExecutorService readers =
        Executors.newFixedThreadPool(READERS, DaemonThreads.named("portlock-coverage"));
    List<Future<PasscodeReadback>> readbacks = new ArrayList<>();
    NumberSet.Builder[] pending = {new NumberSet.Builder()};
    Sorter sorter =
        new Sorter(
            number -> {
              // Read back while the inventory is still being listed: a million numbers are 400
              // pages,
              // and their passcodes 400 chunks; one waits on Bandwidth while the other is read.
              if (!takesTheRest && !configured.contains(number)) {
                pending[0].add(number);
                if (pending[0].size() == READBACK_CHUNK) {
                  NumberSet chunk = pending[0].build();
                  pending[0] = new NumberSet.Builder();
                  readbacks.add(readers.submit(() -> api.readPasscodes(chunk)));
                }
              }
            });
    NumberSet.Builder protectedOutside = new NumberSet.Builder();
    InventoryRead read;
    try {
      read = api.readInventory(sorter::accept);
      NumberSet last = pending[0].build();
      if (!last.isEmpty()) {
        readbacks.add(readers.submit(() -> api.readPasscodes(last)));
      }
      for (Future<PasscodeReadback> readback : readbacks) {
        for (long number : await(readback).passcodes().keySet()) {
          protectedOutside.add(number);
        }
      }
    } finally {
      readbacks.forEach(f -> f.cancel(true));
      readers.shutdownNow();
    }
    NumberSet eligible = sorter.eligible.build();
    NumberSet managed = takesTheRest ? eligible : eligible.intersect(configured);
    NumberSet others = eligible.minus(managed);
    NumberSet protectedUnmanaged = protectedOutside.build().intersect(others);
    NumberSet listed = eligible.union(sorter.tollFree.build()).union(sorter.offNet.build());
    return new CoverageReport(
        config.account().value(),
        read.source(),
        managed,
        protectedUnmanaged,
        others.minus(protectedUnmanaged),
        sorter.tollFree.build(),
        sorter.offNet.build(),
        sorter.outsideNanp,
        configured.minus(listed));
  }

  private static PasscodeReadback await(Future<PasscodeReadback> readback) {
    try {
      return readback.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a passcode read-back failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading passcodes back", e);
    }
  }

  static NumberSet configured(Config config) {
    NumberSet.Builder all = new NumberSet.Builder();
    for (GroupConfig group : config.groups()) {
      all.addAll(group.numbers());
    }
    return all.build();
  }

  /** Sorts listed numbers by whether, and why not, they can hold a passcode. */
  static final class Sorter {
    final NumberSet.Builder eligible = new NumberSet.Builder();
    final NumberSet.Builder tollFree = new NumberSet.Builder();
    final NumberSet.Builder offNet = new NumberSet.Builder();
    final List<String> outsideNanp = new ArrayList<>();
    private final LongConsumer onEligible;

    Sorter() {
      this(number -> {});
    }

    /** {@code onEligible} hears each eligible number as it is listed. */
    Sorter(LongConsumer onEligible) {
      this.onEligible = onEligible;
    }

    void accept(AccountNumber number) {
      if (number.nanp().isEmpty()) {
        outsideNanp.add(number.fullNumber());
        return;
      }
      long digits = number.nanp().getAsLong();
      if (TelephoneNumber.isTollFree((int) (digits / 10_000_000L))) {
        tollFree.add(digits);
      } else if (number.tier().isPresent() && number.tier().getAsInt() != 0) {
        offNet.add(digits);
      } else {
        eligible.add(digits);
        onEligible.accept(digits);
      }
    }
  }
}
