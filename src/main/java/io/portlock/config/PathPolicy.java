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

  /** A path as the user should see it ({@code display}) and the file to open ({@code real}). */
  record Resolved(Path display, Path real) {}

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
    Path real = realFile(folder.resolve(relative).normalize());
    if (roots.stream().noneMatch(real::startsWith)) {
      throw new Refused(outside(written, real));
    }
    Path display = configFile.resolveSibling(relative).normalize();
    return new Resolved(display, real);
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
   * What {@link #real} returns, found with one {@code lstat} when the file is there and is not a
   * link itself: then it is its folder's real path (resolved once per folder) and its name. A link
   * or a missing file is resolved in full, as before.
   */
  private Path realFile(Path absolute) {
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    if (parent == null || name == null || name.toString().equals("..")) {
      return real(absolute);
    }
    try {
      if (Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isSymbolicLink()) {
        return real(absolute);
      }
    } catch (IOException e) {
      return real(absolute); // missing or unreadable: the nearest existing folder is resolved
    }
    return realFolders.computeIfAbsent(parent, PathPolicy::real).resolve(name);
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
