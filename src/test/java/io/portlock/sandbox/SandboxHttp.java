package io.portlock.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A bare HTTP client for the sandbox's tests, independent of portlock's own API client. */
final class SandboxHttp {
  final Sandbox sandbox;
  final HttpClient client;
  String authorization;

  SandboxHttp(Sandbox sandbox) {
    this.sandbox = sandbox;
    // HTTP/1.1: Java's default HTTP/2 would try an h2c upgrade, which changes how drops look.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.authorization = basic(SandboxOptions.DEFAULT_USER, SandboxOptions.DEFAULT_PASSWORD);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The account's resource URL: {@code accountPath("/tnoptions")}. */
  String accountUrl(String path) {
    return sandbox.baseUrl() + "/accounts/" + SandboxOptions.DEFAULT_ACCOUNT + path;
  }

  HttpResponse<String> get(String url) {
    return send(request(url).GET().build());
  }

  HttpResponse<String> post(String url, String xml) {
    return send(
        request(url)
            .header("Content-Type", "application/xml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(xml))
            .build());
  }

  HttpResponse<String> createOrder(String xml) {
    return post(accountUrl("/tnoptions"), xml);
  }

  HttpResponse<String> getOrder(String orderId) {
    return get(accountUrl("/tnoptions/" + orderId));
  }

  HttpRequest.Builder request(String url) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/xml");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return sendOrThrow(request);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  HttpResponse<String> sendOrThrow(HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Polls the order until it ends; fails after {@code timeout}. */
  String awaitEnd(String orderId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String body = getOrder(orderId).body();
      String status = Xml.text(body, "ProcessingStatus");
      if (status.equals("COMPLETE") || status.equals("PARTIAL") || status.equals("FAILED")) {
        return body;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("order " + orderId + " still " + status + " after " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A one-group passcode order. */
  static String passcodeOrder(String customerOrderId, String passcode, long... numbers) {
    StringBuilder xml = new StringBuilder("<TnOptionOrder>");
    if (customerOrderId != null) {
      xml.append("<CustomerOrderId>").append(customerOrderId).append("</CustomerOrderId>");
    }
    xml.append("<TnOptionGroups>");
    appendGroup(xml, passcode, numbers);
    return xml.append("</TnOptionGroups></TnOptionOrder>").toString();
  }

  static void appendGroup(StringBuilder xml, String passcode, long... numbers) {
    xml.append("<TnOptionGroup><PortOutPasscode>")
        .append(passcode)
        .append("</PortOutPasscode><TelephoneNumbers>");
    for (long n : numbers) {
      xml.append("<TelephoneNumber>").append(n).append("</TelephoneNumber>");
    }
    xml.append("</TelephoneNumbers></TnOptionGroup>");
  }
}
