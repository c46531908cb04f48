package com.voicecampaigns.simulator.audit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call the simulator placed, with every callback it sent for it.
 *
 * @param run which simulator run of the file
 * @param request the number of the request that placed it, within the run
 * @param callUuid the {@code CallUUID} of its callbacks
 * @param requestUuid its {@code request_uuid}
 * @param to the destination number
 * @param outcome how it ended: answered, busy, no-answer, failed, or concurrency-limit (failed
 *     unrung at once: over the account's concurrent call limit)
 * @param machine true when a machine answered, false for a human, null when not asked
 * @param placedAt when it was placed
 * @param endedAt when it ended; null if it had not when the log ends
 * @param answerUrl the request's {@code answer_url}
 * @param callbacks every callback attempt, in order
 */
public record AuditedCall(
    int run,
    long request,
    String callUuid,
    String requestUuid,
    String to,
    String outcome,
    Boolean machine,
    Instant placedAt,
    Instant endedAt,
    String answerUrl,
    List<AuditedCallback> callbacks) {

  private static final Pattern CAMPAIGN_ID = Pattern.compile("campaignId=([A-Za-z0-9_-]+)");

  public AuditedCall {
    callbacks = List.copyOf(callbacks);
  }

  /** False only for a call refused by the concurrent call limit: it never reached a phone. */
  public boolean mayHaveRung() {
    return !"concurrency-limit".equals(outcome);
  }

  /** The destination without spaces and a leading '+'. */
  public String normalizedTo() {
    String compact = to.replace(" ", "");
    return compact.startsWith("+") ? compact.substring(1) : compact;
  }

  /** The callbacks of one kind (ring, answer, machine, hangup). */
  public List<AuditedCallback> callbacks(String kind) {
    return callbacks.stream().filter(callback -> callback.kind().equals(kind)).toList();
  }

  /**
   * The campaign: a {@code campaignId} query parameter of the answer URL, else the {@code
   * campaignId=} of the {@code extraHeaders} in the XML the answer URL returned.
   */
  public Optional<String> campaignId() {
    String query = answerUrl == null ? null : URI.create(answerUrl).getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] keyValue = pair.split("=", 2);
        if (keyValue.length == 2 && keyValue[0].equals("campaignId")) {
          return Optional.of(URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8));
        }
      }
    }
    for (AuditedCallback answer : callbacks("answer")) {
      if (answer.body() != null) {
        Matcher matcher = CAMPAIGN_ID.matcher(answer.body());
        if (matcher.find()) {
          return Optional.of(matcher.group(1));
        }
      }
    }
    return Optional.empty();
  }
}
