package io.portlock.bandwidth;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code GET /accounts/{id}/inserviceNumbers?page=…&size=1000}: the account's in-service numbers,
 * bare (no tier), for credentials without the Numbers role that {@code /tns} needs. Pages follow
 * {@code Links/next} like {@code /tns}; {@code 204} means none (more). Bandwidth publishes no
 * largest size for this resource, hence a smaller page than {@code /tns}.
 */
final class ListInServiceNumbersCall {
  static final int PAGE_SIZE = 1000;

  private final Transport transport;
  private final ClientSettings settings;

  ListInServiceNumbersCall(Transport transport, ClientSettings settings) {
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
                  "list the in-service numbers of account "
                      + settings.account()
                      + " (page starting at "
                      + page
                      + ")",
                  settings.accountUrl("inserviceNumbers"))
              .withQuery("page", page)
              .withQuery("size", Integer.toString(PAGE_SIZE));
      Answer answer = transport.send(call);
      pages++;
      if (answer.status() == 204 || answer.body().length == 0) {
        break;
      }
      try {
        InServiceNumbersTemplate parsed =
            Xml.readRoot(
                answer.body(), InServiceNumbersTemplate.class, InServiceNumbersTemplate.ROOTS);
        if (parsed.numbers != null) {
          for (String number : parsed.numbers.numbers) {
            if (ListTnsCall.isBlank(number)) {
              continue;
            }
            each.accept(AccountNumber.of(number, OptionalInt.empty(), "Inservice"));
            numbers++;
          }
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
    return new InventoryRead(InventoryRead.Source.IN_SERVICE_NUMBERS, numbers, pages);
  }
}
