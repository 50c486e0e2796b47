package io.portlock.state;

import io.portlock.files.AtomicFiles;
import io.portlock.files.RegularFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state as a JSON file ({@code portlock.state.json}). Writes go to a temporary file that is
 * fsynced and renamed over the old one, after the old one is kept as {@code .backup}; so a crash
 * at any moment leaves either the old or the new state, never a half-written one. The lock is an
 * OS file lock on {@code .lock}: the kernel releases it when its process dies, even by SIGKILL.
 */
public final class FileStateStore implements StateStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A new holder writes its record right after locking; this covers a slow, busy machine. */
  private static final Duration RECORD_WAIT = Duration.ofSeconds(2);

  private final Path file;
  private final Path backup;
  private final Path lockFile;

  public FileStateStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.backup = sibling(".backup");
    this.lockFile = sibling(".lock");
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  public Path file() {
    return file;
  }

  public Path backupFile() {
    return backup;
  }

  public Path lockFile() {
    return lockFile;
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public Optional<State> read() {
    if (!isRegularFile(file)) {
      if (isRegularFile(backup)) {
        throw new StateException(location(), "the state file is missing but its backup " + backup
            + " exists, so portlock has applied changes before; restore it with `cp " + backup
            + " " + file + "` (or from git) and run again");
      }
      return Optional.empty();
    }
    try {
      State state;
      try (InputStream in = new BufferedInputStream(RegularFiles.newInputStream(file), 1 << 16)) {
        state = StateCodec.read(in);
      }
      return Optional.of(state);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw corrupt(e);
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    } catch (IOException e) {
      throw new StateException(location(), "cannot read the state file: " + reason(e)
          + "; check that it exists and is readable", e);
    } catch (RuntimeException e) {
      throw corrupt(e);
    }
  }

  /** Whether a regular file is there; a link or special file under the name is refused. */
  private static boolean isRegularFile(Path path) {
    try {
      return RegularFiles.existsAsRegularFile(path);
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    }
  }

  private static StateException notRegular(RegularFiles.NotRegularException e) {
    return new StateException(e.file().toString(), e.problem());
  }

  /**
   * The file cannot be read as a state. Neither the message nor a cause quotes its text: a
   * parser's message would, and the file may be a secret planted under the state's name.
   */
  private StateException corrupt(Exception e) {
    if (e instanceof FileFormatException f && f.isNewer()) {
      return new StateException(location(), f.getMessage() + "; the file was not changed");
    }
    String why = e instanceof State.DuplicateNumberException dup
        ? "number " + dup.number + " is listed in two entries"
        : FileFormatException.describe(e);
    return new StateException(location(), "the state file is corrupt (" + firstLine(why) + ") and was"
        + " not changed. Restore the previous version with `cp " + backup + " " + file
        + "` or take it from git; do not delete it: portlock would forget which numbers it"
        + " manages and plan to add them all again");
  }

  @Override
  public StateSession open(String operation, Duration lockTimeout) {
    FileLockHandle lock = lock(operation, lockTimeout);
    try {
      Object identity = identity();
      return new FileSession(lock, read(), identity);
    } catch (IOException e) {
      lock.close();
      throw new StateException(location(), "cannot read the state file: " + reason(e), e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The session: each commit rewrites the file, after checking nobody else wrote it. */
  private final class FileSession extends LockedSession {
    private final FileLockHandle handle;
    private Object lastSeen; // the file's identity when this session last read or wrote it

    FileSession(FileLockHandle handle, Optional<State> current, Object identity) {
      super(file.toString(), handle.info(), current);
      this.handle = handle;
      this.lastSeen = identity;
    }

    @Override
    protected void store(Optional<State> before, State next, StateChange change) {
      try {
        if (!Objects.equals(identity(), lastSeen)) {
          checkSerial(before);
        }
        writeFile(next);
        lastSeen = identity();
      } catch (IOException e) {
        throw new StateException(location(), "cannot write the state file: " + reason(e)
            + "; the previous state is unchanged. Free space or fix permissions and run again", e);
      }
    }

    /** The file changed since this session saw it: fine only if its serial did not move. */
    private void checkSerial(Optional<State> before) {
      Optional<State> stored = read();
      boolean same = stored.isPresent() == before.isPresent()
          && stored.map(s -> s.serial() == before.get().serial()
              && s.lineage().equals(before.get().lineage())).orElse(true);
      if (!same) {
        throw conflict(location(), before, stored.map(s -> "serial " + s.serial()
            + (before.isPresent() && !s.lineage().equals(before.get().lineage())
                ? " of another lineage" : "")).orElse("no state"));
      }
    }

    @Override
    protected void release() {
      handle.close();
    }

    /** The process died here: the OS drops the lock, the record stays (tests). */
    void crash() {
      handle.abandon();
    }
  }

  /** Simulates the death of the process holding {@code session} (for the contract tests). */
  static void crash(StateSession session) {
    if (!(session instanceof FileSession file)) {
      throw new IllegalArgumentException("not a session of a file store");
    }
    file.crash();
  }

  private void writeFile(State next) throws IOException {
    try {
      AtomicFiles.write(file, backup, out -> StateCodec.write(next, out));
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    }
  }

  private Object identity() throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      Object key = a.fileKey();
      return (key == null ? "" : key.toString()) + "/" + a.size() + "/"
          + a.lastModifiedTime().toMillis();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private FileLockHandle lock(String operation, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try {
      Files.createDirectories(lockFile.getParent());
      while (true) {
        FileChannel channel = RegularFiles.open(lockFile, StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock != null) {
          LockInfo info = LockInfo.forThisProcess(operation);
          channel.truncate(0);
          channel.write(ByteBuffer.wrap(toJson(info)), 0);
          channel.force(true);
          return new FileLockHandle(channel, lock, info);
        }
        LockInfo holder = readHolder(channel);
        channel.close();
        Instant now = Instant.now();
        // A holder that has just taken the lock writes its record a moment later: an apply
        // started at the same moment waits a little longer to name it, or to get the lock.
        boolean unnamed = holder == null && now.isBefore(deadline.plus(RECORD_WAIT));
        if (!now.isBefore(deadline) && !unnamed) {
          throw LockHeldException.timedOut(location(), holder, timeout);
        }
        Thread.sleep(!now.isBefore(deadline) ? 10
            : Math.min(200, Math.max(1, Duration.between(now, deadline).toMillis())));
      }
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    } catch (IOException e) {
      throw new StateException(lockFile.toString(), "cannot take the lock: " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException(lockFile.toString(), "interrupted while waiting for the lock", e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very JVM (two applies in one process, as in tests)
    }
  }

  /** The current holder's details, or null when no lock record can be read. */
  public LockInfo holder() {
    try (FileChannel channel = RegularFiles.open(lockFile, StandardOpenOption.READ)) {
      return readHolder(channel);
    } catch (IOException e) {
      return null;
    }
  }

  private static LockInfo readHolder(FileChannel channel) {
    try {
      long size = channel.size();
      if (size == 0 || size > 64 * 1024) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      channel.read(buffer, 0);
      ObjectNode node = (ObjectNode) JSON.readTree(buffer.array());
      return new LockInfo(node.path("id").asText(), node.path("operation").asText(),
          node.path("who").asText(), node.path("host").asText(), node.path("pid").asLong(),
          Instant.parse(node.path("created").asText()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] toJson(LockInfo info) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", info.id());
    node.put("operation", info.operation());
    node.put("who", info.who());
    node.put("host", info.host());
    node.put("pid", info.pid());
    node.put("created", info.created().toString());
    return (node.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String forceUnlock(String lockId) {
    try (FileChannel channel = RegularFiles.open(lockFile, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      LockInfo holder = readHolder(channel);
      if (holder == null) {
        throw new StateException(lockFile.toString(), "no lock record is there; nothing to unlock");
      }
      if (!holder.id().equals(lockId)) {
        throw new StateException(lockFile.toString(), "the lock record has ID " + holder.id() + ", not "
            + lockId + "; pass the ID shown in the lock error");
      }
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new StateException(lockFile.toString(), "lock " + lockId + " is still held by a running"
            + " process (" + holder + "); the OS releases it when that process ends: stop it"
            + " (kill " + holder.pid() + " on " + holder.host() + ") instead of unlocking");
      }
      try {
        channel.truncate(0);
        channel.force(true);
      } finally {
        lock.release();
      }
      return "Cleared lock record " + lockId + " (" + holder + "); its process had already ended.";
    } catch (NoSuchFileException e) {
      throw new StateException(lockFile.toString(), "there is no lock file; nothing to unlock");
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    } catch (IOException e) {
      throw new StateException(lockFile.toString(), "cannot open the lock file: " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return message == null ? kind : kind + " " + message;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown problem";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Releases the OS lock and blanks the record; the file stays so no other inode can race it. */
  private static final class FileLockHandle {
    private final FileChannel channel;
    private final FileLock lock;
    private final LockInfo info;

    FileLockHandle(FileChannel channel, FileLock lock, LockInfo info) {
      this.channel = channel;
      this.lock = lock;
      this.info = info;
    }

    LockInfo info() {
      return info;
    }

    void close() {
      try {
        channel.truncate(0);
        lock.release();
        channel.close();
      } catch (IOException e) {
        // The OS drops the lock with the channel; a stale record is harmless and overwritten.
      }
    }

    /** Drops the channel (so the OS lock) without blanking the record, as a killed process. */
    void abandon() {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to keep
      }
    }
  }
}
