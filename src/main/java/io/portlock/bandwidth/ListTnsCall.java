package io.portlock.bandwidth;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code GET /tns?accountId={id}&page=…&size=2500}, a top-level resource (not under {@code
 * /accounts/}), following {@code Links/next}, whose {@code page} is the number that starts the
 * next page. Each page is handed on before the next is asked for, so memory holds one page.
 * {@code page} and {@code size} are always sent: list resources may 404 without them, and a size
 * above 2500 is refused with error 1006.
 */
final class ListTnsCall {
  static final int PAGE_SIZE = 2500;

  private final Transport transport;
  private final ClientSettings settings;

  ListTnsCall(Transport transport, ClientSettings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  InventoryRead send(Consumer<AccountNumber> each) {
    Set<String> seen = new HashSet<>();
    String page = "1";
    long numbers = 0;
    int pages = 0;
    while (page != null) {
      seen.add(page);
      HttpCall call =
          HttpCall.get(
                  "list the numbers of account " + settings.account() + " (GET /tns, page"
                      + " starting at " + page + ")",
                  settings.baseUrl() + "/tns")
              .withQuery("accountId", settings.account().value())
              .withQuery("page", page)
              .withQuery("size", Integer.toString(PAGE_SIZE));
      Answer answer = transport.send(call);
      pages++;
      if (answer.status() == 204 || answer.body().length == 0) {
        break; // "nothing (more) found", as other number lists answer it
      }
      TnsResponseTemplate parsed;
      try {
        parsed = Xml.readRoot(answer.body(), TnsResponseTemplate.class, TnsResponseTemplate.ROOTS);
        refusedInside(call, answer, parsed.status);
        for (TnsResponseTemplate.Entry entry : parsed.numbers) {
          if (isBlank(entry.fullNumber)) {
            if (isBlank(entry.tier) && isBlank(entry.status)) {
              continue; // an empty <TelephoneNumbers/>, which Jackson reads as one empty entry
            }
            throw new MalformedAnswerException("a TelephoneNumber entry has no FullNumber");
          }
          each.accept(AccountNumber.of(entry.fullNumber, tier(entry.tier), entry.status));
          numbers++;
        }
        page = ReadAllPasscodesCall.nextPage(parsed.links);
        if (page != null && seen.contains(page)) {
          throw new MalformedAnswerException(
              "Links/next points back to the page starting at " + page);
        }
      } catch (MalformedAnswerException e) {
        throw Failures.unreadable(call, answer, e, false);
      }
    }
    return new InventoryRead(InventoryRead.Source.TNS, numbers, pages);
  }

  /** Bandwidth answers some refusals (error 1006, a bad size) with a 200 and a ResponseStatus. */
  static void refusedInside(HttpCall call, Answer answer, ResponseStatusTemplate.Status status) {
    if (status != null && status.errorCode != null && !status.errorCode.isBlank()) {
      String description = status.description == null ? "" : Excerpts.clean(status.description,
          300);
      throw new BandwidthException(call.action(), answer.status(),
          Orders.codeOrNull(status.errorCode), description, null);
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
