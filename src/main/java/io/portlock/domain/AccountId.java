package io.portlock.domain;

/** A Bandwidth account id: a string of digits such as {@code 9900000}. */
public record AccountId(String value) {

  public AccountId {
    if (value == null || !value.matches("[0-9]{1,20}")) {
      throw new IllegalArgumentException(
          "expected a Bandwidth account id made of digits (such as \"9900000\") but was "
              + (value == null ? "nothing" : "\"" + value + "\""));
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
