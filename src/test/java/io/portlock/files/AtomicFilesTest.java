package io.portlock.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private String[] names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("plan.json");
    AtomicFiles.write(file, "old\n");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write("half of the new".getBytes());
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");

    assertThat(Files.readString(file)).isEqualTo("old\n");
    assertThat(names()).containsExactly("plan.json");
  }

  @Test
  void aWriterThatClosesItsStreamStillHasItsBytesWrittenAndSynced() throws IOException {
    Path file = dir.resolve("sub").resolve("data.json");
    AtomicFiles.write(
        file,
        out -> {
          out.write("{}".getBytes());
          out.close(); // as Jackson's writeValue does
        });
    assertThat(Files.readString(file)).isEqualTo("{}");
  }

  @Test
  void theBackupHoldsThePreviousVersion() throws IOException {
    Path file = dir.resolve("s.json");
    Path backup = dir.resolve("s.json.backup");
    AtomicFiles.write(file, backup, out -> out.write('1'));
    assertThat(backup).doesNotExist();
    AtomicFiles.write(file, backup, out -> out.write('2'));

    assertThat(Files.readString(file)).isEqualTo("2");
    assertThat(Files.readString(backup)).isEqualTo("1");
    assertThat(names()).containsExactly("s.json", "s.json.backup");
  }

  @Test
  void aPrivateFileIsReadableByItsOwnerOnly() throws IOException {
    Path file = dir.resolve("secrets.env");
    AtomicFiles.write(file, "export X='y'\n", AtomicFiles.Option.PRIVATE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void createNewRefusesAnExistingFileAndLeavesIt() throws IOException {
    Path file = dir.resolve("portlock.yaml");
    Files.writeString(file, "mine");
    assertThatThrownBy(() -> AtomicFiles.write(file, "theirs", AtomicFiles.Option.CREATE_NEW))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void aLinkUnderTheNameIsRefusedAndWhatItPointsToIsUntouched() throws IOException {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "precious");
    Path link = dir.resolve("plan.json");
    Files.createSymbolicLink(link, victim);

    assertThatThrownBy(() -> AtomicFiles.write(link, "plan"))
        .isInstanceOf(RegularFiles.NotRegularException.class)
        .hasMessageContaining("is a symbolic link, not a regular file");
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }
}
