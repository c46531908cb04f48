package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import java.time.Duration;
import java.time.Instant;

/**
 * The last check of a request's rate permits, once the request holds a connection and right before
 * its first byte is written. A permit stays busy a window plus the timing allowance after its date,
 * so a request written within half the allowance of that date reaches Plivo within its permit's
 * time. An older one (the request waited for a new connection, a TLS handshake, a cold process's
 * first request, a slow thread hand-off) is renewed, fenced by its holder: busy a whole window plus
 * the allowance from now, as if taken now, which is safe because nobody else took it while its
 * holder still holds it. A permit that was lost (this process paused past its permit's time, or
 * MongoDB kept failing the renewal) means the request must not be sent.
 */
final class LastPermitCheck {

  /** Renewals of one request's permits in a row: each is one MongoDB round trip. */
  static final int MAX_RENEWALS = 3;

  private final ServerClock clock;
  private final Duration maxAge;
  private final PermitPool callsPerSecond;
  private final PermitPool apiRequests;

  /** {@code callsPerSecond} and {@code apiRequests} are {@code null} without that limit. */
  LastPermitCheck(
      ServerClock clock, Duration maxAge, PermitPool callsPerSecond, PermitPool apiRequests) {
    this.clock = clock;
    this.maxAge = maxAge;
    this.callsPerSecond = callsPerSecond;
    this.apiRequests = apiRequests;
  }

  /** True when the request may be written now, false when one of its permits was lost. */
  boolean confirm(AccountPermits permits) {
    Instant dated = oldestDate(permits);
    for (int renewals = 0; ; renewals++) {
      Instant now = clock.now();
      if (dated == null || Duration.between(dated, now).compareTo(maxAge) <= 0) {
        return true;
      }
      if (renewals == MAX_RENEWALS || !renew(permits, now)) {
        return false;
      }
      dated = now;
    }
  }

  private boolean renew(AccountPermits permits, Instant now) {
    return (permits.second() == null || callsPerSecond.renew(permits.second(), now))
        && (permits.api() == null || apiRequests.renew(permits.api(), now));
  }

  private static Instant oldestDate(AccountPermits permits) {
    Instant oldest = null;
    for (PermitPool.Held held : new PermitPool.Held[] {permits.second(), permits.api()}) {
      if (held != null && (oldest == null || held.takenAt().isBefore(oldest))) {
        oldest = held.takenAt();
      }
    }
    return oldest;
  }
}
