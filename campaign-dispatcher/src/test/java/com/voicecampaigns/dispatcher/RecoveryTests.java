package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.recovery.UnownedCampaignRecoverer;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.dispatcher.timer.StartTimers;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Start timeout in this context: 30 s. */
class RecoveryTests extends DispatcherIntegrationSupport {

  @Autowired UnownedCampaignRecoverer recoverer;
  @Autowired StartTimers timers;

  @Test
  void aStartWhosePublicationFailedIsPublishedAgainForTheSameDispatch() {
    String id = campaigns.scheduled(T0.minusSeconds(1));
    failingPublications.failNext(2);
    double failuresBefore = count("dispatcher.start.publish.failures");
    double givenBackBefore = count("dispatcher.start.given.back");

    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
    assertThat(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId())
        .isEqualTo(campaigns.dispatchId(id));
    assertThat(count("dispatcher.start.publish.failures") - failuresBefore).isEqualTo(2);
    assertThat(count("dispatcher.start.given.back") - givenBackBefore).isZero();
    assertThat(campaigns.find(id).get(CampaignFields.RESUME_AT)).isNull();
  }

  @Test
  void aStartThatNoTryCouldPublishIsGivenBackAndReDispatchedByTheNextTick() {
    String id = campaigns.scheduled(T0.minusSeconds(1));
    failingPublications.failNext(3); // every try of dispatcher.publish-retry.max-tries
    double recoveredBefore = count("dispatcher.campaigns.recovered", "reason", "released");
    double startedBefore = count("dispatcher.campaigns.started", "trigger", "tick");

    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> campaigns.find(id).get(CampaignFields.RESUME_AT) != null);
    String lostDispatch = campaigns.dispatchId(id);
    assertThat(campaigns.status(id)).isEqualTo("running");
    assertThat(starts.received()).isEmpty();

