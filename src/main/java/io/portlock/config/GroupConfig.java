package io.portlock.config;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;

/** One entry of {@code groups:}: a name, one passcode (resolved from its source) and numbers. */
public record GroupConfig(String name, SecretSource source, Passcode passcode, NumberSet numbers) {}
