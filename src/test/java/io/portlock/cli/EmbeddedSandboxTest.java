package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.Config;
import io.portlock.config.ConfigLoader;
import io.portlock.config.LoadOptions;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code api: {url: sandbox}} starts a sandbox in the process while a command runs. Another local
 * user who finds its port must not be able to read the passcodes with the well-known defaults.
 */
class EmbeddedSandboxTest {
  @TempDir Path dir;

  private static int status(HttpRequest request) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void anEmbeddedRunRefusesTheWellKnownCredentialsAndKeepsItsDataOutOfGit() throws Exception {
    Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        api: {url: sandbox}
        groups:
          hq:
            passcode: "a1b2c3d4"
            numbers: ["2018551020"]
        """);
    Config config =
        ConfigLoader.load(dir.resolve("portlock.yaml"), new LoadOptions(Map.of(), List.of()));

    try (ApiConnection connection = ApiConnection.embeddedSandbox(config)) {
      Sandbox sandbox = connection.sandbox();
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (SandboxOptions.DEFAULT_USER + ":" + SandboxOptions.DEFAULT_PASSWORD)
                          .getBytes(StandardCharsets.UTF_8));
      int orders =
          status(
              HttpRequest.newBuilder(
                      URI.create(
                          sandbox.baseUrl() + "/accounts/9900000/tnPortoutPasscodes?tn=2018551020"))
                  .header("Authorization", basic)
                  .build());
      String client =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (SandboxOptions.DEFAULT_CLIENT_ID
                              + ":"
                              + SandboxOptions.DEFAULT_CLIENT_SECRET)
                          .getBytes(StandardCharsets.UTF_8));
      int token =
          status(
              HttpRequest.newBuilder(sandbox.tokenUrl())
                  .header("Authorization", client)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                  .build());

      assertThat(orders).isEqualTo(401);
      assertThat(token).isEqualTo(401);
      assertThat(connection.api.readAllPasscodes().passcodes()).isEmpty();
    }
    assertThat(Files.readString(dir.resolve(".portlock/sandbox/.gitignore"))).startsWith("*\n");
  }
}
