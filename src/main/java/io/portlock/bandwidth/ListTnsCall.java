package io.portlock.bandwidth;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code GET /tns?accountId={id}&page=…&size=2500}, a top-level resource (not under {@code
 * /accounts/}), following {@code Links/next}, whose {@code page} is the number that starts the next
 * page. Each page is handed on before the next is asked for, so memory holds one page. {@code page}
 * and {@code size} are always sent: list resources may 404 without them, and a size above 2500 is
 * refused with error 1006.
 *
 * <p>The next page is asked for while this one is parsed: {@code Links} comes before the numbers,
 * so its {@code next} is read from the start of the body, and the full parse must agree with it. A
 * million numbers are 400 pages, and each one's latency then overlaps the previous one's work.
 */
final class ListTnsCall {
  static final int PAGE_SIZE = 2500;

  /** How much of a page's start is searched for {@code Links/next}. */
  private static final int HEAD_BYTES = 4096;

  private final Transport transport;
  private final ClientSettings settings;
  private final ExecutorService prefetcher;

  ListTnsCall(Transport transport, ClientSettings settings, ExecutorService prefetcher) {
    this.transport = transport;
    this.settings = settings;
    this.prefetcher = prefetcher;
  }

  private HttpCall call(String page) {
    return HttpCall.get(
            "list the numbers of account "
                + settings.account()
                + " (GET /tns, page starting at "
                + page
                + ")",
            settings.baseUrl() + "/tns")
        .withQuery("accountId", settings.account().value())
        .withQuery("page", page)
        .withQuery("size", Integer.toString(PAGE_SIZE));
  }

  InventoryRead send(Consumer<AccountNumber> each) {
    Set<String> seen = new HashSet<>();
    String page = "1";
    long numbers = 0;
    int pages = 0;
    Future<Answer> prefetched = null;
    String prefetchedPage = null;
    try {
      while (page != null) {
        seen.add(page);
        HttpCall call = call(page);
        Answer answer = page.equals(prefetchedPage) ? await(prefetched) : transport.send(call);
        prefetched = null;
        prefetchedPage = null;
        pages++;
        if (answer.status() == 204 || answer.body().length == 0) {
          break; // "nothing (more) found", as other number lists answer it
        }
        String early = earlyNext(answer.body());
        if (early != null && !seen.contains(early)) {
          prefetchedPage = early;
          prefetched = prefetcher.submit(() -> transport.send(call(early)));
        }
        PageResult result = readPage(call, answer, each, seen);
        numbers += result.numbers;
        page = result.next;
      }
    } finally {
      if (prefetched != null) {
        prefetched.cancel(true); // the read ended early (an error) or Links/next disagreed
      }
    }
    return new InventoryRead(InventoryRead.Source.TNS, numbers, pages);
  }

  private record PageResult(long numbers, String next) {}

  private PageResult readPage(
      HttpCall call, Answer answer, Consumer<AccountNumber> each, Set<String> seen) {
    long numbers = 0;
    try {
      TnsPage parsed = TnsPage.read(answer.body());
      refusedInside(call, answer, parsed.errorCode(), parsed.description());
      for (TnsPage.Entry entry : parsed.entries()) {
        if (isBlank(entry.fullNumber())) {
          if (isBlank(entry.tier()) && isBlank(entry.status())) {
            continue; // an empty <TelephoneNumber/>
          }
          throw new MalformedAnswerException("a TelephoneNumber entry has no FullNumber");
        }
        each.accept(AccountNumber.of(entry.fullNumber(), tier(entry.tier()), entry.status()));
        numbers++;
      }
      String next = ReadAllPasscodesCall.nextPageOf(parsed.next());
      if (next != null && seen.contains(next)) {
        throw new MalformedAnswerException(
            "Links/next points back to the page starting at " + next);
      }
      return new PageResult(numbers, next);
    } catch (MalformedAnswerException e) {
      throw Failures.unreadable(call, answer, e, false);
    }
  }

  /**
   * The page of {@code <next>} when it stands before {@code <TelephoneNumbers>} in the first bytes
   * of the body, or null (then the full parse decides alone).
   */
  static String earlyNext(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, HEAD_BYTES), StandardCharsets.UTF_8);
    int numbersAt = elementAt(head, "<TelephoneNumbers");
    int start = head.indexOf("<next>");
    int end = head.indexOf("</next>");
    if (start < 0 || end < start || (numbersAt >= 0 && start > numbersAt)) {
      return null;
    }
    String link =
        head.substring(start + 6, end)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
    try {
      return ReadAllPasscodesCall.nextPageOf(link);
    } catch (MalformedAnswerException e) {
      return null; // the full parse reports it
    }
  }

  /**
   * Where the element {@code open} (such as {@code <TelephoneNumbers}) starts, or -1: not where a
   * longer name begins with it, as the root {@code <TelephoneNumbersResponse>} does.
   */
  private static int elementAt(String text, String open) {
    for (int at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
      int after = at + open.length();
      if (after < text.length()) {
        char c = text.charAt(after);
        if (c == '>' || c == '/' || Character.isWhitespace(c)) {
          return at;
        }
      }
    }
    return -1;
  }

  private static Answer await(Future<Answer> answer) {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a page of GET /tns failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BandwidthException("list the numbers of the account", 0, null, "interrupted", e);
    }
  }

  /** Bandwidth answers some refusals (error 1006, a bad size) with a 200 and a ResponseStatus. */
  private static void refusedInside(
      HttpCall call, Answer answer, String errorCode, String description) {
    if (errorCode != null && !errorCode.isBlank()) {
      throw new BandwidthException(
          call.action(),
          answer.status(),
          Orders.codeOrNull(errorCode),
          description == null ? "" : Excerpts.clean(description, 300),
          null);
    }
  }

  private static OptionalInt tier(String text) {
    if (isBlank(text)) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new MalformedAnswerException(
          "a Tier is '" + Excerpts.clean(text, 20) + "', expected a whole number");
    }
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
