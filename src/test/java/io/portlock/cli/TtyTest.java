package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TtyTest {
  @Test
  void terminalDevicesAreTerminalsAndPipesFilesAndDevNullAreNot() {
    assertThat(Tty.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Tty.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Tty.isTerminalDevice("/dev/console")).isTrue();
    assertThat(Tty.isTerminalDevice("pipe:[123456]")).isFalse();
    assertThat(Tty.isTerminalDevice("socket:[42]")).isFalse();
    assertThat(Tty.isTerminalDevice("/dev/null")).isFalse();
    assertThat(Tty.isTerminalDevice("/home/ci/answers.txt")).isFalse();
  }

  @Test
  void surefiresStdinIsNoTerminal() {
    // Maven runs the tests with stdin from a pipe or /dev/null, never a person.
    assertThat(Tty.stdinIsTerminal()).isFalse();
  }
}
