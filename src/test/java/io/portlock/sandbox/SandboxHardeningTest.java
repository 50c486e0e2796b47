package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a local user (or a page in their browser) can do to a sandbox: send huge bodies without
 * credentials, hold bodies open, or find its passcodes in git. None of it may work.
 */
class SandboxHardeningTest {
  private static final long BIG = 63L * 1024 * 1024;
  private static final String ORDERS = "/api/v1/accounts/9900000/tnoptions";

  private Sandbox sandbox;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Sends the head of a POST that announces {@code length} bytes, and a few of them. */
  private Socket startPost(String authorization, long length) throws IOException {
    Socket socket = new Socket("127.0.0.1", sandbox.port());
    sockets.add(socket);
    socket.setSoTimeout(10_000); // only catches a hang: a refusal comes at once
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST "
                + ORDERS
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/xml\r\nContent-Length: "
                + length
                + "\r\n\r\n"
                + "<TnOptionOrder>")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static String statusLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }

  @Test
  void unauthenticatedBodiesAreRefusedBeforeTheyAreRead() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    List<Socket> posts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      posts.add(startPost(null, BIG));
    }

    for (Socket post : posts) {
      assertThat(statusLine(post)).isEqualTo("HTTP/1.1 401 Unauthorized");
    }
    SandboxHttp http = new SandboxHttp(sandbox);
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesInFlightAreLimitedAndTheLimitIsFreedWhenTheyEnd() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    String basic = SandboxHttp.basic(SandboxOptions.DEFAULT_USER, SandboxOptions.DEFAULT_PASSWORD);
    Socket first = startPost(basic, BIG);
    Socket second = startPost(basic, BIG);
    SandboxHttp http = new SandboxHttp(sandbox);
    // Both are being read (a GET goes through meanwhile) before the third asks for room.
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(200);

    Socket third = startPost(basic, BIG);

    assertThat(statusLine(third)).isEqualTo("HTTP/1.1 429 Too Many Requests");
    first.close();
    second.close();
    Socket later = null;
    for (int attempt = 0; attempt < 100 && later == null; attempt++) {
      Socket next = startPost(basic, 100);
      next.getOutputStream()
          .write(" ".repeat(100 - "<TnOptionOrder>".length()).getBytes(StandardCharsets.US_ASCII));
      String status = statusLine(next);
      if (!status.contains("429")) {
        assertThat(status).startsWith("HTTP/1.1 400");
        later = next;
      }
    }
    assertThat(later).as("a body is read again once the others ended").isNotNull();
  }

  @Test
  void itsDataFolderKeepsItselfOutOfGit(@TempDir Path dir) throws IOException {
    Path data = dir.resolve(".portlock").resolve("sandbox");
    sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(data));
    new SandboxHttp(sandbox)
        .post(
            new SandboxHttp(sandbox).accountUrl("/tnoptions"),
            SandboxHttp.passcodeOrder("o-1", "Zq9Xk2Lm", 2018551020L));
    sandbox.close();

    assertThat(Files.readString(data.resolve(".gitignore"))).startsWith("*\n");
    assertThat(data.resolve("sandbox.json")).exists();
  }
}
