package io.portlock.bandwidth;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One request to send, with what it is for and how to treat its failures.
 *
 * @param action the verb phrase of error messages: "get tnoptions order 4f…"
 * @param replayable false when sending twice could act twice (creating an order): such a call is
 *     not retried once it may have reached Bandwidth
 * @param answerKind how to read an error answer, and whether it may be quoted
 * @param authorization a fixed Authorization header (the token request), or null for the configured
 *     credentials
 * @param secrets values to mask in any message built from the answer
 */
record HttpCall(
    String action,
    HttpMethod method,
    String url,
    List<QueryParam> query,
    String contentType,
    byte[] body,
    String accept,
    boolean replayable,
    AnswerKind answerKind,
    String authorization,
    List<String> secrets) {

  static final String XML = "application/xml; charset=utf-8";

  /** How to read an answer when it is an error. */
  enum AnswerKind {
    /** Bandwidth XML that may be quoted (masked) in messages. */
    XML,
    /** Bandwidth XML that may hold passcodes: never quoted, not even masked. */
    SECRET_XML,
    /** An OAuth2 token endpoint's JSON: may hold a token, never quoted. */
    TOKEN_JSON
  }

  /** A query parameter; Vert.x encodes it. */
  record QueryParam(String name, String value) {}

  HttpCall {
    Objects.requireNonNull(action, "action");
    query = List.copyOf(query);
    secrets = List.copyOf(secrets);
  }

  static HttpCall get(String action, String url) {
    return new HttpCall(
        action,
        HttpMethod.GET,
        url,
        List.of(),
        null,
        null,
        "application/xml",
        true,
        AnswerKind.XML,
        null,
        List.of());
  }

  static HttpCall post(String action, String url, String contentType, byte[] body) {
    return new HttpCall(
        action,
        HttpMethod.POST,
        url,
        List.of(),
        contentType,
        body,
        "application/xml",
        true,
        AnswerKind.XML,
        null,
        List.of());
  }

  HttpCall withQuery(String name, String value) {
    List<QueryParam> more = new ArrayList<>(query);
    more.add(new QueryParam(name, value));
    return new HttpCall(
        action,
        method,
        url,
        more,
        contentType,
        body,
        accept,
        replayable,
        answerKind,
        authorization,
        secrets);
  }

  /** The same call sent to {@code absoluteUrl}, whose own query replaces this one's. */
  HttpCall redirectedTo(String absoluteUrl) {
    return new HttpCall(
        action,
        method,
        absoluteUrl,
        List.of(),
        contentType,
        body,
        accept,
        replayable,
        answerKind,
        authorization,
        secrets);
  }

  HttpCall notReplayable() {
    return new HttpCall(
        action,
        method,
        url,
        query,
        contentType,
        body,
        accept,
        false,
        answerKind,
        authorization,
        secrets);
  }

  HttpCall answeredAs(AnswerKind kind, String acceptHeader) {
    return new HttpCall(
        action,
        method,
        url,
        query,
        contentType,
        body,
        acceptHeader,
        replayable,
        kind,
        authorization,
        secrets);
  }

  HttpCall authorizedBy(String header) {
    return new HttpCall(
        action,
        method,
        url,
        query,
        contentType,
        body,
        accept,
        replayable,
        answerKind,
        header,
        secrets);
  }

  HttpCall redacting(List<String> values) {
    return new HttpCall(
        action,
        method,
        url,
        query,
        contentType,
        body,
        accept,
        replayable,
        answerKind,
        authorization,
        values);
  }

  @Override
  public String toString() {
    // The body may hold passcodes and the authorization header a secret.
    return "HttpCall(" + method + " " + url + ", " + action + ")";
  }
}
