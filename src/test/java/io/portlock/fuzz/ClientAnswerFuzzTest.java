package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.portlock.bandwidth.BandwidthClient;
import io.portlock.bandwidth.BandwidthException;
import io.portlock.bandwidth.ClientSettings;
import io.portlock.bandwidth.Credentials;
import io.portlock.bandwidth.MockBandwidthServer;
import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.bandwidth.OptionGroup;
import io.portlock.bandwidth.OrderRequest;
import io.portlock.bandwidth.PasscodeChange;
import io.portlock.bandwidth.RetryPolicy;
import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile answers for the Bandwidth client, served by a real local HTTP server: mutated fixtures,
 * generated bodies, XXE and billion laughs, odd statuses and huge bodies. Every call must return a
 * value or throw a {@link BandwidthException} naming the action and the status, quickly, and a
 * {@code tnPortoutPasscodes} answer's passcodes never appear in a message.
 */
@Tag(FuzzSettings.SLOW)
@AddLifecycleHook(FuzzSettings.class)
class ClientAnswerFuzzTest {
  static final String SEED = "20240613";

  /** Only catches a hang: a normal call takes milliseconds. */
  static final Duration LIMIT = Duration.ofSeconds(60);

  static final String ACCOUNT = MockBandwidthServer.BASE_PATH + "/accounts/9900000";
  static final String ORDER_ID = "409033ee-88ec-43e3-85f3-538f30733963";
  static final String SECRET = "s3cret99";
  static final Pattern PASSCODE_ELEMENT =
      Pattern.compile("<\\s*Passcode\\b[^>]*>([^<]*)<", Pattern.CASE_INSENSITIVE);

  /** The client's four reading paths. */
  enum Call {
    GET_ORDER,
    CREATE_ORDER,
    FIND_ORDERS,
    READ_PASSCODES
  }

  static MockBandwidthServer server;
  static BandwidthClient client;
  static final AtomicReference<MockAnswer> answer = new AtomicReference<>();
  static Map<Call, List<String>> fixtures;

