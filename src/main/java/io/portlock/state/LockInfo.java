package io.portlock.state;

import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/** Who holds a lock: written into the lock so that the one waiting can say who to ask. */
public record LockInfo(
    String id, String operation, String who, String host, long pid, Instant created) {

  public static LockInfo forThisProcess(String operation) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return new LockInfo(
        UUID.randomUUID().toString(),
        operation,
        System.getProperty("user.name", "unknown"),
        host,
        ProcessHandle.current().pid(),
        Instant.now());
  }

  @Override
  public String toString() {
    return "ID "
        + id
        + ", operation "
        + operation
        + ", by "
        + who
        + " on "
        + host
        + " (pid "
        + pid
        + ") since "
        + created;
  }
}
