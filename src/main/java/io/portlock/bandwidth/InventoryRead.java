package io.portlock.bandwidth;

import java.util.Objects;

/**
 * How the account's numbers were listed.
 *
 * @param source which resource answered
 * @param numbers how many numbers were handed on
 * @param pages how many pages were read
 */
public record InventoryRead(Source source, long numbers, int pages) {

  public InventoryRead {
    Objects.requireNonNull(source, "source");
  }

  /** The resource that listed the numbers. */
  public enum Source {
    /** {@code GET /tns?accountId=…}: numbers with their tier and status. */
    TNS,
    /**
     * {@code GET /accounts/{id}/inserviceNumbers}, used when the credentials lack the Numbers role
     * that {@code /tns} needs: bare numbers, tiers unknown.
     */
    IN_SERVICE_NUMBERS
  }
}
