package io.portlock.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a crash at any moment leaves the old content or the new, never half of it,
 * and the new one survives a power cut once this returns: a temporary file in the same folder,
 * fsynced, renamed over the target, then the folder fsynced so the rename itself is durable. The
 * one place portlock does this (state, plans, import, the sandbox's data). Targets that are links
 * or special files are refused ({@link RegularFiles}).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What goes into the file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** How a write differs from the plain replace. */
  public enum Option {
    /** Readable and writable by the owner only (the file holds secrets), where supported. */
    PRIVATE,
    /** Refuse when the target exists already, instead of replacing it. */
    CREATE_NEW
  }

  /** Writes {@code text} as UTF-8. */
  public static void write(Path file, String text, Option... options) throws IOException {
    write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), options);
  }

  /** Writes what {@code content} produces, replacing the file atomically. */
  public static void write(Path file, Content content, Option... options) throws IOException {
    write(file, null, content, options);
  }

  /**
   * Writes what {@code content} produces; before the new file replaces the old one, the old one is
   * kept as {@code backup} (hard-linked where possible, so this too is atomic).
   *
   * @param backup where the previous version goes, or null to keep none
   */
  public static void write(Path file, Path backup, Content content, Option... options)
      throws IOException {
    Set<Option> chosen = options.length == 0 ? Set.of() : Set.of(options);
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    Files.createDirectories(folder);
    boolean exists = RegularFiles.existsAsRegularFile(target);
    if (exists && chosen.contains(Option.CREATE_NEW)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    if (backup != null) {
      RegularFiles.existsAsRegularFile(backup);
    }
    Path temp =
        Files.createTempFile(
            folder,
            "." + target.getFileName(),
            ".tmp",
            chosen.contains(Option.PRIVATE) ? privateFile() : new FileAttribute<?>[0]);
    try {
      try (FileChannel channel = RegularFiles.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out =
            new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(new KeepOpen(out)); // a writer that closes its stream closes only this
        out.flush();
        channel.force(true);
      }
      if (exists && backup != null) {
        keepBackup(target, backup);
      }
      move(temp, target);
      fsyncFolder(folder);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static FileAttribute<?>[] privateFile() {
    if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }

  /** Hard-links the current file as the backup (atomic, no copy); copies where links fail. */
  private static void keepBackup(Path file, Path backup) throws IOException {
    Path temp = backup.resolveSibling("." + backup.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      Files.createLink(temp, file);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
    }
    move(temp, backup);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Makes a rename or a new file in {@code folder} durable: on Linux a directory is fsynced through
   * a read channel.
   */
  public static void fsyncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory; the rename is still atomic there.
    }
  }

  /** Keeps the file open when the content's writer closes its stream: it is fsynced after. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
