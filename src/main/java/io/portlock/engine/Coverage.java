package io.portlock.engine;

import io.portlock.bandwidth.AccountNumber;
import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.InventoryRead;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.NumberSet;
import io.portlock.domain.TelephoneNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * The coverage use case: lists the account's numbers (one page in memory at a time), sorts out
 * those that cannot hold a passcode, and reads back the passcodes of the rest to tell protected
 * from unprotected. Passcodes read back are only tested for presence; none leaves this class.
 */
public final class Coverage {
  private Coverage() {}

  public static CoverageReport of(Config config, BandwidthApi api) {
    NumberSet configured = configured(config);
    Sorter sorter = new Sorter();
    InventoryRead read = api.readInventory(sorter::accept);
    NumberSet eligible = sorter.eligible.build();
    NumberSet managed = eligible.intersect(configured);
    NumberSet others = eligible.minus(managed);
    PasscodeReadback readback = others.isEmpty()
        ? new PasscodeReadback(java.util.Map.of(), NumberSet.empty(), NumberSet.empty())
        : api.readPasscodes(others);
    NumberSet.Builder protectedOutside = new NumberSet.Builder();
    for (long number : readback.passcodes().keySet()) {
      protectedOutside.add(number);
    }
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
      }
    }
  }
}
