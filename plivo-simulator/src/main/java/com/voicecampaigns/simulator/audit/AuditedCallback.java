package com.voicecampaigns.simulator.audit;

import java.time.Instant;

/**
 * One callback attempt.
 *
 * @param kind ring, answer, machine or hangup
 * @param url where it was sent
 * @param at when it was sent
 * @param status the HTTP status it got, -1 when no answer came
 * @param error why it failed, null when delivered
 * @param attempt 1 for the first attempt, more for hangup retries
 * @param body what the answer URL returned (answer callbacks only)
 */
public record AuditedCallback(
    String kind, String url, Instant at, int status, String error, int attempt, String body) {

  public boolean delivered() {
    return status >= 200 && status < 300;
  }
}
