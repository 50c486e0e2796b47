package io.portlock.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves the paths a config names ({@code numbers_file}, {@code {file:}}) and refuses those
 * outside the config's folder and the folders allowed with {@code --allow-read}, so that a config
 * from an untrusted source cannot make portlock read, and send to Bandwidth, any file it likes.
 */
public final class PathPolicy {
  private final Path configFile;
  private final Path folder;
  private final List<Path> roots = new ArrayList<>();

  /**
   * The real path of each folder a resolved file was in, so that a config naming a hundred files in
   * one folder resolves that folder once, not once per file (a walk of the whole path each).
   */
  private final Map<Path, Path> realFolders = new HashMap<>();

  /**
   * A path as the user should see it ({@code display}) and the file to open ({@code real}), with
   * what the {@code lstat} made while resolving it found there (null when that was not used).
   */
  record Resolved(Path display, Path real, BasicFileAttributes attributes) {
    /** Whether {@code real} is a folder, from the attributes when there are some. */
    boolean isFolder() {
      return attributes == null ? Files.isDirectory(real) : attributes.isDirectory();
    }
  }

  /** The path cannot be used; the message says why and what to do. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * @param configFile the config as the user named it, so that displayed paths match theirs
   */
  PathPolicy(Path configFile, List<Path> allowedRoots) {
    this.configFile = configFile;
    this.folder = real(configFile.toAbsolutePath().normalize().getParent());
    roots.add(folder);
    for (Path root : allowedRoots) {
      roots.add(real(root.toAbsolutePath().normalize()));
    }
  }

  /**
   * Why portlock may not use {@code file} (the state) beside {@code configFile}, or empty when it
   * may: the state obeys the same folders as the files a config names, so that a path from an
   * untrusted source, or a linked folder, cannot make portlock read or replace a file elsewhere.
   */
  public static Optional<String> refusal(Path configFile, List<Path> allowedRoots, Path file) {
    try {
      new PathPolicy(configFile, allowedRoots).resolve(file.toString());
      return Optional.empty();
    } catch (Refused e) {
      return Optional.of(e.getMessage());
    }
  }

  Resolved resolve(String written) throws Refused {
    Path relative;
    try {
      relative = Path.of(written);
    } catch (InvalidPathException e) {
      throw new Refused("'" + written + "' is not a valid path: " + e.getReason());
    }
    Path absolute = folder.resolve(relative).normalize();
    BasicFileAttributes attributes = notALink(absolute);
    Path real =
        attributes == null
            ? real(absolute)
            : realFolders
                .computeIfAbsent(absolute.getParent(), PathPolicy::real)
                .resolve(absolute.getFileName());
    if (!inRoots(real)) {
      throw new Refused(outside(written, real));
    }
    Path display = configFile.resolveSibling(relative).normalize();
    return new Resolved(display, real, attributes);
  }

  private boolean inRoots(Path real) {
    for (Path root : roots) {
      if (real.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  private String outside(String written, Path real) {
    String where =
        roots.size() == 1
            ? "outside the config's folder " + folder
            : "outside the config's folder "
                + folder
                + " and the --allow-read folders "
                + roots.subList(1, roots.size()).stream()
                    .map(Path::toString)
                    .collect(Collectors.joining(", "));
    Path parent = real.getParent() == null ? real : real.getParent();
    return "'"
        + written
        + "' resolves to "
        + real
        + ", "
        + where
        + "; portlock reads only files there so that a config cannot leak other files;"
        + " move the file, or pass --allow-read "
        + parent
        + " to allow it";
  }

  /**
   * The attributes of {@code absolute} (one {@code lstat}) when it is there, in a folder, and not a
   * link itself: then its real path is its folder's real path (resolved once per folder) and its
   * name. Null for a link or a missing file, which {@link #real} resolves in full.
   */
  private static BasicFileAttributes notALink(Path absolute) {
    Path name = absolute.getFileName();
    if (absolute.getParent() == null || name == null || name.toString().equals("..")) {
      return null;
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isSymbolicLink() ? null : attributes;
    } catch (IOException e) {
      return null; // missing or unreadable: the nearest existing folder is resolved
    }
  }

  /**
   * The path with symbolic links resolved, so that a link cannot point out of an allowed folder.
   * For a path that does not exist, its nearest existing ancestor is resolved instead.
   */
  static Path real(Path absolute) {
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }
}
