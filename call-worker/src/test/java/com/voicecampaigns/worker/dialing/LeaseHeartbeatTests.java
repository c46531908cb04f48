package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.worker.dialing.LeaseHeartbeat.Beat;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The progress watchdog: a lease is renewed only while its session keeps moving, so a wedged
 * session loses it within a lease period; and a lease not renewed for too long is renewed before a
 * request goes out.
 */
class LeaseHeartbeatTests {

  static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
  final AtomicLong nanos = new AtomicLong();
  final AtomicInteger renewals = new AtomicInteger();

  /** Heartbeat 10s, lease 30s, progress timeout 30s. */
  final LeaseHeartbeat heartbeat =
      new LeaseHeartbeat(
          Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), T0, nanos::get);

  @Test
  void aMovingSessionIsRenewedEachHeartbeatInterval() {
    assertThat(beatAt(9)).isEqualTo(Beat.KEPT);
    assertThat(renewals).hasValue(0);
    for (int second = 10; second <= 120; second += 10) {
      heartbeat.progressed();
      assertThat(beatAt(second)).isEqualTo(Beat.KEPT);
    }
    assertThat(renewals).hasValue(12);
  }

  @Test
  void aSessionStuckPastTheProgressTimeoutIsRenewedNoMore() {
    assertThat(beatAt(10)).isEqualTo(Beat.KEPT);
    assertThat(beatAt(20)).isEqualTo(Beat.KEPT);
    assertThat(beatAt(30)).isEqualTo(Beat.KEPT);
    assertThat(renewals).hasValue(3);

    // no progress since T0: stalled from 30s on, so the lease renewed at 30s ends by 60s
    assertThat(beatAt(31)).isEqualTo(Beat.KEPT); // no renewal due
    assertThat(beatAt(40)).isEqualTo(Beat.STALLED);
    assertThat(renewals).hasValue(3);
    assertThat(heartbeat.sinceProgress()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void aWaitCountsAsProgress() throws InterruptedException {
    nanos.set(Duration.ofSeconds(20).toNanos());

    boolean signalled =
        heartbeat.await(new CountDownLatch(1), Duration.ofMillis(30), Duration.ofMillis(10));

    assertThat(signalled).isFalse();
    nanos.set(Duration.ofSeconds(45).toNanos());
    assertThat(heartbeat.stalled()).isFalse(); // 25s since the wait, 45s since the start
    nanos.set(Duration.ofSeconds(51).toNanos());
    assertThat(heartbeat.stalled()).isTrue();
  }

  @Test
  void aFailedRenewalLosesTheLease() {
    assertThat(heartbeat.beat("c", T0.plusSeconds(10), () -> false)).isEqualTo(Beat.LOST);
  }

  @Test
  void aLeaseNotRenewedForLongerThanItCanBeTrustedIsRenewedBeforeARequest() {
    // renewed at T0; trusted for lease - heartbeat = 20s
    assertThat(heartbeat.renewedIfUntrusted("c", T0.plusSeconds(19), this::renew)).isTrue();
    assertThat(renewals).hasValue(0);
    assertThat(heartbeat.renewedIfUntrusted("c", T0.plusSeconds(25), this::renew)).isTrue();
    assertThat(renewals).hasValue(1);
    assertThat(heartbeat.trusted(T0.plusSeconds(44))).isTrue();
    // a process frozen for a minute finds its lease gone: nothing may be sent
    assertThat(heartbeat.renewedIfUntrusted("c", T0.plusSeconds(90), () -> false)).isFalse();
  }

  private Beat beatAt(int second) {
    nanos.set(Duration.ofSeconds(second).toNanos());
    return heartbeat.beat("c", T0.plusSeconds(second), this::renew);
  }

  private boolean renew() {
    renewals.incrementAndGet();
    return true;
  }
}
