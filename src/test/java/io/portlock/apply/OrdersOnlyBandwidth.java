package io.portlock.apply;

import io.portlock.bandwidth.AccountNumber;
import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.InventoryRead;
import io.portlock.bandwidth.OrderStatus;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.domain.NumberSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of a Bandwidth fake that every applier test shares: the applier creates orders and looks
 * them up, but never reads passcodes back or lists the inventory, and no order is found by number.
 * The fakes that extend it play only the order endpoints.
 */
abstract class OrdersOnlyBandwidth implements BandwidthApi {

  @Override
  public List<OrderStatus> findOrdersByNumber(long number) {
    return List.of();
  }

  @Override
  public PasscodeReadback readPasscodes(NumberSet numbers) {
    throw new AssertionError("the applier reads no passcodes back");
  }

  @Override
  public PasscodeReadback readAllPasscodes() {
    throw new AssertionError("the applier reads no passcodes back");
  }

  @Override
  public InventoryRead readInventory(Consumer<AccountNumber> each) {
    throw new AssertionError("the applier lists no inventory");
  }

  @Override
  public void close() {}
}
