package com.voicecampaigns.api.campaign;

import java.util.List;

/**
 * {@code POST /api/v1/campaigns}. Without {@code scheduledTime} the campaign starts at once.
 *
 * @param name 1–200 characters
 * @param listId a ready, non-empty contact list of the caller's tenant
 * @param fromNumber the caller id, E.164 ({@code +918035735659})
 * @param wssUrl the voice bot's WebSocket URL, {@code wss://…}
 * @param scheduledTime optional ISO 8601 instant with an offset or {@code Z}, in the future and
 *     within the scheduling horizon; a local time without offset is refused
 * @param callingWindow optional hours in which calls may be placed
 * @param retryPolicy optional retries of busy, unanswered or failed calls
 * @param maxConcurrentCalls optional limit of simultaneous calls, 1–1000
 * @param callsPerSecond optional limit of new calls per second, more than 0 and at most 100
 * @param endTime optional ISO 8601 instant with an offset or {@code Z} (Vapi's {@code latestAt}):
 *     no new call after it; after {@code scheduledTime} (or now) and within the horizon. Contacts
 *     not reached by then end {@code expired} and the campaign completes.
 * @param machineDetection optional answering-machine detection: {@code off} (default), {@code
 *     hangup} (hang up on a machine) or {@code bot} (connect anyway and tell the bot)
 */
public record CreateCampaignRequest(
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    String scheduledTime,
    WindowInput callingWindow,
    RetryInput retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    String endTime,
    String machineDetection) {

  /**
   * @param timezone IANA zone, e.g. {@code Asia/Kolkata}
   * @param start {@code HH:mm}, inclusive
   * @param end {@code HH:mm}, exclusive, after {@code start}
   * @param days day names ({@code MONDAY} … {@code SUNDAY}, any case); empty or absent: every day
   */
  public record WindowInput(String timezone, String start, String end, List<String> days) {}

  /**
   * @param maxAttempts attempts per contact including the first, 1–10
   * @param retryOn outcomes to retry among {@code busy}, {@code no-answer}, {@code failed}, {@code
   *     machine}
   * @param backoff wait before a retry: seconds ({@code 600}) or an ISO 8601 duration ({@code
   *     PT10M}), at most 7 days
   */
  public record RetryInput(Integer maxAttempts, List<String> retryOn, String backoff) {}
}
