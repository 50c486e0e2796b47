package io.portlock.config;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;

/**
 * One entry of {@code groups:}: a name, one passcode (resolved from its source) and numbers.
 *
 * @param places where the numbers were written, for messages that name a config line
 * @param inventory {@code inventory: true}: the group takes every eligible number of the account
 *     that no other group lists; its numbers are empty until resolved from the account
 */
public record GroupConfig(
    String name,
    SecretSource source,
    Passcode passcode,
    NumberSet numbers,
    NumberPlaces places,
    boolean inventory) {

  public GroupConfig(String name, SecretSource source, Passcode passcode, NumberSet numbers) {
    this(name, source, passcode, numbers, NumberPlaces.none());
  }

  public GroupConfig(
      String name, SecretSource source, Passcode passcode, NumberSet numbers, NumberPlaces places) {
    this(name, source, passcode, numbers, places, false);
  }

  /** The same group holding {@code resolved} (an inventory group, once the account is read). */
  public GroupConfig withNumbers(NumberSet resolved) {
    return new GroupConfig(name, source, passcode, resolved, places, inventory);
  }

  /** True for a name {@code groups:} accepts: 1 to 40 letters, digits, '_', '.' or '-'. */
  public static boolean isValidName(String name) {
    return GroupsReader.NAME.matcher(name).matches();
  }
}
