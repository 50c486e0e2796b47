package io.portlock.config;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;

/**
 * One entry of {@code groups:}: a name, one passcode (resolved from its source) and numbers.
 *
 * @param places where the numbers were written, for messages that name a config line
 */
public record GroupConfig(String name, SecretSource source, Passcode passcode, NumberSet numbers,
    NumberPlaces places) {

  public GroupConfig(String name, SecretSource source, Passcode passcode, NumberSet numbers) {
    this(name, source, passcode, numbers, NumberPlaces.none());
  }

  /** True for a name {@code groups:} accepts: 1 to 40 letters, digits, '_', '.' or '-'. */
  public static boolean isValidName(String name) {
    return GroupsReader.NAME.matcher(name).matches();
  }
}
