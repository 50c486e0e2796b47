package io.portlock.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Opens portlock's own files (state, backup, lock, plans) without following symbolic links: a link
 * committed to a repository must not make portlock truncate, create or read a file elsewhere on the
 * machine. Anything that is not a regular file is refused by name.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /** The file is there but is not a regular file: the message names it and says what to do. */
  public static final class NotRegularException extends IOException {
    private final Path file;
    private final String problem;

    public NotRegularException(Path file, String kind) {
      super(file + ": this " + explain(kind));
      this.file = file;
      this.problem = "this " + explain(kind);
    }

    private static String explain(String kind) {
      return "is "
          + kind
          + ", not a regular file; portlock does not read or write through links"
          + " or special files, so that a file planted in the repository cannot make it read or"
          + " change another file. Remove it (or put the file itself there) and run again";
    }

    public Path file() {
      return file;
    }

    /** The message without the path, for exceptions that add the path themselves. */
    public String problem() {
      return problem;
    }
  }

  /**
   * Checks that {@code file}, if anything is at that name, is a regular file (the name itself, not
   * what it may link to).
   *
   * @return whether a regular file is there
   */
  public static boolean existsAsRegularFile(Path file) throws NotRegularException {
    Optional<BasicFileAttributes> attributes = attributes(file);
    if (attributes.isEmpty()) {
      return false;
    }
    BasicFileAttributes a = attributes.get();
    if (!a.isRegularFile()) {
      throw new NotRegularException(
          file,
          a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a folder" : "a special file");
    }
    return true;
  }

  private static Optional<BasicFileAttributes> attributes(Path file) {
    try {
      return Optional.of(
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return Optional.empty(); // absent, or unreadable: opening it reports the reason
    }
  }

  /** Opens an existing regular file for reading; a link or special file is refused. */
  public static InputStream newInputStream(Path file) throws IOException {
    if (!existsAsRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return Channels.newInputStream(open(file, StandardOpenOption.READ));
  }

  /**
   * Opens {@code file} with {@code options} plus {@link LinkOption#NOFOLLOW_LINKS}, after checking
   * that what is there (if anything) is a regular file. A link planted between the check and the
   * open fails the open instead of being followed.
   */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    existsAsRegularFile(file);
    Set<OpenOption> all = new LinkedHashSet<>(Arrays.asList(options));
    all.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return FileChannel.open(file, all);
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        throw new NotRegularException(file, "a symbolic link");
      }
      throw e;
    }
  }
}
