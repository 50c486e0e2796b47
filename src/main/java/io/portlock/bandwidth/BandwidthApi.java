package io.portlock.bandwidth;

import io.portlock.domain.NumberSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Bandwidth Numbers API calls portlock makes, for one account. Blocking: each call returns when
 * Bandwidth has answered (after retries of 429, 5xx and dropped connections) or throws {@link
 * BandwidthException}. Safe to call from several threads at once.
 */
public interface BandwidthApi extends AutoCloseable {

  /** {@code POST /tnoptions}: sends one order and returns its first status (usually RECEIVED). */
  OrderStatus createOrder(OrderRequest request);

  /** {@code GET /tnoptions/{orderId}}: the order with its errors and warnings. */
  OrderStatus getOrder(String orderId);

  /** {@code GET /tnoptions?customerOrderId=…&orderDetails=true}: every order with that id. */
  List<OrderStatus> findOrdersByCustomerOrderId(String customerOrderId);

  /** {@code GET /tnoptions?tn=…&orderDetails=true}: every order that touched the number. */
  List<OrderStatus> findOrdersByNumber(long number);

  /** {@code POST /tnPortoutPasscodes}, in chunks of at most 2,500 numbers, in parallel. */
  PasscodeReadback readPasscodes(NumberSet numbers);

  /** {@code GET /tnPortoutPasscodes?page=…&size=…}: every number of the account with a passcode. */
  PasscodeReadback readAllPasscodes();

  /**
   * {@code GET /tns?accountId=…}: every number on the account, handed to {@code each} page by page
   * (one page in memory at a time). When the credentials lack the Numbers role (403), falls back to
   * {@code GET /accounts/{id}/inserviceNumbers}, which lists bare numbers without tiers.
   */
  InventoryRead readInventory(Consumer<AccountNumber> each);

  @Override
  void close();
}
