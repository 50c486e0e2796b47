package io.portlock.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The account's inventory: {@code GET /tns?accountId=…} (top-level, numbers with tier and status),
 * {@code GET /accounts/{id}/inserviceNumbers} (bare numbers) and {@code POST /accounts/{id}/orders}
 * with {@code <ExistingTelephoneNumberOrderType>}, which buys numbers.
 *
 * <p>Both lists page by number: {@code page} is the key of the first number of the page ({@code 1}
 * for the first page) and {@code Links/next} is {@code Link=<url?…page=N&size=S>;rel="next";}.
 * {@code page} and {@code size} are required (Bandwidth's list resources may 404 without them);
 * {@code /tns} refuses a size above 2500 with error 1006.
 */
final class NumbersHandler {
  static final int MAX_TNS_PAGE = 2500;
  static final int MAX_IN_SERVICE_PAGE = 10_000;
  private static final String TNS_ROOT = "TelephoneNumbersResponse";
  private static final String IN_SERVICE_ROOT = "TNs";
  private static final String ORDER_ROOT = "OrderResponse";
  private static final String ENTRY_START =
      "<TelephoneNumber><City>RALEIGH</City><Lata>426</Lata><State>NC</State>";
  private static final String ON_NET =
      "<VendorId>49</VendorId><VendorName>Bandwidth CLEC</VendorName>";
  private static final String OFF_NET =
      "<VendorId>2</VendorId><VendorName>Off-net carrier</VendorName>";

  private final SandboxState state;
  private final FaultInjector faults;
  private final AccountProfile profile;

  NumbersHandler(SandboxState state, FaultInjector faults, AccountProfile profile) {
    this.state = state;
    this.faults = faults;
    this.profile = profile;
  }

  void tns(RoutingContext ctx) {
    try {
      if (!profile.roles().contains(AccountProfile.Role.NUMBERS)) {
        throw new ApiError(
            403,
            1001,
            "Access Denied: these credentials do not hold the Numbers role, which GET /tns needs.");
      }
      String account = ctx.queryParams().get("accountId");
      if (account != null && !account.equals(state.account)) {
        throw new ApiError(
            403,
            1001,
            "Access Denied: these credentials do not grant access to"
                + " account "
                + account
                + ".");
      }
      Page page =
          page(ctx, MAX_TNS_PAGE, 1006, "Page size must be between 1 and " + MAX_TNS_PAGE + ".");
      List<long[]> entries = read(page);
      String self = self(ctx) + "?accountId=" + state.account + "&";
      XmlWriter xml =
          XmlWriter.document(512 + entries.size() * 420)
              .open(TNS_ROOT)
              .leaf("TelephoneNumberCount", count())
              .open("Links");
      links(xml, self, page, entries);
      xml.close("Links").open("TelephoneNumbers");
      boolean e164 = faults.e164();
      String entryEnd =
          "<RateCenter>RALEIGH</RateCenter><Status>Inservice</Status><AccountId>"
              + state.account
              + "</AccountId><LastModified>2026-11-02T15:06:35.000Z</LastModified>"
              + "<InServiceDate>2026-11-02T15:06:35.000Z</InServiceDate></TelephoneNumber>";
      for (int i = 0; i < Math.min(entries.size(), page.size); i++) {
        long key = entries.get(i)[0];
        int tier = (int) entries.get(i)[1];
        // Constant parts written once: a page of 2,500 numbers is about a megabyte.
        xml.raw(ENTRY_START)
            .leaf("FullNumber", written(key, e164))
            .leaf("Tier", tier)
            .raw(tier == 0 ? ON_NET : OFF_NET)
            .raw(entryEnd);
      }
      Replies.xml(ctx, 200, xml.close("TelephoneNumbers").close(TNS_ROOT).toString());
    } catch (ApiError e) {
      Replies.error(ctx, TNS_ROOT, e);
    }
  }

  void inService(RoutingContext ctx) {
    try {
      if (!profile.roles().contains(AccountProfile.Role.IN_SERVICE_NUMBERS)) {
        throw new ApiError(
            403, 1001, "Access Denied: these credentials may not read in-service" + " numbers.");
      }
      Page page =
          page(
              ctx,
              MAX_IN_SERVICE_PAGE,
              null,
              "size must be between 1 and " + MAX_IN_SERVICE_PAGE + ".");
      List<long[]> entries = read(page);
      if (entries.isEmpty()) {
        ctx.response().setStatusCode(204).end(); // documented: 204 when none
        return;
      }
      String self = self(ctx) + "?";
      int shown = Math.min(entries.size(), page.size);
      XmlWriter xml =
          XmlWriter.document(256 + shown * 60)
              .open(IN_SERVICE_ROOT)
              .leaf("TotalCount", count())
              .open("Links");
      links(xml, self, page, entries);
      xml.close("Links").open("TelephoneNumbers").leaf("Count", shown);
      boolean e164 = faults.e164();
      for (int i = 0; i < shown; i++) {
        xml.leaf("TelephoneNumber", written(entries.get(i)[0], e164));
      }
      Replies.xml(ctx, 200, xml.close("TelephoneNumbers").close(IN_SERVICE_ROOT).toString());
    } catch (ApiError e) {
      Replies.error(ctx, IN_SERVICE_ROOT, e);
    }
  }

  /** Buys existing numbers: they join the account at once, on-net, without passcode. */
  void order(RoutingContext ctx) {
    List<String> tns;
    try {
      tns = RequestXml.parseExistingNumberOrder(TnOptionsHandler.bodyOf(ctx));
      List<Long> numbers = new ArrayList<>();
      for (String tn : tns) {
        long number = RequestXml.tenDigits(PasscodesHandler.tenDigitsOf(tn));
        if (number < 0) {
          throw ApiError.badRequest(5070, "Telephone number " + tn + " is invalid.");
        }
        numbers.add(number);
      }
      if (numbers.isEmpty()) {
        throw ApiError.badRequest(5077, "The order holds no telephone number.");
      }
      state.buyNumbers(numbers);
    } catch (ApiError e) {
      Replies.error(ctx, ORDER_ROOT, e);
      return;
    }
    XmlWriter xml =
        XmlWriter.document()
            .open(ORDER_ROOT)
            .open("Order")
            .leaf("OrderCreateDate", java.time.Instant.now().toString())
            .leaf("id", UUID.randomUUID().toString())
            .open("ExistingTelephoneNumberOrderType")
            .open("TelephoneNumberList");
    tns.forEach(tn -> xml.leaf("TelephoneNumber", tn));
    xml.close("TelephoneNumberList")
        .close("ExistingTelephoneNumberOrderType")
        .close("Order")
        .leaf("OrderStatus", "COMPLETE")
        .close(ORDER_ROOT);
    Replies.xml(ctx, 201, xml.toString());
  }

  private record Page(long from, int size) {}

  private static Page page(RoutingContext ctx, int maxSize, Integer tooLargeCode, String tooLarge) {
    String page = ctx.queryParams().get("page");
    String size = ctx.queryParams().get("size");
    if (page == null || size == null) {
      throw new ApiError(404, null, "The resource does not exist: page and size are required.");
    }
    long from = key(page.trim());
    int parsedSize;
    try {
      parsedSize = Integer.parseInt(size.trim());
    } catch (NumberFormatException e) {
      throw new ApiError(400, tooLargeCode, tooLarge);
    }
    if (parsedSize < 1 || parsedSize > maxSize) {
      throw new ApiError(400, tooLargeCode, tooLarge);
    }
    return new Page(from, parsedSize);
  }

  /** {@code 1}, ten digits, {@code +1} and ten digits, or E.164 outside NANP. */
  private static long key(String page) {
    String digits =
        page.startsWith("+1") && page.length() == 12
            ? page.substring(2)
            : page.startsWith("+") ? page.substring(1) : page;
    if (!digits.matches("[0-9]{1,15}")) {
      throw new ApiError(
          400,
          null,
          "page '" + page + "' is invalid; expected 1 or the number" + " that starts the page.");
    }
    return Long.parseLong(digits);
  }

  /** Up to {@code size + 1} entries (key, tier) from the page's first key on. */
  private List<long[]> read(Page page) {
    List<long[]> entries = new ArrayList<>(Math.min(page.size + 1, 4096));
    synchronized (state) {
      state.inventory.forEachFrom(
          page.from,
          state.passcodes.navigableKeySet(),
          key -> {
            entries.add(new long[] {key, Inventory.isOther(key) ? 0 : state.inventory.tier(key)});
            return entries.size() <= page.size;
          });
    }
    return entries;
  }

  private int count() {
    synchronized (state) {
      return state.inventory.size(state.passcodes.navigableKeySet());
    }
  }

  private void links(XmlWriter xml, String self, Page page, List<long[]> entries) {
    xml.leaf("first", "Link=<" + self + "page=1&size=" + page.size + ">;rel=\"first\";");
    if (entries.size() > page.size) {
      long next = entries.get(page.size)[0];
      String value =
          Inventory.isOther(next)
              ? "%2B" + next
              : faults.e164() ? "%2B1" + next : Long.toString(next);
      xml.leaf(
          "next", "Link=<" + self + "page=" + value + "&size=" + page.size + ">;rel=\"next\";");
    }
  }

  private static String self(RoutingContext ctx) {
    return "http://" + ctx.request().authority() + ctx.request().path();
  }

  private static String written(long key, boolean e164) {
    if (Inventory.isOther(key)) {
      return "+" + key;
    }
    return e164 ? "+1" + key : Long.toString(key);
  }
}
