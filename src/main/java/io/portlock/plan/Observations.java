package io.portlock.plan;

import io.portlock.domain.NumberSet;

/**
 * What a refresh found at Bandwidth for the configured and the managed numbers, already compared in
 * memory with the desired passcodes (no passcode here).
 *
 * @param matches configured numbers that already hold their group's passcode at Bandwidth
 * @param differs configured numbers whose passcode at Bandwidth is not the desired one
 * @param missing numbers with no passcode at Bandwidth (error 15619, or listed with none)
 * @param leftAccount numbers no longer on the account (error 15610)
 */
public record Observations(
    NumberSet matches, NumberSet differs, NumberSet missing, NumberSet leftAccount) {

  public static Observations none() {
    return new Observations(
        NumberSet.empty(), NumberSet.empty(), NumberSet.empty(), NumberSet.empty());
  }
}
