package com.voicecampaigns.worker.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A campaign's own {@code callsPerSecond}. One worker dials a campaign at a time (the lease) and
 * places its calls one after another, so the spacing is kept in memory, from the actual send time
 * of the previous call; a worker that takes a campaign over starts from the campaign's last {@code
 * dialedAt}.
 */
public final class CampaignPacer {

  private final long intervalMicros;
  private Instant lastSent;

  /**
   * @param callsPerSecond the campaign's limit, {@code null} or not positive for none
   * @param lastSent when the campaign last sent a Make-Call request, {@code null} if never
   */
  public CampaignPacer(Double callsPerSecond, Duration jitterAllowance, Instant lastSent) {
    this.intervalMicros =
        callsPerSecond == null || callsPerSecond <= 0
            ? 0
            : AccountPacer.intervalMicros(callsPerSecond, jitterAllowance);
    this.lastSent = lastSent;
  }

  /** The earliest time the next call of the campaign may be sent. */
  public Instant nextAllowed() {
    return intervalMicros == 0 || lastSent == null
        ? Instant.MIN
        : lastSent.plus(intervalMicros, ChronoUnit.MICROS);
  }

  public void sent(Instant at) {
    lastSent = at;
  }
}
