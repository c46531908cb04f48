package com.voicecampaigns.worker.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A campaign's own {@code callsPerSecond}, with the same two parts as the account's {@link
 * AccountPacer}, kept in memory: one worker dials a campaign at a time (the lease), one request
 * after another, so no other process shares this state.
 *
 * <ul>
 *   <li>Spacing: a request goes at least {@code cycle / callsPerSecond} after the previous one.
 *   <li>Window bound: with {@code N = max(1, floor(callsPerSecond))}, a request goes at least one
 *       {@code cycle} after Plivo answered the request N before it, so no one-second window holds
 *       more than N of the campaign's requests, however long they take on their way.
 * </ul>
 *
 * A worker that takes a campaign over whose last request went out within the longest a request can
 * take plus a cycle starts as if N requests had just been answered (one cycle of waiting).
 */
public final class CampaignPacer {

  private final int permits;
  private final long intervalMicros;
  private final Duration cycle;
  private final Deque<Instant> answers = new ArrayDeque<>();
  private Instant lastSent;

  /**
   * @param callsPerSecond the campaign's limit, {@code null} or not positive for none
   * @param lastSent when the campaign last sent a Make-Call request, {@code null} if never
   */
  public CampaignPacer(
      Double callsPerSecond,
      Duration clockSkewAllowance,
      Instant lastSent,
      Duration maxRequestTime,
      Instant now) {
    this.cycle = Duration.ofSeconds(1).plus(clockSkewAllowance);
    boolean limited = callsPerSecond != null && callsPerSecond > 0;
    this.permits = limited ? Math.max(1, (int) Math.floor(callsPerSecond)) : 0;
    this.intervalMicros = limited ? (long) Math.ceil(cycle.toNanos() / 1_000d / callsPerSecond) : 0;
    this.lastSent = lastSent;
    if (limited && lastSent != null && lastSent.plus(maxRequestTime).plus(cycle).isAfter(now)) {
      for (int i = 0; i < permits; i++) {
        answers.add(now);
      }
    }
  }

  /** The earliest time the next request of the campaign may be sent. */
  public Instant nextAllowed() {
    if (permits == 0) {
      return Instant.MIN;
    }
    Instant allowed =
        lastSent == null ? Instant.MIN : lastSent.plus(intervalMicros, ChronoUnit.MICROS);
    if (answers.size() >= permits) {
      Instant windowFree = answers.peekFirst().plus(cycle);
      allowed = windowFree.isAfter(allowed) ? windowFree : allowed;
    }
    return allowed;
  }

  public void sent(Instant at) {
    lastSent = at;
  }

  /** Plivo answered the request sent last (or it failed) at {@code at}. */
  public void answered(Instant at) {
    if (permits == 0) {
      return;
    }
    answers.addLast(at);
    while (answers.size() > permits) {
      answers.removeFirst();
    }
  }
}
