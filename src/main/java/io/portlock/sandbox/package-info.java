/**
 * A local Bandwidth Numbers API ({@link io.portlock.sandbox.Sandbox}) that behaves like the real
 * one for port-out passcodes, for portlock's tests and for trying portlock without an account.
 *
 * <p>Where Bandwidth's documents say nothing, the sandbox decides as follows.
 *
 * <ul>
 *   <li>Synchronous refusals of {@code POST /tnoptions} are {@code 400} with {@code
 *       <TnOptionOrderResponse><ResponseStatus><ErrorCode/><Description/>}: 5052 (CustomerOrderId),
 *       5095 (too many numbers; the maximum is in the description), 5115 (group without option),
 *       5093 (a number twice in one group, or in two groups that both set a passcode), 5077 (no
 *       valid number). 5093 is a problem of the request body, like the 400 example (5081); 409
 *       stays for conflicts with the account's state (the 5200 example). Malformed XML (and any
 *       DTD) is 400 with a Description but no ErrorCode, as Bandwidth documents no code for it.
 *   <li>Per-number outcomes appear in the order's {@code ErrorList} once it ends: 5070 (not ten
 *       digits), 5076 (not on the account), 5126 (toll-free), 5193 (invalid passcode), 5195 (the
 *       number already has that passcode). COMPLETE without errors, FAILED when every number
 *       failed, PARTIAL otherwise. {@code unchanged} leaves the passcode, and {@code systemDefault}
 *       removes it (both case-insensitive). Passcodes are never echoed.
 *   <li>{@code GET /tnoptions} answers {@code <TnOptionOrders><TotalCount/>…}, the root of the RAML
 *       spec and of every SDK's fixtures, which Bandwidth's Java SDK requires (the newer OpenAPI
 *       example's {@code <TnOptionOrderReportResponse>} wrapper makes it fail). TotalCount counts
 *       every match, items stop at 1,000, oldest first.
 *   <li>The API is served under {@code /api/v1} (Bandwidth's documented v1 base), {@code /api} (the
 *       PHP, Python and Node SDKs) and {@code /v1.0} without {@code /api}: Bandwidth's Java SDK
 *       sends every request there, whatever base URL it is given.
 *   <li>Fault options model what Bandwidth's sources describe: rate-limit windows answered 429 with
 *       {@code X-RateLimit-Reset} and an empty body, {@code 303} on list reads, E.164 numbers, a
 *       lookup by customerOrderId that lags behind creates, and create answers lost after the order
 *       was accepted (the connection closes, or the body is cut but the {@code Location} header
 *       stays).
 *   <li>{@code GET /tnPortoutPasscodes} pages by number: {@code page} is the first number of the
 *       page (1 for the first), and {@code <Links><first/><next/>} hold {@code
 *       Link=<url?page=N&size=S>;rel="next";}, the form of Bandwidth's other paged number lists
 *       (the passcode example shows no Links).
 *   <li>The inventory: {@code GET /tns?accountId=…} (top-level) and {@code GET
 *       /accounts/{id}/inserviceNumbers} page by number like {@code tnPortoutPasscodes}; {@code
 *       page} and {@code size} are required (404 without them, as Bandwidth's list resources may
 *       answer), {@code /tns} refuses a size above 2500 with 400 and error 1006, and {@code
 *       inserviceNumbers} answers 204 when the account holds none. Credentials without the Numbers
 *       role get 403 (1001) from {@code /tns}; without the in-service role, from {@code
 *       inserviceNumbers}. Without a configured inventory the lists hold the numbers the sandbox
 *       knows: those with a passcode and those bought. Off-net numbers (tier not 0) get 5196 in
 *       passcode orders; numbers outside NANP are listed in E.164 after the NANP ones. {@code POST
 *       /accounts/{id}/orders} with {@code <ExistingTelephoneNumberOrderType>} buys numbers: they
 *       join the account at once (Bandwidth's orders take a while) and answer 201 {@code
 *       <OrderResponse>} with {@code OrderStatus} COMPLETE.
 *   <li>With a data directory, {@code sandbox.json} holds orders and passcodes (owner-only
 *       permissions), saved atomically about 100 ms after a change and on close. Orders still in
 *       flight at close are finished before the final save; orders found unfinished at start (after
 *       a crash) are processed again. A group's passcode is dropped from the order once the order
 *       has been applied. Nothing logs requests, bodies or passcodes.
 * </ul>
 */
package io.portlock.sandbox;
