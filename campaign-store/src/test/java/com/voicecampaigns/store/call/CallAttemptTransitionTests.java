package com.voicecampaigns.store.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.store.campaign.ProgressCounts;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every transition of a call attempt against every status: it moves the attempt exactly from the
 * states its row allows (each of them a move the call state machine allows), and from any other it
 * matches nothing and changes nothing. Each one that moves an attempt moves its campaign's counters
 * with it: they equal a recount afterwards.
 */
class CallAttemptTransitionTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");
  static final Lease LEASE = new Lease("campaign-1", "dispatch-1", "worker-1");

  @Autowired CallAttemptStore attempts;
  @Autowired CallAttemptReads reads;
  @Autowired CampaignCounters counters;

  record Transition(String name, CallAttemptMove move, CallStatus target, Action action) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Action {
    Optional<CallAttemptDocument> apply(CallAttemptStore attempts, CallAttemptDocument attempt);
  }

  static List<Transition> transitions() {
    return List.of(
        new Transition(
            "claimDuePending",
            CallAttemptMove.CLAIM,
            CallStatus.DIALING,
            (store, attempt) ->
                store
                    .claimDuePending(new Lease(attempt.campaignId(), "dispatch-1", "worker-1"), NOW)
                    .map(claimed -> attempt)),
        new Transition(
            "requeue",
            CallAttemptMove.REQUEUE,
            CallStatus.PENDING,
            (store, attempt) ->
                store.requeueUnstarted(attempt.id(), NOW)
                    ? Optional.of(attempt)
                    : Optional.empty()),
        new Transition(
            "ring",
            CallAttemptMove.RING,
            CallStatus.RINGING,
            (store, attempt) -> store.ring(attempt.id(), "request-1")),
        new Transition(
            "answer",
            CallAttemptMove.ANSWER,
            CallStatus.IN_PROGRESS,
            (store, attempt) -> store.answer(attempt.id(), "call-1", null, NOW)),
        new Transition(
            "hangUp busy",
            CallAttemptMove.HANG_UP,
            CallStatus.BUSY,
            (store, attempt) ->
                store.hangUp(attempt.id(), "call-1", CallStatus.BUSY, "USER_BUSY", 0, NOW)),
        new Transition(
            "fail",
            CallAttemptMove.FAIL,
            CallStatus.FAILED,
            (store, attempt) -> store.fail(attempt.id(), "refused", NOW)),
        new Transition(
            "markUnknown",
            CallAttemptMove.MARK_UNKNOWN,
            CallStatus.UNKNOWN,
            (store, attempt) -> store.markUnknown(attempt.id(), "timed out", NOW)),
        new Transition(
            "expire",
            CallAttemptMove.EXPIRE,
            CallStatus.EXPIRED,
            (store, attempt) -> store.expire(attempt.id(), "no hangup", NOW)),
        new Transition(
            "cancel",
            CallAttemptMove.CANCEL,
            CallStatus.CANCELLED,
            (store, attempt) -> store.cancel(attempt.id(), "campaign cancelled", NOW)),
        new Transition(
            "suppress",
            CallAttemptMove.SUPPRESS,
            CallStatus.SUPPRESSED,
            (store, attempt) -> store.suppress(attempt.id(), NOW)),
        new Transition(
            "expirePending",
            CallAttemptMove.EXPIRE_PENDING,
            CallStatus.EXPIRED,
            (store, attempt) ->
                store.expirePending(attempt.campaignId(), "the end time passed", NOW) == 1
                    ? Optional.of(attempt)
                    : Optional.empty()),
        new Transition(
            "hangUp machine",
            CallAttemptMove.HANG_UP,
            CallStatus.MACHINE,
            (store, attempt) ->
                store.hangUp(
                    attempt.id(), "call-1", CallStatus.MACHINE, "NORMAL_CLEARING", 20, NOW)));
  }

  static Stream<Arguments> everyTransitionFromEveryStatus() {
    return transitions().stream()
        .flatMap(
            transition ->
                Arrays.stream(CallStatus.values()).map(status -> Arguments.of(transition, status)));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("everyTransitionFromEveryStatus")
  void movesExactlyFromTheStatesItsRowAllows(Transition transition, CallStatus status) {
    CallAttemptDocument attempt = insert(status);
    Document before = raw(attempt.id());
    ProgressCounts countsBefore = counters.stored(attempt.campaignId()).orElseThrow();
    assertThat(countsBefore.attempts()).containsExactly(Map.entry(status.wire(), 1L));

    Optional<CallAttemptDocument> was = transition.action().apply(attempts, attempt);

    boolean allowed = transition.move().sources().contains(status);
    assertThat(was.isPresent()).as("%s from %s matched", transition, status).isEqualTo(allowed);
    if (allowed) {
      assertThat(was.get().status()).isEqualTo(status);
      assertThat(reads.find(attempt.id()).orElseThrow().status()).isEqualTo(transition.target());
      assertThat(counters.stored(attempt.campaignId()))
          .contains(counters.recount(attempt.campaignId()))
          .contains(
              new ProgressCounts(
                  Map.of(transition.target().wire(), 1L), Map.of(transition.target().wire(), 1L)));
    } else {
      assertThat(raw(attempt.id())).isEqualTo(before);
      assertThat(counters.stored(attempt.campaignId())).contains(countsBefore);
    }
  }

  @Test
  void everyRowIsAMoveOfTheCallStateMachineAndEveryRowIsTested() {
    for (CallAttemptMove move : CallAttemptMove.values()) {
      for (CallStatus target : move.targets()) {
        assertThat(CallStatus.sourcesOf(target)).containsAll(move.sources());
      }
    }
    assertThat(transitions().stream().map(Transition::move).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(CallAttemptMove.values());
    Set<String> covered = new HashSet<>();
    for (CallAttemptMove move : CallAttemptMove.values()) {
      move.sources().forEach(from -> move.targets().forEach(to -> covered.add(from + "→" + to)));
    }
    for (CallStatus from : CallStatus.values()) {
      for (CallStatus to : CallStatus.values()) {
        if (from.canMoveTo(to)) {
          assertThat(covered).as("a transition for %s → %s", from, to).contains(from + "→" + to);
        }
      }
    }
  }

  @Test
  void aMachineIsRecordedForTheAttemptsOwnCallOnlyAndLeavesItsStatus() {
    CallAttemptDocument attempt = insert(CallStatus.DIALING);
    assertThat(attempts.answer(attempt.id(), "call-1", null, NOW)).isPresent();

    assertThat(attempts.machineDetected(attempt.id(), "another-call")).isFalse();
    assertThat(reads.find(attempt.id()).orElseThrow().machine()).isNull();
    assertThat(attempts.machineDetected(attempt.id(), "call-1")).isTrue();

    CallAttemptDocument stored = reads.find(attempt.id()).orElseThrow();
    assertThat(stored.machine()).isTrue();
    assertThat(stored.status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(attempts.machineDetected(new ObjectId().toHexString(), "call-1")).isFalse();
  }

  @Test
  void aSecondClaimOfTheSameAttemptFails() {
    CallTarget target = target();
    CallAttemptDocument first =
        CallAttemptDocument.first(target, CallAttemptDocument.Start.dialing(LEASE), NOW);
    CallAttemptDocument again =
        CallAttemptDocument.first(target, CallAttemptDocument.Start.dialing(LEASE), NOW);

    assertThat(attempts.insert(first)).isTrue();
    assertThat(attempts.insert(again)).isFalse();
    assertThat(attempts.insert(first.retry(NOW.plusSeconds(600), NOW))).isTrue();
    assertThat(reads.contactsWithFirstAttempt(target.campaignId(), List.of(target.contactId())))
        .containsExactly(target.contactId());
  }

  @Test
  void aCallbackAboutAnotherCallOfTheAttemptMatchesNothing() {
    CallAttemptDocument attempt = insert(CallStatus.RINGING);
    assertThat(attempts.answer(attempt.id(), "call-1", null, NOW)).isPresent();
    Document answered = raw(attempt.id());

    assertThat(attempts.answer(attempt.id(), "call-2", null, NOW)).isEmpty();
    assertThat(attempts.hangUp(attempt.id(), "call-2", CallStatus.COMPLETED, "NORMAL", 30, NOW))
        .isEmpty();
    assertThat(raw(attempt.id())).isEqualTo(answered);
    assertThat(attempts.hangUp(attempt.id(), "call-1", CallStatus.COMPLETED, "NORMAL", 30, NOW))
        .isPresent();
  }

  @Test
  void anAttemptPlivoAnsweredIsNeverRequeued() {
    CallAttemptDocument attempt = claimed(LEASE);
    assertThat(attempts.startRequest(attempt.id(), LEASE, NOW)).isTrue();
    attempts.requestAccepted(attempt.id(), "request-1");

    assertThat(attempts.requeue(attempt.id(), LEASE, NOW)).isFalse();
    assertThat(attempts.withdrawRequest(attempt.id(), LEASE, NOW)).isFalse();
    CallAttemptDocument stored = reads.find(attempt.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(CallStatus.DIALING);
    assertThat(stored.dialedAt()).isEqualTo(NOW);
    assertThat(stored.requestStartedAt()).isEqualTo(NOW);
    assertThat(stored.requestUuid()).isEqualTo("request-1");
    assertThat(stored.plivoRequests()).isEqualTo(1);
  }

  @Test
  void aRequestStartsOnlyUnderTheClaimsOwnLease() {
    CallAttemptDocument attempt = claimed(LEASE);

    assertThat(attempts.startRequest(attempt.id(), new Lease("campaign-1", "d-2", "worker-1"), NOW))
        .isFalse();
    assertThat(
            attempts.startRequest(attempt.id(), new Lease("campaign-1", "dispatch-1", "w-2"), NOW))
        .isFalse();
    assertThat(reads.find(attempt.id()).orElseThrow().plivoRequests()).isZero();
    assertThat(attempts.startRequest(attempt.id(), LEASE, NOW)).isTrue();
    assertThat(attempts.startRequest(attempt.id(), LEASE, NOW.plusSeconds(1))).isTrue();
    assertThat(reads.find(attempt.id()).orElseThrow().plivoRequests()).isEqualTo(2);
  }

  @Test
  void aRequeuedAttemptLosesItsClaimAndItsStartedRequest() {
    CallAttemptDocument attempt = claimed(LEASE);
    assertThat(attempts.startRequest(attempt.id(), LEASE, NOW)).isTrue();

    assertThat(attempts.requeue(attempt.id(), new Lease("campaign-1", "d-2", "w-2"), NOW))
        .isFalse();
    assertThat(attempts.requeue(attempt.id(), LEASE, NOW.plusSeconds(5))).isTrue();
    CallAttemptDocument stored = reads.find(attempt.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(CallStatus.PENDING);
    assertThat(stored.requestStartedAt()).isNull();
    assertThat(stored.workerId()).isNull();
    assertThat(stored.notBefore()).isEqualTo(NOW.plusSeconds(5));
    // the worker that lost it cannot start a request for it any more
    assertThat(attempts.startRequest(attempt.id(), LEASE, NOW)).isFalse();
  }

  @Test
  void onlyAClaimThatNeverStartedARequestIsRequeuedAsUnstarted() {
    CallAttemptDocument started = claimed(LEASE);
    CallAttemptDocument unstarted = claimed(LEASE);
    assertThat(attempts.startRequest(started.id(), LEASE, NOW)).isTrue();

    assertThat(attempts.requeueUnstarted(started.id(), NOW)).isFalse();
    assertThat(reads.find(started.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
    assertThat(attempts.requeueUnstarted(unstarted.id(), NOW)).isTrue();
    assertThat(reads.find(unstarted.id()).orElseThrow().status()).isEqualTo(CallStatus.PENDING);
  }

  @Test
  void aStartedRequestThatWasNeverSentIsWithdrawnUnderItsOwnClaimOnly() {
    CallAttemptDocument attempt = claimed(LEASE);
    CallAttemptDocument unstarted = claimed(LEASE);
    assertThat(attempts.startRequest(attempt.id(), LEASE, NOW)).isTrue();

    assertThat(attempts.withdrawRequest(unstarted.id(), LEASE, NOW)).isFalse();
    assertThat(attempts.withdrawRequest(attempt.id(), new Lease("campaign-1", "d-2", "w-2"), NOW))
        .isFalse();
    assertThat(attempts.withdrawRequest(attempt.id(), LEASE, NOW.plusSeconds(3))).isTrue();
    CallAttemptDocument stored = reads.find(attempt.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(CallStatus.PENDING);
    assertThat(stored.plivoRequests()).isZero();
    assertThat(stored.requestStartedAt()).isNull();
    assertThat(stored.notBefore()).isEqualTo(NOW.plusSeconds(3));
  }

  private CallAttemptDocument claimed(Lease lease) {
    CallAttemptDocument fresh =
        CallAttemptDocument.first(
            new CallTarget(
                lease.campaignId(),
                "client-1",
                new ObjectId().toHexString(),
                "+14155550100",
                "+918035735659",
                null),
            CallAttemptDocument.Start.dialing(lease),
            NOW);
    assertThat(attempts.insert(fresh)).isTrue();
    return fresh;
  }

  /**
   * A first attempt in {@code status} of a campaign of its own, whose counters say so (the status
   * is set directly, so the counters are set to match).
   */
  private CallAttemptDocument insert(CallStatus status) {
    CallAttemptDocument fresh =
        CallAttemptDocument.first(
            target(), CallAttemptDocument.Start.pendingUntil(NOW.minusSeconds(1)), NOW);
    mongo.insert(
        new Document(CampaignFields.ID, new ObjectId(fresh.campaignId()))
            .append(CampaignFields.COUNTERS, 1),
        CampaignFields.COLLECTION);
    assertThat(attempts.insert(fresh)).isTrue();
    assertThat(counters.stored(fresh.campaignId()))
        .contains(new ProgressCounts(Map.of("pending", 1L), Map.of("pending", 1L)))
        .contains(counters.recount(fresh.campaignId()));
    mongo
        .getCollection(CallFields.COLLECTION)
        .updateOne(
            new Document(CallFields.ID, new ObjectId(fresh.id())),
            new Document("$set", new Document(CallFields.STATUS, status.wire())));
    Document counts = new Document(status.wire(), 1L);
    mongo
        .getCollection(CampaignFields.COLLECTION)
        .updateOne(
            new Document(CampaignFields.ID, new ObjectId(fresh.campaignId())),
            new Document(
                "$set",
                new Document(CampaignFields.STATS, counts)
                    .append(CampaignFields.CONTACT_STATS, counts)));
    return reads.find(fresh.id()).orElseThrow();
  }

  private static CallTarget target() {
    return new CallTarget(
        new ObjectId().toHexString(),
        "client-1",
        new ObjectId().toHexString(),
        "+14155550100",
        "+918035735659",
        null);
  }

  private Document raw(String id) {
    return mongo
        .getCollection(CallFields.COLLECTION)
        .find(new Document(CallFields.ID, new ObjectId(id)))
        .first();
  }
}
