package io.portlock.domain;

import io.portlock.config.Config;

/**
 * A domain value that reaches up into config, as the architecture rules must refuse it (and, config
 * depending on domain, a package cycle). Never run: {@code ArchitectureRulesFailTest} only reads
 * it.
 */
final class DomainViolations {
  private DomainViolations() {}

  static AccountId accountOf(Config config) {
    return config.account();
  }
}
