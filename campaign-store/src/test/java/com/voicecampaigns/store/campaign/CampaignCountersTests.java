package com.voicecampaigns.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The progress counters of a campaign are moved by the call-attempt transitions themselves, so they
 * equal a recount from the call documents whoever makes the changes, however often a callback is
 * repeated and however writers race.
 */
class CampaignCountersTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");
  static final Lease LEASE = new Lease("unused", "dispatch-1", "worker-1");

  @Autowired CallAttemptStore attempts;
  @Autowired CallAttemptReads reads;
  @Autowired CampaignCounters counters;

  @Test
  void aContactsRetriesMoveItsAttemptsAndLeaveItCountedOnceByItsLatestAttempt() {
    String campaignId = campaign();
    CallAttemptDocument first = dial(campaignId, new ObjectId().toHexString());
    attempts.ring(first.id(), "request-1");
    attempts.answer(first.id(), "call-1", null, NOW);
    // the retry is inserted before the attempt it follows ends (as the worker does)
    CallAttemptDocument retry = first.retry(NOW.plusSeconds(600), NOW);
    assertThat(attempts.insert(retry)).isTrue();
    assertThat(counts(campaignId))
        .isEqualTo(counts(Map.of("in-progress", 1L, "pending", 1L), Map.of("pending", 1L)));
    attempts.hangUp(first.id(), "call-1", CallStatus.BUSY, "USER_BUSY", 0, NOW);
    assertThat(counts(campaignId))
        .isEqualTo(counts(Map.of("busy", 1L, "pending", 1L), Map.of("pending", 1L)));

    CallAttemptDocument claimed =
        attempts.claimDuePending(lease(campaignId), NOW.plusSeconds(601)).orElseThrow();
    attempts.hangUp(claimed.id(), "call-2", CallStatus.NO_ANSWER, "NO_ANSWER", 0, NOW);

    assertThat(counts(campaignId))
        .isEqualTo(counts(Map.of("busy", 1L, "no-answer", 1L), Map.of("no-answer", 1L)))
        .isEqualTo(counters.recount(campaignId));
    assertThat(counts(campaignId).totalAttempts()).isEqualTo(2);
    assertThat(counts(campaignId).contactsAttempted()).isEqualTo(1);
  }

  @Test
  void anUnknownAttemptReconciledByItsCallbacksMovesItsCountersOnce() {
    String campaignId = campaign();
    CallAttemptDocument call = dial(campaignId, new ObjectId().toHexString());
    attempts.markUnknown(call.id(), "timed out", NOW);
    assertThat(counts(campaignId)).isEqualTo(counts(Map.of("unknown", 1L), Map.of("unknown", 1L)));

    for (int repeat = 0; repeat < 3; repeat++) {
      attempts.ring(call.id(), "request-1");
      attempts.answer(call.id(), "call-1", "request-1", NOW);
      attempts.hangUp(call.id(), "call-1", CallStatus.MACHINE, "NORMAL_CLEARING", 12, NOW);
    }

    assertThat(counts(campaignId))
        .isEqualTo(counts(Map.of("machine", 1L), Map.of("machine", 1L)))
        .isEqualTo(counters.recount(campaignId));
  }

  @Test
  void racingWritersAndRepeatedCallbacksLeaveTheCountersEqualToARecount() throws Exception {
    String campaignId = campaign();
    int contacts = 75;
    Random random = new Random(7);
    List<Callable<Void>> work = new ArrayList<>();
    for (int i = 0; i < contacts; i++) {
      String contactId = new ObjectId().toHexString();
      CallAttemptDocument first =
          CallAttemptDocument.first(target(campaignId, contactId), Start.dialing(LEASE), NOW);
      int fate = i % 5;
      work.add(() -> contactLife(first, fate, random.nextLong()));
    }
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      for (Future<Void> done : writers.invokeAll(work)) {
        done.get();
      }
    } finally {
      writers.shutdownNow();
    }

    ProgressCounts stored = counts(campaignId);
    assertThat(stored).isEqualTo(counters.recount(campaignId));
    assertThat(stored.contactsAttempted()).isEqualTo(contacts);
    assertThat(stored.totalAttempts())
        .isEqualTo(mongo.count(callsOf(campaignId), CallFields.COLLECTION))
        .isEqualTo(contacts + 3 * contacts / 5);
  }

  @Test
  void repairWritesARecountAndMarksACampaignThatPredatesTheCountersAsCounted() {
    String campaignId = campaign();
    dial(campaignId, new ObjectId().toHexString());
    mongo.updateFirst(
        new Query(where(CampaignFields.ID).is(new ObjectId(campaignId))),
        new Update()
            .set(CampaignFields.STATS, new Document("completed", 7))
            .unset(CampaignFields.COUNTERS),
        CampaignFields.COLLECTION);
    assertThat(counters.stored(campaignId)).as("a campaign without counters").isEmpty();

    ProgressCounts repaired = counters.repair(campaignId).orElseThrow().after();

    assertThat(repaired).isEqualTo(counts(Map.of("dialing", 1L), Map.of("dialing", 1L)));
    assertThat(counters.stored(campaignId)).contains(repaired);
  }

  @Test
  void repairLeavesAChangeWhoseCountersAreStillOnTheirWayToItsOwnIncrement() {
    String campaignId = campaign();
    CallAttemptDocument first = dial(campaignId, new ObjectId().toHexString());
    // the first of a ring's two writes: the attempt has moved, its campaign's $inc is on its way
    ringWithoutItsCounters(first);
    // the second write lands while the repair lets in-flight changes settle
    CampaignCounters settling =
        new CampaignCounters(
            mongo,
            reads,
            () -> {
              mongo.updateFirst(
                  new Query(where(CampaignFields.ID).is(new ObjectId(campaignId))),
                  new Update()
                      .inc(CampaignFields.STATS + ".dialing", -1)
                      .inc(CampaignFields.STATS + ".ringing", 1)
                      .inc(CampaignFields.CONTACT_STATS + ".dialing", -1)
                      .inc(CampaignFields.CONTACT_STATS + ".ringing", 1)
                      .inc(CampaignFields.COUNTER_WRITES, 1),
                  CampaignFields.COLLECTION);
              return true;
            });

    assertThat(settling.repair(campaignId).orElseThrow().mended()).isFalse();
    assertThat(counts(campaignId))
        .isEqualTo(counts(Map.of("ringing", 1L), Map.of("ringing", 1L)))
        .isEqualTo(counters.recount(campaignId));
    assertThat(campaignDocument(campaignId).get(CampaignFields.COUNTERS_MENDED)).isNull();
  }

  @Test
  void repairMendsCountersThatMissedAChangeAndLeavesThemMovingAfterwards() {
    String campaignId = campaign();
    CallAttemptDocument first = dial(campaignId, new ObjectId().toHexString());
    // MongoDB applied the ring but its answer was lost: the counters never moved for it
    ringWithoutItsCounters(first);
    assertThat(counts(campaignId)).isNotEqualTo(counters.recount(campaignId));

    CampaignCounters.Repair repair = counters.repair(campaignId).orElseThrow();
    assertThat(repair.mended()).isTrue();
    assertThat(repair.after()).isEqualTo(counters.recount(campaignId));
    assertThat(campaignDocument(campaignId).get(CampaignFields.COUNTERS_MENDED)).isEqualTo(1);
    assertThat(counters.repair(campaignId).orElseThrow().mended()).as("nothing to mend").isFalse();
    attempts.answer(first.id(), "call-1", null, NOW);

    assertThat(counts(campaignId))
        .isEqualTo(counts(Map.of("in-progress", 1L), Map.of("in-progress", 1L)))
        .isEqualTo(counters.recount(campaignId));
  }

  private Document campaignDocument(String campaignId) {
    return mongo.findById(new ObjectId(campaignId), Document.class, CampaignFields.COLLECTION);
  }

  /**
   * One contact's life with its callbacks delivered three times at once and writers racing: {@code
   * fate} 0 completes, 1 is busy and retried (the retry inserted twice at once, claimed by two
   * workers at once, then completed), 2 becomes unknown while its ring callback arrives, 3 is
   * suppressed while a worker claims its pending retry, 4 expires while its pending retry expires.
   */
  private Void contactLife(CallAttemptDocument first, int fate, long seed) throws Exception {
    Random random = new Random(seed);
    race(random, () -> attempts.insert(first), () -> attempts.insert(first));
    String call = first.id();
    switch (fate) {
      case 0 -> {
        race(random, () -> attempts.ring(call, "r"), () -> attempts.answer(call, "c", null, NOW));
        hangUpThrice(random, call, CallStatus.COMPLETED);
      }
      case 1 -> {
        attempts.answer(call, "c", null, NOW);
        CallAttemptDocument retry = first.retry(NOW.minusSeconds(1), NOW);
        race(random, () -> attempts.insert(retry), () -> attempts.insert(retry));
        hangUpThrice(random, call, CallStatus.BUSY);
        Lease lease = lease(first.campaignId());
        race(
            random,
            () -> attempts.claimDuePending(lease, NOW),
            () -> attempts.claimDuePending(lease, NOW));
        hangUpThrice(random, retry.id(), CallStatus.COMPLETED);
      }
      case 2 -> {
        race(
            random,
            () -> attempts.markUnknown(call, "timeout", NOW),
            () -> attempts.ring(call, "r"));
        hangUpThrice(random, call, CallStatus.NO_ANSWER);
      }
      case 3 -> {
        attempts.fail(call, "refused", NOW);
        CallAttemptDocument retry = first.retry(NOW.minusSeconds(1), NOW);
        attempts.insert(retry);
        race(
            random,
            () -> attempts.suppress(retry.id(), NOW),
            () -> attempts.claimDuePending(lease(first.campaignId()), NOW));
        // claimed first: the worker checks the list and suppresses it before dialling
        attempts.suppress(retry.id(), NOW);
      }
      default -> {
        attempts.expire(call, "no hangup", NOW);
        CallAttemptDocument retry = first.retry(NOW.minusSeconds(1), NOW);
        race(random, () -> attempts.insert(retry), () -> attempts.cancel(retry.id(), "x", NOW));
        race(
            random,
            () -> attempts.expirePending(first.campaignId(), "ended", NOW),
            () -> attempts.cancel(retry.id(), "cancelled", NOW));
      }
    }
    return null;
  }

  private void hangUpThrice(Random random, String callId, CallStatus outcome) throws Exception {
    Callable<Object> hangUp = () -> attempts.hangUp(callId, "c", outcome, "CAUSE", 5, NOW);
    race(random, hangUp, hangUp, hangUp);
  }

  /** Runs the writes on threads of their own, started together, in a random order. */
  @SafeVarargs
  private static void race(Random random, Callable<? extends Object>... writes) throws Exception {
    List<Callable<? extends Object>> shuffled = new ArrayList<>(List.of(writes));
    Collections.shuffle(shuffled, random);
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    for (Callable<? extends Object> write : shuffled) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  write.call();
                } catch (Exception e) {
                  failures.add(e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private CallAttemptDocument dial(String campaignId, String contactId) {
    CallAttemptDocument call =
        CallAttemptDocument.first(target(campaignId, contactId), Start.dialing(LEASE), NOW);
    assertThat(attempts.insert(call)).isTrue();
    return call;
  }

  private String campaign() {
    ObjectId id = new ObjectId();
    mongo.insert(
        new Document(CampaignFields.ID, id)
            .append(CampaignFields.STATUS, "running")
            .append(CampaignFields.STATS, new Document())
            .append(CampaignFields.CONTACT_STATS, new Document())
            .append(CampaignFields.COUNTERS, 1),
        CampaignFields.COLLECTION);
    return id.toHexString();
  }

  private ProgressCounts counts(String campaignId) {
    return counters.stored(campaignId).orElseThrow();
  }

  private static ProgressCounts counts(Map<String, Long> attempts, Map<String, Long> contacts) {
    return new ProgressCounts(attempts, contacts);
  }

  private static Lease lease(String campaignId) {
    return new Lease(campaignId, LEASE.dispatchId(), LEASE.workerId());
  }

  private static Query callsOf(String campaignId) {
    return new Query(where(CallFields.CAMPAIGN_ID).is(campaignId));
  }

  private static CallTarget target(String campaignId, String contactId) {
    return new CallTarget(campaignId, "client-1", contactId, "+14155550100", "+918035735659", null);
  }

  /** An attempt's move to ringing, without the {@code $inc} on its campaign that goes with it. */
  private void ringWithoutItsCounters(CallAttemptDocument attempt) {
    mongo.updateFirst(
        new Query(where(CallFields.ID).is(attempt.id())),
        new Update().set(CallFields.STATUS, CallStatus.RINGING.wire()),
        CallFields.COLLECTION);
  }
}
