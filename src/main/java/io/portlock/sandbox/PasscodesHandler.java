package io.portlock.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /accounts/{id}/tnPortoutPasscodes}: reads passcodes back in clear text, all of them page
 * by page ({@code GET}) or for given numbers ({@code POST <TnList>}). The answers hold secrets,
 * which is why nothing here logs.
 */
final class PasscodesHandler {
  static final int MAX_POST_NUMBERS = 2500;
  static final int DEFAULT_PAGE_SIZE = 500;
  static final int MAX_PAGE_SIZE = 10_000;
  private static final String ROOT = "TelephoneNumbersResponse";

  /** Compiled once: a read-back of 2,500 numbers asks it of each (String.matches compiles). */
  private static final Pattern E164_NANP = Pattern.compile("\\+1[0-9]{10}");

  private final SandboxState state;
  private final FaultInjector faults;

  PasscodesHandler(SandboxState state, FaultInjector faults) {
    this.state = state;
    this.faults = faults;
  }

  /**
   * One page, sorted by number; {@code page} is the first number of the page ({@code 1} for the
   * first page), and {@code Links/next} names the first number of the next one: {@code
   * <next>Link=<https://…/tnPortoutPasscodes?page=2018391001&size=500>;rel="next";</next>}
   * (escaped), the form Bandwidth uses for its other paged number lists.
   */
  void get(RoutingContext ctx) {
    long page;
    int size;
    boolean e164 = faults.e164();
    try {
      page = parse(tenDigitsOf(ctx.queryParams().get("page")), "page", 1, Long.MAX_VALUE, 1);
      size =
          (int) parse(ctx.queryParams().get("size"), "size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    } catch (ApiError e) {
      Replies.error(ctx, ROOT, e);
      return;
    }
    String self = "http://" + ctx.request().authority() + ctx.request().path();
    XmlWriter xml = XmlWriter.document(256 + size * 90).open(ROOT).open("Links");
    xml.leaf("first", link(self, "1", size, "first"));
    List<Map.Entry<Long, String>> entries = new ArrayList<>(Math.min(size, 1024));
    Long next = null;
    synchronized (state) {
      Iterator<Map.Entry<Long, String>> it =
          state.passcodes.tailMap(page, true).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Long, String> entry = it.next();
        if (!state.inventory.contains(entry.getKey())) {
          continue;
        }
        if (entries.size() == size) {
          next = entry.getKey();
          break;
        }
        entries.add(Map.entry(entry.getKey(), entry.getValue()));
      }
    }
    if (next != null) {
      // An E.164 account's pages start at +1…, escaped in the link as %2B1….
      xml.leaf("next", link(self, e164 ? "%2B1" + next : Long.toString(next), size, "next"));
    }
    xml.close("Links").open("TelephoneNumbers");
    for (Map.Entry<Long, String> entry : entries) {
      writeNumber(xml, entry.getKey(), entry.getValue(), e164);
    }
    Replies.xml(ctx, 200, xml.close("TelephoneNumbers").close(ROOT).toString());
  }

  /** The passcodes of the numbers listed, with 15619 and 15610 errors for the rest. */
  void post(RoutingContext ctx) {
    List<String> tns;
    try {
      tns = RequestXml.parseTnList(TnOptionsHandler.bodyOf(ctx));
    } catch (ApiError e) {
      Replies.error(ctx, ROOT, e);
      return;
    }
    if (tns.size() > MAX_POST_NUMBERS) {
      Replies.error(
          ctx,
          ROOT,
          ApiError.badRequest(
              15607,
              "The count of Telephone numbers in POST body exceeds the maximum size of "
                  + MAX_POST_NUMBERS));
      return;
    }
    List<Map.Entry<Long, String>> found = new ArrayList<>();
    List<String> withoutPasscode = new ArrayList<>();
    List<String> notOnAccount = new ArrayList<>();
    Set<String> distinct = new LinkedHashSet<>();
    tns.forEach(tn -> distinct.add(tenDigitsOf(tn)));
    boolean e164 = faults.e164();
    synchronized (state) {
      for (String tn : distinct) {
        long number = RequestXml.tenDigits(tn);
        if (number < 0 || !state.inventory.contains(number)) {
          notOnAccount.add(tn);
          continue;
        }
        String passcode = state.passcodes.get(number);
        if (passcode == null) {
          withoutPasscode.add(tn);
        } else {
          found.add(Map.entry(number, passcode));
        }
      }
    }
    XmlWriter xml = XmlWriter.document(256 + distinct.size() * 90).open(ROOT);
    xml.leaf("TelephoneNumberCount", found.size()).open("TelephoneNumbers");
    for (Map.Entry<Long, String> entry : found) {
      writeNumber(xml, entry.getKey(), entry.getValue(), e164);
    }
    xml.close("TelephoneNumbers");
    if (!withoutPasscode.isEmpty() || !notOnAccount.isEmpty()) {
      xml.open("ErrorList");
      writeError(xml, 15619, "Passcode was not found on tn(s)", withoutPasscode, e164);
      writeError(xml, 15610, "Telephone Numbers cannot be found on accounts", notOnAccount, e164);
      xml.close("ErrorList");
    }
    Replies.xml(ctx, 200, xml.close(ROOT).toString());
  }

  private static void writeNumber(XmlWriter xml, long number, String passcode, boolean e164) {
    xml.open("TelephoneNumber")
        .leaf("FullNumber", e164 ? "+1" + number : Long.toString(number))
        .leaf("Passcode", passcode)
        .close("TelephoneNumber");
  }

  private static void writeError(
      XmlWriter xml, int code, String description, List<String> tns, boolean e164) {
    if (tns.isEmpty()) {
      return;
    }
    xml.open("Error").leaf("Code", code).leaf("Description", description).open("TelephoneNumbers");
    for (String tn : tns) {
      xml.leaf("TelephoneNumber", e164 ? OrderXml.e164(tn) : tn);
    }
    xml.close("TelephoneNumbers").close("Error");
  }

  /** A number written {@code +1XXXXXXXXXX} as its ten digits; anything else as it was. */
  static String tenDigitsOf(String text) {
    return text != null && E164_NANP.matcher(text.trim()).matches()
        ? text.trim().substring(2)
        : text;
  }

  private static String link(String self, String page, int size, String rel) {
    return "Link=<" + self + "?page=" + page + "&size=" + size + ">;rel=\"" + rel + "\";";
  }

  private static long parse(String text, String name, long min, long max, long absent) {
    if (text == null) {
      return absent;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected range
    }
    throw new ApiError(
        400,
        null,
        name
            + " '"
            + text
            + "' is invalid; expected a whole number from "
            + min
            + " to "
            + max
            + ".");
  }
}