    // the next tick, long before the start timeout (30 s here), re-dispatches it
    clock.advance(Duration.ofSeconds(1));
    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
    String newDispatch = campaigns.dispatchId(id);
    assertThat(newDispatch).isNotEqualTo(lostDispatch);
    assertThat(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId())
        .isEqualTo(newDispatch);
    assertThat(campaigns.find(id).get(CampaignFields.RESUME_AT)).isNull();
    assertThat(campaigns.instant(id, CampaignFields.STARTED_AT)).isEqualTo(T0);
    assertThat(count("dispatcher.campaigns.recovered", "reason", "released") - recoveredBefore)
        .isEqualTo(1);
    // the first claim counts as the start; the recovery does not
    assertThat(count("dispatcher.campaigns.started", "trigger", "tick") - startedBefore)
        .isEqualTo(1);
  }

  @Test
  void aStartWhoseEventWasNeverPublishedIsReissuedAfterTheStartTimeout() {
    // the dispatcher that claimed it died before publishing
    String id = campaigns.running("d-lost", T0.minusSeconds(30), null, null, null);
    String fresh = campaigns.running("d-fresh", T0.minusSeconds(29), null, null, null);
    double before = count("dispatcher.campaigns.recovered", "reason", "start-timeout");

    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
    assertThat(campaigns.dispatchId(id)).isNotEqualTo("d-lost");
    assertThat(campaigns.instant(id, CampaignFields.DISPATCHED_AT)).isEqualTo(T0);
    assertThat(campaigns.dispatchId(fresh)).isEqualTo("d-fresh");
    assertThat(count("dispatcher.campaigns.recovered", "reason", "start-timeout") - before)
        .isEqualTo(1);
  }

  @Test
  void recoversRunningCampaignsThatNoOtherRuleWouldEverMove() {
    // imported from the old service: running, no dispatch, no dispatchedAt, no worker
    String imported = campaigns.running("ignored", T0.minusSeconds(3600), null, null, null);
    campaigns.unset(imported, CampaignFields.DISPATCH_ID, CampaignFields.DISPATCHED_AT);
    // edited by hand: a worker but no leaseUntil
    String noLease = campaigns.running("d-hand", T0.minusSeconds(3600), "worker-x", null, null);
    double before = count("dispatcher.campaigns.recovered", "reason", "stranded");

    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                CampaignStartEvents.of(starts.received(), imported).size() == 1
                    && CampaignStartEvents.of(starts.received(), noLease).size() == 1);
    for (String id : List.of(imported, noLease)) {
      Document recovered = campaigns.find(id);
      assertThat(recovered.getString(CampaignFields.DISPATCH_ID))
          .isNotNull()
          .isNotEqualTo("d-hand")
          .isEqualTo(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId());
      assertThat(recovered.get(CampaignFields.WORKER_ID)).isNull();
      assertThat(campaigns.instant(id, CampaignFields.DISPATCHED_AT)).isEqualTo(T0);
    }
    assertThat(count("dispatcher.campaigns.recovered", "reason", "stranded") - before).isEqualTo(2);
  }

  @Test
  void takesBackACampaignWhoseWorkerLeaseExpired() {
    String id =
        campaigns.running("d-old", T0.minusSeconds(300), "worker-1", T0.minusSeconds(1), null);
    String alive =
        campaigns.running("d-alive", T0.minusSeconds(300), "worker-2", T0.plusSeconds(20), null);
    double before = count("dispatcher.campaigns.recovered", "reason", "lease-expired");

    tick();

    await().atMost(Duration.ofSeconds(20)).until(() -> !"d-old".equals(campaigns.dispatchId(id)));
    Document recovered = campaigns.find(id);
    assertThat(recovered.getString(CampaignFields.STATUS)).isEqualTo("running");
    assertThat(recovered.get(CampaignFields.WORKER_ID)).isNull();
    assertThat(recovered.get(CampaignFields.LEASE_UNTIL)).isNull();
    assertThat(campaigns.instant(id, CampaignFields.DISPATCHED_AT)).isEqualTo(T0);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
    assertThat(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId())
        .isEqualTo(campaigns.dispatchId(id));
    assertThat(count("dispatcher.campaigns.recovered", "reason", "lease-expired") - before)
        .isEqualTo(1);
    // the pass that recovered the expired lease saw the live one and left it alone
    Document untouched = campaigns.find(alive);
    assertThat(untouched.getString(CampaignFields.DISPATCH_ID)).isEqualTo("d-alive");
    assertThat(untouched.getString(CampaignFields.WORKER_ID)).isEqualTo("worker-2");
  }

  @Test
  void restartsAReleasedCampaignAtOnceOnCampaignScheduled() {
    // a worker released it at a calling window's end (or shut down: resumeAt = now)
    String id = campaigns.running("d-released", T0.minusSeconds(3600), null, T0, T0);
    double before = count("dispatcher.campaigns.recovered", "reason", "released");

    campaignScheduled(id, T0, T0);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !"d-released".equals(campaigns.dispatchId(id)));
    assertThat(campaigns.find(id).get(CampaignFields.RESUME_AT)).isNull();
    assertThat(count("dispatcher.campaigns.recovered", "reason", "released") - before).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
  }

  @Test
  void armsATimerForAReleasedCampaignResumingWithinTheLookAhead() {
    Instant resumeAt = T0.plusSeconds(75);
    String id = campaigns.running("d-window", T0.minusSeconds(3600), null, T0, resumeAt);

    campaignScheduled(id, resumeAt, T0);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> timers.armedAt(id).equals(Optional.of(resumeAt)));
    assertThat(campaigns.dispatchId(id)).isEqualTo("d-window");
    clock.set(resumeAt);
    timerScheduler.runDue(resumeAt);
    assertThat(campaigns.dispatchId(id)).isNotEqualTo("d-window");
    assertThat(campaigns.instant(id, CampaignFields.DISPATCHED_AT)).isEqualTo(resumeAt);
  }

  @Test
  void aCampaignThatStillWaitsForItsWorkerIsNotRecoveredBeforeTheStartTimeout() {
    String id = campaigns.running("d-fresh", T0.minusSeconds(10), null, null, null);
    String marker = campaigns.scheduled(T0);

    tick();

    await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(campaigns.status(marker)));
    assertThat(campaigns.dispatchId(id)).isEqualTo("d-fresh");
  }

  @Test
  void dispatchersRacingToRecoverOneCampaignRecoverItOnce() throws Exception {
    List<String> ids =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    campaigns.running(
                        "d-" + i, T0.minusSeconds(300), "worker-dead", T0.minusSeconds(5), null))
            .toList();
    ExecutorService racers = Executors.newFixedThreadPool(4);
    try {
      for (String id : ids) {
        String old = campaigns.dispatchId(id);
        Callable<Boolean> recover = () -> recoverer.recoverIfUnowned(id, old);
        List<Future<Boolean>> outcomes =
            racers.invokeAll(List.of(recover, recover, recover, recover));
        long winners = 0;
        for (Future<Boolean> outcome : outcomes) {
          winners += outcome.get() ? 1 : 0;
        }
        assertThat(winners).as("recoveries of %s", id).isEqualTo(1);
      }
    } finally {
      racers.shutdownNow();
    }
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(20))
        .until(() -> starts.received().size() == 20);
  }
}
