package io.portlock.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portlock.files.AtomicFiles;
import io.portlock.files.RegularFiles;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state as a JSON file ({@code portlock.state.json}) and a journal beside it ({@code
 * portlock.state.json.journal}, see {@link StateJournal}).
 *
 * <p>A commit appends one line to the journal and fsyncs it: it costs what it changes, not the size
 * of the state. The journal is folded into the state file when the session closes, and while it
 * runs at most every {@link #COMPACT_EVERY}: the state file is written to a temporary file, fsynced
 * and renamed over the old one (kept as {@code .backup}), then the journal is deleted. A crash at
 * any moment loses no commit: a reader applies the journal's lines to the state file, skipping
 * those the state file already holds, and ignores a last line cut short. The lock is an OS file
 * lock on {@code .lock}: the kernel releases it when its process dies, even by SIGKILL.
 */
public final class FileStateStore implements StateStore {
  /** How often a running session folds its journal into the state file, at most. */
  public static final Duration COMPACT_EVERY = Duration.ofSeconds(10);

  /** Set up on first use: an ObjectMapper costs a quarter of a second that most runs never need. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** A new holder writes its record right after locking; this covers a slow, busy machine. */
  private static final Duration RECORD_WAIT = Duration.ofSeconds(2);

  private final Path file;
  private final Path backup;
  private final Path lockFile;
  private final Path journal;
  private final Clock clock;
  private final Duration compactEvery;

  public FileStateStore(Path file) {
    this(file, Clock.systemUTC(), COMPACT_EVERY);
  }

  /** A store whose sessions fold the journal in every {@code compactEvery} of {@code clock}. */
  FileStateStore(Path file, Clock clock, Duration compactEvery) {
    this.file = file.toAbsolutePath().normalize();
    this.backup = sibling(".backup");
    this.lockFile = sibling(".lock");
    this.journal = sibling(StateJournal.SUFFIX);
    this.clock = clock;
    this.compactEvery = compactEvery;
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

  /** The commits since the state file was last written; absent when there are none. */
  public Path journalFile() {
    return journal;
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public Optional<State> read() {
    return Optional.ofNullable(snapshot().replay().state());
  }

  /**
   * The state file's kdf and whether it holds a seal, from its first lines; the journal may still
   * change them (a rekey, a new seal).
   */
  @Override
  public Optional<Hint> hint() {
    try (InputStream in = new BufferedInputStream(RegularFiles.newInputStream(file), 8192)) {
      return StateJson.peekHead(in);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The state file and journal as read together, with how much of the journal was whole. */
  private record Snapshot(StateJournal.Replay replay, long journalSize, Object fileIdentity) {}

  /**
   * Reads the journal, then the state file: a session that folds the journal in meanwhile writes
   * the state file before deleting the journal, so the pair read is never older than the journal
   * read, and lines the state file already holds are skipped.
   */
  private Snapshot snapshot() {
    byte[] lines = readJournal();
    Object identity;
    try {
      identity = identity(file);
    } catch (IOException e) {
      throw new StateException(location(), "cannot read the state file: " + reason(e), e);
    }
    State base = readFile(lines != null);
    if (lines == null) {
      return new Snapshot(new StateJournal.Replay(base, 0, false, 0), -1, identity);
    }
    try {
      return new Snapshot(StateJournal.replay(lines, base), lines.length, identity);
    } catch (IOException | RuntimeException e) {
      String why = FileFormatException.describe(e);
      throw new StateException(
          journal.toString(),
          "the state's journal cannot be applied ("
              + firstLine(why)
              + ") and was not changed. It holds the commits since "
              + file.getFileName()
              + " was last written: restore both files together from git or"
              + " from the place they were copied from, and run again");
    }
  }

  /** The journal's bytes, or null when there is none. */
  private byte[] readJournal() {
    try (InputStream in = RegularFiles.newInputStream(journal)) {
      return in.readAllBytes();
    } catch (NoSuchFileException e) {
      return null;
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    } catch (IOException e) {
      throw new StateException(
          journal.toString(),
          "cannot read the state's journal: " + reason(e) + "; check that it is readable",
          e);
    }
  }

  /** The state file's state, or null when there is none yet. */
  private State readFile(boolean journalExists) {
    if (!isRegularFile(file)) {
      if (journalExists) {
        throw new StateException(
            location(),
            "the state file is missing but "
                + journal
                + " exists, so portlock has applied changes before; restore the state file from git"
                + " and run again");
      }
      if (isRegularFile(backup)) {
        throw new StateException(
            location(),
            "the state file is missing but its backup "
                + backup
                + " exists, so portlock has applied changes before; restore it with `cp "
                + backup
                + " "
                + file
                + "` (or from git) and run again");
      }
      return null;
    }
    try (InputStream in = new BufferedInputStream(RegularFiles.newInputStream(file), 1 << 16)) {
      return StateCodec.read(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw corrupt(e);
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    } catch (IOException e) {
      throw new StateException(
          location(),
          "cannot read the state file: " + reason(e) + "; check that it exists and is readable",
          e);
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
   * The file cannot be read as a state. Neither the message nor a cause quotes its text: a parser's
   * message would, and the file may be a secret planted under the state's name.
   */
  private StateException corrupt(Exception e) {
    if (e instanceof FileFormatException f && f.isNewer()) {
      return new StateException(location(), f.getMessage() + "; the file was not changed");
    }
    String why =
        e instanceof State.DuplicateNumberException dup
            ? "number " + dup.number + " is listed in two entries"
            : FileFormatException.describe(e);
    return new StateException(
        location(),
        "the state file is corrupt ("
            + firstLine(why)
            + ") and was"
            + " not changed. Restore the previous version with `cp "
            + backup
            + " "
            + file
            + "` or take it from git; do not delete it: portlock would forget which numbers it"
            + " manages and plan to add them all again");
  }

  @Override
  public StateSession open(String operation, Duration lockTimeout) {
    FileLockHandle lock = lock(operation, lockTimeout);
    try {
      Snapshot snapshot = snapshot();
      FileSession session = new FileSession(lock, snapshot);
      session.dropTornTail(snapshot);
      return session;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** A session: commits go to the journal, which is folded into the state file now and then. */
  private final class FileSession extends LockedSession {
    private final FileLockHandle handle;
    private Object fileIdentity; // the state file as this session last read or wrote it
    private long journalSize; // the journal's size as this session left it; -1: none
    private FileChannel appender;
    private Instant lastFolded = clock.instant();

    FileSession(FileLockHandle handle, Snapshot snapshot) {
      super(file.toString(), handle.info(), Optional.ofNullable(snapshot.replay().state()));
      this.handle = handle;
      this.fileIdentity = snapshot.fileIdentity();
      this.journalSize = snapshot.journalSize();
    }

    /** A last line cut short by a crash was never acknowledged: it is cut off before appending. */
    void dropTornTail(Snapshot snapshot) {
      if (!snapshot.replay().tornTail()) {
        return;
      }
      try (FileChannel channel = RegularFiles.open(journal, StandardOpenOption.WRITE)) {
        channel.truncate(snapshot.replay().committedBytes());
        channel.force(true);
        journalSize = snapshot.replay().committedBytes();
      } catch (IOException e) {
        throw new StateException(
            journal.toString(),
            "cannot cut off the half-written last line" + " of the state's journal: " + reason(e),
            e);
      }
    }

    @Override
    protected void store(Commit commit) {
      try {
        checkUnchanged(commit.expected());
        if (commit.change() instanceof StateChange.Replaced
            || commit.change() instanceof StateChange.Migrated) {
          fold(commit.state().get());
          return;
        }
        append(StateJournal.line(commit.serial(), commit.lineage(), commit.change()));
      } catch (RegularFiles.NotRegularException e) {
        throw notRegular(e);
      } catch (IOException e) {
        throw new StateException(
            location(),
            "cannot write the state: "
                + reason(e)
                + "; the state is as it was before this change. Free space or fix permissions and"
                + " run again",
            e);
      }
    }

    @Override
    protected void afterCommit() {
      if (journalSize > 0 && !clock.instant().isBefore(lastFolded.plus(compactEvery))) {
        try {
          checkUnchanged(serial());
          fold(current());
        } catch (IOException | RuntimeException e) {
          // Every commit is safe in the journal; the next fold (at the latest at close) retries,
          // and a conflict is reported by the next commit.
          lastFolded = clock.instant();
        }
      }
    }

    /**
     * The compare-and-set: the state file and journal must be as this session left them, or at
     * least still hold the serial it expects (a file touched but not changed).
     */
    private void checkUnchanged(long expected) throws IOException {
      long size = size(journal);
      if (Objects.equals(identity(file), fileIdentity) && size == journalSize) {
        return;
      }
      Snapshot now = snapshot();
      State stored = now.replay().state();
      long actual = stored == null ? -1 : stored.serial();
      State mine = current();
      boolean sameLineage =
          stored == null || mine == null || stored.lineage().equals(mine.lineage());
      if (actual != expected || !sameLineage) {
        throw conflict(
            location(),
            expected,
            stored == null
                ? "no state"
                : "serial " + actual + (sameLineage ? "" : " of another lineage"));
      }
      if (now.replay().tornTail()) {
        throw conflict(
            location(),
            expected,
            "serial " + actual + " with a journal line that" + " another process is writing");
      }
      fileIdentity = now.fileIdentity();
      journalSize = now.journalSize();
    }

    /** Appends one line and fsyncs it: the commit is durable once this returns. */
    private void append(byte[] line) throws IOException {
      boolean created = appender == null && journalSize < 0;
      if (appender == null) {
        appender =
            RegularFiles.open(
                journal,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        appender.write(buffer);
      }
      appender.force(false);
      if (created) {
        AtomicFiles.fsyncFolder(journal.getParent()); // the new file's name is durable too
      }
      journalSize = Math.max(journalSize, 0) + line.length;
    }

    /** Writes {@code state} as the state file, then deletes the journal it now holds. */
    private void fold(State state) throws IOException {
      writeFile(state);
      closeAppender();
      Files.deleteIfExists(journal);
      AtomicFiles.fsyncFolder(journal.getParent());
      fileIdentity = identity(file);
      journalSize = -1;
      lastFolded = clock.instant();
    }

    private void closeAppender() {
      if (appender != null) {
        try {
          appender.close();
        } catch (IOException e) {
          // every line written was fsynced
        }
        appender = null;
      }
    }

    @Override
    protected void release() {
      try {
        if (journalSize > 0) {
          checkUnchanged(serial()); // another writer's state is not overwritten by ours
          fold(current());
        }
      } catch (IOException e) {
        throw new StateException(
            location(),
            "cannot write the state file: "
                + reason(e)
                + "; every change is kept in "
                + journal.getFileName()
                + " and the next portlock"
                + " run folds it in. Free space or fix permissions",
            e);
      } finally {
        closeAppender();
        handle.close();
      }
    }

    /** The process died here: the OS drops the lock, the record stays, nothing is folded. */
    void crash() {
      closeAppender();
      handle.abandon();
    }
  }

  /** Simulates the death of the process holding {@code session} (for the contract tests). */
  static void crash(StateSession session) {
    if (!(session instanceof FileSession fileSession)) {
      throw new IllegalArgumentException("not a session of a file store");
    }
    fileSession.crash();
  }

  private void writeFile(State next) throws IOException {
    try {
      AtomicFiles.write(file, backup, out -> StateCodec.write(next, out));
    } catch (RegularFiles.NotRegularException e) {
      throw notRegular(e);
    }
  }

  private static long size(Path path) throws IOException {
    try {
      return Files.readAttributes(
              path, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          .size();
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private static Object identity(Path path) throws IOException {
    try {
      BasicFileAttributes a =
          Files.readAttributes(
              path, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      Object key = a.fileKey();
      return (key == null ? "" : key.toString())
          + "/"
          + a.size()
          + "/"
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
        FileChannel channel =
            RegularFiles.open(
                lockFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
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
        Thread.sleep(
            !now.isBefore(deadline)
                ? 10
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
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(buffer.array());
      return new LockInfo(
          node.path("id").asText(),
          node.path("operation").asText(),
          node.path("who").asText(),
          node.path("host").asText(),
          node.path("pid").asLong(),
          Instant.parse(node.path("created").asText()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] toJson(LockInfo info) {
    ObjectNode node = Json.MAPPER.createObjectNode();
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
    try (FileChannel channel =
        RegularFiles.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      LockInfo holder = readHolder(channel);
      if (holder == null) {
        throw new StateException(lockFile.toString(), "no lock record is there; nothing to unlock");
      }
      if (!holder.id().equals(lockId)) {
        throw new StateException(
            lockFile.toString(),
            "the lock record has ID "
                + holder.id()
                + ", not "
                + lockId
                + "; pass the ID shown in the lock error");
      }
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new StateException(
            lockFile.toString(),
            "lock "
                + lockId
                + " is still held by a running"
                + " process ("
                + holder
                + "); the OS releases it when that process ends: stop it"
                + " (kill "
                + holder.pid()
                + " on "
                + holder.host()
                + ") instead of unlocking");
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
