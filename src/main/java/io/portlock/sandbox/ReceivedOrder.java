package io.portlock.sandbox;

import io.portlock.domain.NumberSet;

/**
 * A create request the sandbox accepted (answered 201, or accepted and then dropped by fault
 * injection), as other packages' tests inspect it.
 *
 * @param numberCount every {@code TelephoneNumber} element sent, as counted against the maximum
 * @param numbers the distinct valid numbers of the order, across all its groups
 */
public record ReceivedOrder(
    String orderId, String customerOrderId, int numberCount, NumberSet numbers) {}