  @BeforeContainer
  static void start() throws Exception {
    server = MockBandwidthServer.start();
    for (String path :
        List.of(
            ACCOUNT + "/tnoptions",
            ACCOUNT + "/tnoptions/" + ORDER_ID,
            ACCOUNT + "/tnPortoutPasscodes")) {
      server.route(path, request -> answer.get());
    }
    client =
        BandwidthClient.create(
            ClientSettings.of(
                    server.baseUrl(),
                    new AccountId("9900000"),
                    new Credentials.Basic("alice", "pa55word"))
                .withRetry(
                    new RetryPolicy(
                        2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)))
                .withRequestTimeout(Duration.ofSeconds(3)));
    fixtures =
        Map.of(
            Call.GET_ORDER, fixtures("get_tnoption", "tnoption_history"),
            Call.CREATE_ORDER, fixtures("create_tnoption_response", "response_201", "error_4"),
            Call.FIND_ORDERS, fixtures("list_tnoptions"),
            Call.READ_PASSCODES,
                withDistinctPasscodes(
                    fixtures(
                        "tnPortoutPasscodes_get_200",
                        "tnPortoutPasscodes_post_200",
                        "tnPortoutPasscodes_post_400")));
  }

  @AfterContainer
  static void stop() {
    client.close();
    server.close();
  }

  @Property(tries = 600, seed = SEED)
  void mutatedFixturesEndInAValueOrABandwidthException(
      @ForAll Call call,
      @ForAll @IntRange(min = 0, max = 20) int fixture,
      @ForAll("mutations") List<Mutations.Mutation> mutations,
      @ForAll("statuses") int status) {
    List<String> samples = fixtures.get(call);
    byte[] seed = samples.get(fixture % samples.size()).getBytes(StandardCharsets.UTF_8);
    String body = new String(Mutations.apply(seed, mutations), StandardCharsets.UTF_8);
    check(call, status == 200 && call == Call.CREATE_ORDER ? 201 : status, body);
  }

  @Property(tries = 300, seed = SEED)
  void generatedBodiesEndInAValueOrABandwidthException(
      @ForAll Call call, @ForAll("bodies") String body, @ForAll("statuses") int status) {
    check(call, status, body);
  }

  @Example
  void nonXmlBodiesAreBandwidthExceptions() {
    for (String body :
        List.of(
            "<html><body>Bad gateway</body></html>",
            "{\"orderId\": 1}",
            "OK",
            " ",
            "\u0000\u0001",
            "<?xml version=\"1.0\"?>",
            "<a><b></a>")) {
      for (Call call : Call.values()) {
        assertThat(check(call, 200, body)).isInstanceOf(BandwidthException.class);
      }
    }
  }

  @Example
  void truncatedXmlIsABandwidthException() {
    for (Call call : Call.values()) {
      for (String fixture : fixtures.get(call)) {
        String cut = fixture.substring(0, fixture.indexOf('>', fixture.length() / 2) + 1);
        assertThat(check(call, 200, cut)).isInstanceOf(BandwidthException.class);
      }
    }
  }

  @Example
  void externalEntitiesAreNeverResolved() throws Exception {
    Path secret = Files.createTempFile("portlock-xxe", ".txt");
    try {
      String canary = "XXE-CANARY-7f3a9c";
      Files.writeString(secret, canary);
      String uri = secret.toUri().toString();
      List<String> bodies =
          List.of(
              "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \""
                  + uri
                  + "\">]>\n"
                  + "<TnOptionOrderResponse><TnOptionOrder><OrderId>&xxe;</OrderId>"
                  + "<ProcessingStatus>COMPLETE</ProcessingStatus></TnOptionOrder>"
                  + "</TnOptionOrderResponse>",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM \""
                  + uri
                  + "\"> %p;]>\n"
                  + "<TelephoneNumbersResponse/>",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"" + uri + "\">\n<ResponseStatus/>",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \""
                  + uri
                  + "\">]>\n"
                  + "<TelephoneNumbersResponse><TelephoneNumbers><TelephoneNumber>"
                  + "<FullNumber>&xxe;</FullNumber><Passcode>abcd</Passcode></TelephoneNumber>"
                  + "</TelephoneNumbers></TelephoneNumbersResponse>");
      for (String body : bodies) {
        for (Call call : Call.values()) {
          for (int status : new int[] {200, 201, 400}) {
            // <TelephoneNumbersResponse/> is a fine (empty) read-back once the DOCTYPE is ignored.
            Object outcome = check(call, status, body);
            assertThat(String.valueOf(outcome)).doesNotContain(canary);
            if (outcome instanceof BandwidthException e) {
              assertThat(e.description()).doesNotContain(canary);
            }
          }
        }
      }
    } finally {
      Files.deleteIfExists(secret);
    }
  }

  @Example
  void billionLaughsXmlIsRefused() {
    StringBuilder body =
        new StringBuilder(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n" + " <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 10; i++) {
      body.append(" <!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    body.append(
        "]>\n<TnOptionOrderResponse><TnOptionOrder><OrderId>&lol10;</OrderId>"
            + "</TnOptionOrder></TnOptionOrderResponse>");
    for (Call call : Call.values()) {
      assertThat(check(call, 200, body.toString())).isInstanceOf(BandwidthException.class);
    }
  }

  @Example
  void unexpectedStatusesAreBandwidthExceptionsWithTheStatus() {
    for (Call call : Call.values()) {
      for (int status : new int[] {201, 204, 302, 418}) {
        answer.set(MockAnswer.status(status).header("Location", "http://127.0.0.1:1/elsewhere"));
        Object outcome = outcome(call);
        if (status == 204 && call == Call.FIND_ORDERS) {
          // Bandwidth's "nothing found" on a list read: an empty page, not an error.
          assertThat(outcome).isEqualTo(List.of());
          continue;
        }
        assertThat(outcome)
            .isInstanceOfSatisfying(
                BandwidthException.class,
                e -> {
                  assertThat(e.httpStatus()).isEqualTo(status);
                  assertThat(e.action()).isNotBlank();
                });
      }
    }
  }

  @Example
  void hugeBodiesAreBandwidthExceptionsWithAShortMessage() {
    String garbage = "A".repeat(30 * 1024 * 1024);
    String unclosed =
        "<TnOptionOrderResponse><TnOptionOrder><OrderId>" + "x".repeat(30 * 1024 * 1024);
    for (String body : List.of(garbage, unclosed)) {
      for (Call call : Call.values()) {
        Object outcome = check(call, 200, body);
        assertThat(outcome)
            .isInstanceOfSatisfying(
                BandwidthException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
      }
    }
  }

  /** Serves {@code body} with {@code status} to {@code call} and checks the contract. */
  static Object check(Call call, int status, String body) {
    answer.set(MockAnswer.xml(status, body));
    Object outcome = outcome(call);
    String input =
        call
            + " answered "
            + status
            + ":\n"
            + Mutations.show(body.getBytes(StandardCharsets.UTF_8));
    if (outcome instanceof BandwidthException e) {
      assertThat(e.action()).as("action, input %s", input).isNotBlank();
      assertThat(e.httpStatus()).as("status, input %s", input).isIn(status, 418);
      assertThat(e.getMessage())
          .as("message, input %s", input)
          .startsWith("Tried to " + e.action())
          .doesNotContain(SECRET);
      if (call == Call.READ_PASSCODES) {
        for (String passcode : secretPasscodes(body)) {
          assertThat(e.getMessage())
              .as("message, input %s", input)
              .doesNotContainPattern(
                  "(?<![A-Za-z0-9])" + Pattern.quote(passcode) + "(?![A-Za-z0-9])");
        }
      }
      return e;
    }
    if (outcome instanceof Throwable t) {
      throw new AssertionError(
          "expected a value or a BandwidthException but " + t + " escaped for input " + input, t);
    }
    assertThat(outcome).as("input %s", input).isNotNull();
    return outcome;
  }

  static Object outcome(Call call) {
    return assertTimeoutPreemptively(
        LIMIT,
        () -> {
          try {
            return switch (call) {
              case GET_ORDER -> client.getOrder(ORDER_ID);
              case CREATE_ORDER ->
                  client.createOrder(
                      new OrderRequest(
                          "portlock-fuzz-1",
                          List.of(
                              new OptionGroup(
                                  new PasscodeChange.Set(Passcode.of(SECRET)),
                                  NumberSet.of(2018551020L)))));
              case FIND_ORDERS -> client.findOrdersByCustomerOrderId("portlock-fuzz-1");
              case READ_PASSCODES ->
                  client.readPasscodes(
                      NumberSet.of(3172000285L, 3172000207L, 3172000000L, 2018391000L));
            };
          } catch (Throwable e) {
            return e;
          }
        },
        () -> call + " took longer than " + LIMIT);
  }

  /** The values of Passcode elements that appear nowhere else in the body. */
  static List<String> secretPasscodes(String body) {
    List<String> found = new ArrayList<>();
    Matcher m = PASSCODE_ELEMENT.matcher(body);
    while (m.find()) {
      found.add(m.group(1).trim());
    }
    String rest = PASSCODE_ELEMENT.matcher(body).replaceAll("<");
    return found.stream().filter(p -> p.matches("[A-Za-z0-9]{4,10}") && !rest.contains(p)).toList();
  }

  static List<String> fixtures(String... nameParts) {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures"))) {
      List<String> bodies =
          files
              .filter(
                  f ->
                      Stream.of(nameParts)
                          .anyMatch(part -> f.getFileName().toString().contains(part)))
              .filter(f -> !f.getFileName().toString().contains("request"))
              .sorted()
              .map(ClientAnswerFuzzTest::body)
              .toList();
      assertThat(bodies).as("fixtures named %s", List.of(nameParts)).isNotEmpty();
      return bodies;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A fixture without its source line; for .http files, the body after the first blank line. */
  static String body(Path file) {
    try {
      String text = Files.readString(file).replace("\r\n", "\n");
      text = text.substring(text.indexOf('\n') + 1);
      if (file.toString().endsWith(".http")) {
        text = text.substring(text.indexOf("\n\n") + 2);
      }
      return text.strip() + "\n";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The samples use 1234 everywhere; distinct values make a leak in a message detectable. */
  static List<String> withDistinctPasscodes(List<String> samples) {
    List<String> all = new ArrayList<>(samples);
    for (String sample : samples) {
      String[] codes = {"Qx7Lm2Pz", "Hb4Tn9Wk", "zz99AA11", "Pq3r"};
      StringBuilder sb = new StringBuilder();
      Matcher m = Pattern.compile("<Passcode>1234</Passcode>").matcher(sample);
      int i = 0;
      while (m.find()) {
        m.appendReplacement(sb, "<Passcode>" + codes[i++ % codes.length] + "</Passcode>");
      }
      m.appendTail(sb);
      all.add(sb.toString());
    }
    return all;
  }

  @Provide
  Arbitrary<List<Mutations.Mutation>> mutations() {
    return Mutations.mutations();
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(200)),
        Tuple.of(
            3,
            Arbitraries.of(
                201, 202, 204, 206, 299, 302, 304, 400, 401, 403, 404, 409, 418, 429, 500, 503,
                599)));
  }

  /** XML-like soup from the templates' element names and hostile fragments. */
  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> names =
        Arbitraries.of(
            "TnOptionOrderResponse",
            "TnOptionOrder",
            "TnOptionOrders",
            "ListOrderIdUserIdDate",
            "TnOptionOrderSummary",
            "OrderId",
            "ProcessingStatus",
            "OrderStatus",
            "ErrorList",
            "Error",
            "Code",
            "ErrorCode",
            "Description",
            "TelephoneNumbers",
            "TelephoneNumber",
            "FullNumber",
            "Passcode",
            "TelephoneNumbersResponse",
            "ResponseStatus",
            "Warnings",
            "Warning",
            "TnOptionGroups",
            "TnOptionGroup",
            "PortOutPasscode",
            "CustomerOrderId",
            "OrderCreateDate",
            "x");
    Arbitrary<String> texts =
        Arbitraries.of(
            "COMPLETE",
            "FAILED",
            "RECEIVED",
            "PROCESSING",
            "PARTIAL",
            "complete",
            "",
            " ",
            ORDER_ID,
            "3172000285",
            "13172000285",
            "2018551020",
            "Qx7Lm2Pz",
            "SYSTEMDEFAULT",
            "15619",
            "15610",
            "5193",
            "-1",
            "99999999999",
            "2020-05-22T18:22:34.391Z",
            "dateHere",
            "&amp;",
            "&lt;",
            "&#x41;",
            "&#0;",
            "&bogus;",
            "<![CDATA[COMPLETE]]>",
            "\u00e9",
            "\uFFFD");
    Arbitrary<String> element =
        net.jqwik.api.Combinators.combine(
                names,
                texts,
                Arbitraries.of("", "/", " a=\"1\"", " xsi:nil=\"true\"", " xmlns=\"urn:x\""))
            .as(
                (n, t, attr) ->
                    attr.equals("/") ? "<" + n + "/>" : "<" + n + attr + ">" + t + "</" + n + ">");
    Arbitrary<String> open = names.map(n -> "<" + n + ">");
    Arbitrary<String> close = names.map(n -> "</" + n + ">");
    Arbitrary<String> token = Arbitraries.of(Mutations.TOKENS);
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            Tuple.of(4, element),
            Tuple.of(3, open),
            Tuple.of(3, close),
            Tuple.of(1, token),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    return piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
  }
}
