package io.portlock.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The file store passes the store contract. */
class FileStateStoreContractTest extends StateStoreContract {
  @TempDir Path dir;

  @Override
  protected StateStore store() {
    return new FileStateStore(dir.resolve("portlock.state.json"));
  }

  /** Someone deletes the lock file under a running apply: the next one locks a new file. */
  @Override
  protected void breakLock(StateStore store, StateSession holder) {
    try {
      Files.delete(((FileStateStore) store).lockFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void crash(StateSession session) {
    FileStateStore.crash(session);
  }

  @Override
  protected String everythingStored() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
