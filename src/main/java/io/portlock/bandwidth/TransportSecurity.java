package io.portlock.bandwidth;

import com.google.common.net.InetAddresses;
import java.net.URI;
import java.util.Locale;

/** Refuses URLs that would carry credentials or passcodes in clear text over a network. */
final class TransportSecurity {
  private TransportSecurity() {}

  /**
   * Accepts {@code https://} anywhere and {@code http://} only to a loopback host (the sandbox and
   * tests). Host names other than {@code localhost} are not resolved: a name that happens to
   * resolve to 127.0.0.1 today may not tomorrow.
   */
  static void requireSafe(URI url, String what) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute()
        || url.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "expected " + what + " to be an absolute https:// URL but was " + url);
    }
    if (scheme.equals("http") && !isLoopback(url.getHost())) {
      throw new IllegalArgumentException(
          "refusing to use "
              + what
              + " "
              + url
              + ": plain http:// would send credentials and"
              + " passcodes in clear text; use https://, or http:// only to a loopback address"
              + " (127.0.0.1, ::1, localhost) for a local sandbox");
    }
  }

  static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    return InetAddresses.isInetAddress(h) && InetAddresses.forString(h).isLoopbackAddress();
  }
}
