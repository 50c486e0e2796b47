package io.portlock.bandwidth;

import io.portlock.domain.NumberSet;

/** A {@code TnOptionGroup}: one passcode change applied to a set of numbers. */
public record OptionGroup(PasscodeChange change, NumberSet numbers) {}
