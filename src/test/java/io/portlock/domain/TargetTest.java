package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetTest {
  static final Fingerprint A = new Fingerprint("a".repeat(64));

  @Test
  void aSetNamesItsGroupAndPasscodeAndRefusesToLeaveEitherOut() {
    Target set = Target.set("hq", A);

    assertThat(set).isEqualTo(new Target.Set("hq", A));
    assertThat(set.action()).isEqualTo("set");
    assertThat(set.passcodeKey()).contains(A);
    assertThatThrownBy(() -> Target.set(null, A))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("group");
    assertThatThrownBy(() -> Target.set("hq", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fingerprint");
  }

  @Test
  void aClearHasNoGroupAndNoPasscode() {
    assertThat(Target.clear()).isEqualTo(new Target.Clear());
    assertThat(Target.clear().action()).isEqualTo("clear");
    assertThat(Target.clear().passcodeKey()).isEqualTo(Optional.empty());
  }

  @Test
  void twoGroupsWithOnePasscodeShareAnOptionGroupAndAClearHasItsOwn() {
    assertThat(Target.set("hq", A).passcodeKey()).isEqualTo(Target.set("lab", A).passcodeKey());
    assertThat(Target.set("hq", A).passcodeKey()).isNotEqualTo(Target.clear().passcodeKey());
  }
}
