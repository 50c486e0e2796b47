package io.portlock.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan file as saved ({@code schema/plan-file.schema.json}), read through databind with the
 * state's one mapping ({@link io.portlock.state.StateJson}: numbers, the {@code kdf} object,
 * fingerprints, times and the account) and then checked field by field, so that a missing field is
 * an error that names it. Every component is boxed: {@code null} means absent (or written as null
 * where the schema allows it). Numbers are in the packed form of {@link
 * io.portlock.domain.PackedNumbers}; orders carry only their outline, their numbers being derived
 * from the changes. A sample, shortened:
 *
 * <pre>{@code
 * {"format_version": 4, "plan_id": "3fa9c1d2e4b5a6f7", "created_at": "2026-11-26T18:00:00Z",
 *  "git_commit": null, "account": "9900000", "config": "portlock.yaml",
 *  "config_digest": "sha256:1bab…", "state": {"lineage": "0b4e6c1a-…", "serial": 0},
 *  "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 100000, "salt": "cG9y…",
 *          "length": 32, "salt_per_group": false, "key_id": null},
 *  "max_numbers": 10, "refreshed": false,
 *  "summary": {"add": 4, "change": 6, "remove": 1, "unchanged": 2, "orders": 2, "drift": 0,
 *              "move": 0, "record": 0},
 *  "notices": [], "groups": {"headquarters": {"fingerprint": "1111…", "unchanged": 0}},
 *  "changes": [{"action": "change", "group": "headquarters", "from_group": "headquarters",
 *               "reason": "passcode_changed", "count": 5, "numbers": ["2018551020+4"]}],
 *  "left_account_count": 0, "left_account": [],
 *  "observations": {"matches": [], "differs": [], "missing": [], "left_account": []},
 *  "orders": [{"index": 1, "customer_order_id": "portlock-3fa9c1d2e4b5a6f7-1", "count": 5,
 *              "option_groups": 1, "groups": [{"group": "headquarters", "action": "set",
 *              "fingerprint": "1111…", "count": 5}]}],
 *  "mac": "hmac-sha256:…"}
 * }</pre>
 *
 * {@code mac} is absent without a key.
 */
record PlanTemplate(
    @JsonProperty("format_version") Integer formatVersion,
    @JsonProperty("plan_id") String planId,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("git_commit") String gitCommit,
    AccountId account,
    String config,
    @JsonProperty("config_digest") String configDigest,
    StateTemplate state,
    KdfParameters kdf,
    @JsonProperty("max_numbers") Integer maxNumbers,
    Boolean refreshed,
    SummaryTemplate summary,
    List<NoticeTemplate> notices,
    Map<String, GroupTemplate> groups,
    List<ChangeTemplate> changes,
    @JsonProperty("left_account_count") Long leftAccountCount,
    @JsonProperty("left_account") NumberSet leftAccount,
    ObservationsTemplate observations,
    List<OrderTemplate> orders,
    String mac) {

  /** {@code {"lineage": "0b4e6c1a-…", "serial": 0}}; lineage is null before the first apply. */
  record StateTemplate(String lineage, Long serial) {}

  /** {@code {"add": 4, "change": 6, "remove": 1, "unchanged": 2, "orders": 2, …}}. */
  record SummaryTemplate(
      Long add,
      Long change,
      Long remove,
      Long unchanged,
      Integer orders,
      Long drift,
      Long move,
      Long record) {}

  /** {@code {"kind": "warning", "message": "…"}}. */
  record NoticeTemplate(String kind, String message) {}

  /** {@code {"fingerprint": "1111…", "unchanged": 0}}, keyed by the group's name. */
  record GroupTemplate(Fingerprint fingerprint, Long unchanged) {}

  /** {@code {"action": "remove", "group": null, "from_group": "retired", "count": 1, …}}. */
  record ChangeTemplate(
      String action,
      String group,
      @JsonProperty("from_group") String fromGroup,
      String reason,
      Long count,
      NumberSet numbers) {}

  /** {@code {"matches": [], "differs": [], "missing": [], "left_account": []}}. */
  record ObservationsTemplate(
      NumberSet matches,
      NumberSet differs,
      NumberSet missing,
      @JsonProperty("left_account") NumberSet leftAccount) {}

  /** {@code {"index": 1, "customer_order_id": "portlock-…-1", "count": 5, …, "groups": […]}}. */
  record OrderTemplate(
      Integer index,
      @JsonProperty("customer_order_id") String customerOrderId,
      Long count,
      @JsonProperty("option_groups") Integer optionGroups,
      List<OrderGroupTemplate> groups) {}

  /** {@code {"group": null, "action": "clear", "fingerprint": null, "count": 1}}. */
  record OrderGroupTemplate(String group, String action, Fingerprint fingerprint, Long count) {}
}
