package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate names weak passcodes by group and rule, never by value; strict policy refuses them. A
 * 6-digit passcode fell to one offline pass over a committed state in 24 s.
 */
class WeakPasscodeTest {
  @TempDir Path dir;

  private CliHarness config(String policy, String... groups) {
    CliHarness cli = new CliHarness(dir);
    StringBuilder yaml =
        new StringBuilder("version: 1\naccount: \"9900000\"\n" + policy + "groups:\n");
    for (int i = 0; i < groups.length; i++) {
      String name = "g" + i;
      cli.env.put("P" + i, groups[i]);
      yaml.append("  ")
          .append(name)
          .append(":\n    passcode: {env: P")
          .append(i)
          .append("}\n    numbers: [\"20185510")
          .append(10 + i)
          .append("\"]\n");
    }
    cli.write("portlock.yaml", yaml.toString());
    return cli;
  }

  @Test
  void eachWeakRuleIsNamedWithTheGroupAndNeverWithThePasscode() {
    CliHarness cli =
        config(
            "",
            "482915",
            "Qm7Qm7Qm7",
            "aaaaaaaa",
            "abcdefgh",
            "98765432",
            "18551015",
            "1016",
            "Zx81Kq4Lm2");

    CliHarness.Result validate = cli.run("validate");

    assertThat(validate.exitCode()).isZero();
    String suffix =
        "; use 8 to 10 mixed letters and digits that are not taken from the numbers"
            + " (safety.passcode_policy: strict makes this an error)";
    assertThat(validate.err())
        .contains(
            "portlock.yaml:4:3: warning: the passcode of group 'g0' is weak: it is all digits, it has"
                + " fewer than 8 characters"
                + suffix,
            "portlock.yaml:10:3: warning: the passcode of group 'g2' is weak: it is one character"
                + " repeated"
                + suffix,
            "warning: the passcode of group 'g3' is weak: it is a sequence (like 1234, abcd or 9876)"
                + suffix,
            "warning: the passcode of group 'g4' is weak: it is all digits, it is a sequence (like"
                + " 1234, abcd or 9876)"
                + suffix,
            "warning: the passcode of group 'g5' is weak: it is all digits, it is the last digits"
                + " of one of the group's own numbers"
                + suffix,
            "warning: the passcode of group 'g6' is weak: it is all digits, it has fewer than 8"
                + " characters, it is the last digits of one of the group's own numbers"
                + suffix);
    assertThat(validate.err()).doesNotContain("'g1'").doesNotContain("'g7'");
    for (String passcode :
        new String[] {
          "482915", "Qm7Qm7Qm7", "aaaaaaaa", "abcdefgh", "98765432", "18551015", "1016"
        }) {
      // The random temporary folder in the paths may hold those digits by chance: leave it out.
      assertThat(validate.all().replace(cli.dir.toString(), "DIR")).doesNotContain(passcode);
    }
    assertThat(cli.run("plan", "--refresh=false").err())
        .contains("Warning: 6 warnings in" + " portlock.yaml");
  }

  @Test
  void strictPolicyMakesAWeakPasscodeAnError() {
    CliHarness cli = config("safety:\n  passcode_policy: strict\n", "482915", "Zx81Kq4Lm2");

    CliHarness.Result validate = cli.run("validate");

    assertThat(validate.exitCode()).isEqualTo(1);
    assertThat(validate.err())
        .contains(
            "portlock.yaml:6:3: error: the passcode of group 'g0' is"
                + " weak: it is all digits, it has fewer than 8 characters; use 8 to 10 mixed letters and"
                + " digits that are not taken from the numbers (safety.passcode_policy is strict)")
        .doesNotContain("482915");
    assertThat(cli.run("plan", "--refresh=false").exitCode()).isEqualTo(1);
  }

  @Test
  void anUnknownPolicyIsAnErrorAtItsPlace() {
    CliHarness cli = config("safety:\n  passcode_policy: lax\n", "Zx81Kq4Lm2");

    CliHarness.Result validate = cli.run("validate");

    assertThat(validate.exitCode()).isEqualTo(1);
    assertThat(validate.err())
        .contains(
            "portlock.yaml:4:20: error: safety.passcode_policy must be" + " warn or strict; found");
  }
}
