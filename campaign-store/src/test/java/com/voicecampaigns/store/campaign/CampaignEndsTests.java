package com.voicecampaigns.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's end time: once it has passed nothing starts, recovers or takes a lease, and the
 * campaign completes with its pending attempts expired, counted; before it nothing changes.
 */
class CampaignEndsTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");
  static final String DISPATCH = "dispatch-1";

  @Autowired CampaignEnds ends;
  @Autowired CampaignStore campaigns;
  @Autowired CampaignLeases leases;
  @Autowired CampaignReads reads;
  @Autowired CampaignCounters counters;
  @Autowired CallAttemptStore attempts;
  @Autowired CallAttemptReads calls;

  @Test
  void aRunningCampaignPastItsEndCompletesAndItsPendingRetriesExpireCounted() {
    String id = insert(CampaignStatus.RUNNING, NOW.minusSeconds(1));
    Lease lease = new Lease(id, DISPATCH, "worker-1");
    CallAttemptDocument answered = attempt(id, Start.dialing(lease));
    attempts.answer(answered.id(), "call-1", null, NOW);
    CallAttemptDocument retry =
        attempt(id, Start.dialing(lease)).retry(NOW.plusSeconds(600), NOW.minusSeconds(5));
    attempts.insert(retry);

    assertThat(ends.endIfPast(id, NOW)).isTrue();

    CampaignDocument ended = reads.find(id).orElseThrow();
    assertThat(ended.status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(ended.completedAt()).isEqualTo(NOW);
    assertThat(ended.expiredAt()).isEqualTo(NOW);
    assertThat(ended.workerId()).isNull();
    CallAttemptDocument expired = calls.find(retry.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(CallStatus.EXPIRED);
    assertThat(expired.error()).isEqualTo(CampaignEnds.REASON);
    // the call in flight finishes and is counted when its hangup arrives
    assertThat(calls.find(answered.id()).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
    attempts.hangUp(answered.id(), "call-1", CallStatus.COMPLETED, "NORMAL", 30, NOW);
    assertThat(counters.stored(id))
        .contains(counters.recount(id))
        .contains(
            new ProgressCounts(
                Map.of("completed", 1L, "dialing", 1L, "expired", 1L),
                Map.of("completed", 1L, "expired", 1L)));
    assertThat(ends.endIfPast(id, NOW)).as("ends once").isFalse();
  }

  @Test
  void aScheduledOrPausedCampaignPastItsEndCompletesAndNoneEndsEarly() {
    String scheduled = insert(CampaignStatus.SCHEDULED, NOW);
    String paused = insert(CampaignStatus.PAUSED, NOW.minusSeconds(60));
    String later = insert(CampaignStatus.RUNNING, NOW.plusMillis(1));
    String open = insert(CampaignStatus.RUNNING, null);
    String cancelled = insert(CampaignStatus.CANCELLED, NOW.minusSeconds(60));

    assertThat(ends.pastEnd(NOW, 100)).contains(scheduled, paused).doesNotContain(later, open);
    assertThat(ends.pastEnd(NOW, 100)).doesNotContain(cancelled);
    assertThat(ends.endIfPast(scheduled, NOW)).isTrue();
    assertThat(ends.endIfPast(paused, NOW)).isTrue();
    assertThat(ends.endIfPast(later, NOW)).isFalse();
    assertThat(ends.endIfPast(open, NOW)).isFalse();
    assertThat(ends.endIfPast(cancelled, NOW)).isFalse();
    assertThat(ends.endIfPast("not-an-id", NOW)).isFalse();

    assertThat(reads.find(scheduled).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(reads.find(paused).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(reads.find(later).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
    assertThat(reads.find(cancelled).orElseThrow().status()).isEqualTo(CampaignStatus.CANCELLED);
  }

  @Test
  void theDispatchersPassEndsEveryCampaignPastItsEndBatchByBatch() {
    List<String> past = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      past.add(insert(CampaignStatus.RUNNING, NOW.minusSeconds(i)));
    }
    String later = insert(CampaignStatus.RUNNING, NOW.plusSeconds(1));

    int ended = ends.endAllPast(NOW, 3);

    assertThat(ended).isGreaterThanOrEqualTo(7);
    assertThat(past)
        .allMatch(id -> reads.find(id).orElseThrow().status() == CampaignStatus.COMPLETED);
    assertThat(reads.find(later).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
    assertThat(ends.pastEnd(NOW, 1000)).isEmpty();
    assertThat(reads.findAll(List.of(past.get(0), later, new ObjectId().toHexString())))
        .containsOnlyKeys(past.get(0), later);
  }

  @Test
  void aCampaignPastItsEndIsNeitherClaimedNorRecoveredNorTaken() {
    String due = insert(CampaignStatus.SCHEDULED, NOW);
    mongo
        .getCollection(CampaignFields.COLLECTION)
        .updateOne(
            new Document(CampaignFields.ID, new ObjectId(due)),
            new Document(
                "$set",
                new Document(CampaignFields.SCHEDULED_TIME, Date.from(NOW.minusSeconds(60)))));
    String unowned = insert(CampaignStatus.RUNNING, NOW.minusSeconds(1));
    Duration startTimeout = Duration.ofMinutes(2);

    assertThat(campaigns.claimDue(due, NOW)).isEmpty();
    assertThat(campaigns.claimDueBatch(NOW, 1000).orElse(List.of()))
        .noneMatch(claimed -> claimed.campaignId().equals(due));
    assertThat(reads.countDue(NOW)).isZero();
    assertThat(
            reads.unowned(Recoverability.START_TIMEOUT, NOW, startTimeout, 1000).stream()
                .map(UnownedCampaign::campaignId))
        .doesNotContain(unowned);
    assertThat(
            campaigns.recover(unowned, DISPATCH, Recoverability.START_TIMEOUT, NOW, startTimeout))
        .isEmpty();
    assertThat(leases.take(unowned, DISPATCH, "worker-1", NOW.plusSeconds(30), NOW)).isEmpty();
    assertThat(leases.take(unowned, DISPATCH, "worker-1", NOW.plusSeconds(30), NOW.minusSeconds(2)))
        .as("before its end it is taken")
        .isPresent();
  }

  private CallAttemptDocument attempt(String campaignId, Start start) {
    CallAttemptDocument attempt =
        CallAttemptDocument.first(
            new CallTarget(
                campaignId,
                "client-1",
                new ObjectId().toHexString(),
                "+14155550100",
                "+918035735659",
                null),
            start,
            NOW.minusSeconds(30));
    assertThat(attempts.insert(attempt)).isTrue();
    return attempt;
  }

  private String insert(CampaignStatus status, Instant endTime) {
    ObjectId id = new ObjectId();
    Document campaign =
        new Document(CampaignFields.ID, id)
            .append(CampaignFields.CLIENT_ID, "client-1")
            .append(CampaignFields.STATUS, status.wire())
            .append(CampaignFields.SCHEDULED_TIME, Date.from(NOW.minusSeconds(3600)))
            .append(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.DISPATCHED_AT, Date.from(NOW.minusSeconds(600)))
            .append(CampaignFields.STATS, new Document())
            .append(CampaignFields.CONTACT_STATS, new Document())
            .append(CampaignFields.COUNTERS, 1);
    if (status == CampaignStatus.SCHEDULED) {
      campaign.append(CampaignFields.SCHEDULED_TIME, Date.from(NOW.plusSeconds(60)));
    }
    if (endTime != null) {
      campaign.append(CampaignFields.END_TIME, Date.from(endTime));
    }
    mongo.insert(campaign, CampaignFields.COLLECTION);
    return id.toHexString();
  }
}
