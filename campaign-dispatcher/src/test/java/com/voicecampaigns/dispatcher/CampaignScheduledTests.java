package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.dispatcher.timer.CampaignWatch;
import com.voicecampaigns.dispatcher.timer.StartTimers;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CampaignScheduledTests extends DispatcherIntegrationSupport {

  @Autowired StartTimers timers;
  @Autowired CampaignWatch watch;

  @Test
  void startsAnImmediateCampaignAtOnceWithoutWaitingForATick() {
    String id = campaigns.scheduled(T0);
    double before = count("dispatcher.campaigns.started", "trigger", "scheduled");

    campaignScheduled(id, T0, T0);

    await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(campaigns.status(id)));
    assertThat(campaigns.instant(id, CampaignFields.STARTED_AT)).isEqualTo(T0);
    assertThat(count("dispatcher.campaigns.started", "trigger", "scheduled") - before).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
    assertThat(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId())
        .isEqualTo(campaigns.dispatchId(id));
  }

  @Test
  void armsATimerWithinTheLookAheadAndStartsTheCampaignAtItsTime() {
    Instant at = T0.plusSeconds(90);
    String id = campaigns.scheduled(at);
    double before = count("dispatcher.campaigns.started", "trigger", "timer");

    campaignScheduled(id, at, T0);

    await().atMost(Duration.ofSeconds(20)).until(() -> timers.armedAt(id).equals(Optional.of(at)));
    assertThat(campaigns.status(id)).isEqualTo("scheduled");
    clock.set(at.minusMillis(1));
    assertThat(timerScheduler.runDue(clock.instant())).isZero();
    assertThat(campaigns.status(id)).isEqualTo("scheduled");

    clock.set(at);
    assertThat(timerScheduler.runDue(clock.instant())).isEqualTo(1);

    assertThat(campaigns.status(id)).isEqualTo("running");
    assertThat(campaigns.instant(id, CampaignFields.STARTED_AT)).isEqualTo(at);
    assertThat(count("dispatcher.campaigns.started", "trigger", "timer") - before).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
  }

  @Test
  void aTimerThatFiresEarlyStartsNothingAndWaitsForTheTime() {
    Instant at = T0.plusSeconds(30);
    String id = campaigns.scheduled(at);
    watch.look(id, StartTrigger.SCHEDULED);

    // a timer thread waking before the clock reaches the time (clock drift) must not start it
    clock.set(at.minusMillis(5));
    assertThat(timerScheduler.fireWaitingEarly()).isEqualTo(1);

    assertThat(campaigns.status(id)).isEqualTo("scheduled");
    assertThat(timers.armedAt(id)).contains(at);
    clock.set(at);
    assertThat(timerScheduler.runDue(at)).isEqualTo(1);
    assertThat(campaigns.status(id)).isEqualTo("running");
  }

  @Test
  void armsNoTimerBeyondTheLookAheadButATickArmsItOnceItComesWithin() {
    Instant at = T0.plus(Duration.ofMinutes(5));
    String id = campaigns.scheduled(at);

    watch.look(id, StartTrigger.SCHEDULED);

    assertThat(timers.armedAt(id)).isEmpty();
    clock.set(at.minus(Duration.ofSeconds(100)));
    tick();
    await().atMost(Duration.ofSeconds(20)).until(() -> timers.armedAt(id).equals(Optional.of(at)));
    clock.set(at);
    timerScheduler.runDue(at);
    assertThat(campaigns.status(id)).isEqualTo("running");
    assertThat(campaigns.instant(id, CampaignFields.STARTED_AT)).isEqualTo(at);
  }

  @Test
  void reschedulingReArmsTheTimerAndTheOldTimeStartsNothing() {
    Instant first = T0.plusSeconds(60);
    Instant second = T0.plusSeconds(100);
    String id = campaigns.scheduled(first);
    campaignScheduled(id, first, T0);
    await().atMost(Duration.ofSeconds(20)).until(() -> timers.armedAt(id).isPresent());

    campaigns.set(id, Map.of(CampaignFields.SCHEDULED_TIME, second));
    campaignScheduled(id, second, T0);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> timers.armedAt(id).equals(Optional.of(second)));

    clock.set(first);
    assertThat(timerScheduler.runDue(first)).isZero();
    assertThat(campaigns.status(id)).isEqualTo("scheduled");
    clock.set(second);
    assertThat(timerScheduler.runDue(second)).isEqualTo(1);
    assertThat(campaigns.status(id)).isEqualTo("running");
    assertThat(campaigns.instant(id, CampaignFields.STARTED_AT)).isEqualTo(second);
  }

  @Test
  void aTimerForACampaignRescheduledWithoutAnEventStartsNothingEarly() {
    Instant first = T0.plusSeconds(60);
    String id = campaigns.scheduled(first);
    watch.look(id, StartTrigger.SCHEDULED);
    // the API moved it, and its CampaignScheduled was lost
    campaigns.set(id, Map.of(CampaignFields.SCHEDULED_TIME, T0.plusSeconds(90)));

    clock.set(first);
    timerScheduler.runDue(first);

    assertThat(campaigns.status(id)).isEqualTo("scheduled");
    assertThat(timers.armedAt(id)).contains(T0.plusSeconds(90));
  }

  @Test
  void aTimerForACancelledCampaignStartsNothing() {
    Instant at = T0.plusSeconds(45);
    String id = campaigns.scheduled(at);
    watch.look(id, StartTrigger.SCHEDULED);
    // cancel publishes no CampaignScheduled: the timer stays armed and claims nothing
    campaigns.set(id, Map.of(CampaignFields.STATUS, "cancelled"));

    clock.set(at);
    assertThat(timerScheduler.runDue(at)).isEqualTo(1);

    assertThat(campaigns.status(id)).isEqualTo("cancelled");
    assertThat(campaigns.dispatchId(id)).isNull();
    assertThat(timers.armedAt(id)).isEmpty();
  }

  @Test
  void aTimerAndTicksRacingStartTheCampaignOnce() {
    Instant at = T0.plusSeconds(30);
    String id = campaigns.scheduled(at);
    watch.look(id, StartTrigger.SCHEDULED);
    clock.set(at);

    tick();
    tick();
    timerScheduler.runDue(at);
    tick();

    await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(campaigns.status(id)));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
    assertThat(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId())
        .isEqualTo(campaigns.dispatchId(id));
  }
}
