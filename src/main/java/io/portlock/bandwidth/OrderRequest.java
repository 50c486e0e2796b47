package io.portlock.bandwidth;

import java.util.List;

/** A {@code TnOptionOrder} to send: a customer order id and one or more option groups. */
public record OrderRequest(String customerOrderId, List<OptionGroup> groups) {
  public OrderRequest {
    if (customerOrderId == null || !customerOrderId.matches("[A-Za-z0-9-]{1,40}")) {
      throw new IllegalArgumentException(
          "expected a CustomerOrderId of 1 to 40 letters, digits or dashes but was "
              + customerOrderId);
    }
    groups = List.copyOf(groups);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("expected at least one TnOptionGroup but there were none");
    }
  }

  public int numberCount() {
    int count = 0;
    for (OptionGroup group : groups) {
      count += group.numbers().size();
    }
    return count;
  }
}
