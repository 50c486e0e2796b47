package io.portlock.sandbox;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the sandbox's account holds beyond plain on-net numbers, and what its credentials may do.
 *
 * @param tiers numbers whose tier is not 0 (off-net): {@code GET /tns} lists that tier, and
 *     passcode orders for them fail with 5196
 * @param otherNumbers numbers outside NANP, in E.164 ({@code +442071838750}): listed by {@code
 *     /tns}, refused by orders as invalid
 * @param roles what the credentials may do; without {@link Role#NUMBERS} {@code GET /tns} answers
 *     403, without {@link Role#IN_SERVICE_NUMBERS} {@code inserviceNumbers} does
 */
public record AccountProfile(Map<Long, Integer> tiers, List<String> otherNumbers, Set<Role> roles) {

  /** The roles of Bandwidth credentials that the sandbox checks. */
  public enum Role {
    /** Bandwidth's Numbers role: {@code GET /tns}. */
    NUMBERS,
    /** Whatever lets credentials read {@code GET /accounts/{id}/inserviceNumbers}. */
    IN_SERVICE_NUMBERS
  }

  public AccountProfile {
    tiers = Map.copyOf(Objects.requireNonNull(tiers, "tiers"));
    otherNumbers = List.copyOf(Objects.requireNonNull(otherNumbers, "otherNumbers"));
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    for (String number : otherNumbers) {
      if (!number.matches("\\+[2-9][0-9]{6,14}")) {
        throw new IllegalArgumentException(
            "expected a number outside NANP in E.164, such as"
                + " +442071838750, but was '"
                + number
                + "'");
      }
    }
    tiers.forEach(
        (number, tier) -> {
          if (tier < 0 || tier > 99) {
            throw new IllegalArgumentException(
                "expected a tier from 0 to 99 for " + number + " but was " + tier);
          }
        });
  }

  /** Every number on-net, none outside NANP, every role granted. */
  public static AccountProfile plain() {
    return new AccountProfile(Map.of(), List.of(), EnumSet.allOf(Role.class));
  }

  public AccountProfile withTiers(Map<Long, Integer> t) {
    Map<Long, Integer> more = new TreeMap<>(tiers);
    more.putAll(t);
    return new AccountProfile(more, otherNumbers, roles);
  }

  public AccountProfile withOtherNumbers(List<String> numbers) {
    return new AccountProfile(tiers, numbers, roles);
  }

  public AccountProfile withRoles(Set<Role> r) {
    return new AccountProfile(tiers, otherNumbers, r.isEmpty() ? Set.of() : EnumSet.copyOf(r));
  }
}
