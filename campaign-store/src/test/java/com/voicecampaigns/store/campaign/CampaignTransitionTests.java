package com.voicecampaigns.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Every transition of the campaign table against every status: from the states the state machine
 * allows it succeeds and leaves the target status; from any other it matches nothing and changes
 * nothing. A stale fence (an old dispatch, another worker) matches nothing either.
 */
class CampaignTransitionTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  static final String CLIENT = "client-1";
  static final String DISPATCH = "dispatch-1";
  static final String WORKER = "worker-1";

  @Autowired CampaignStore campaigns;
  @Autowired CampaignLeases leases;
  @Autowired CampaignEnds ends;

  /**
   * A store method that performs {@code move}: the campaign it needs (besides its status), and the
   * call, answering whether it matched.
   */
  record Transition(String name, CampaignMove move, Document preconditions, Action action) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Action {
    boolean apply(CampaignTransitionTests test, String id);
  }

  static List<Transition> transitions() {
    Document due = new Document(CampaignFields.SCHEDULED_TIME, Date.from(NOW.minusSeconds(1)));
    Document dispatched =
        new Document(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.DISPATCHED_AT, Date.from(NOW.minusSeconds(600)));
    Document leased =
        new Document(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.WORKER_ID, WORKER)
            .append(CampaignFields.LEASE_UNTIL, Date.from(NOW.plusSeconds(30)));
    Document exhausted = new Document(leased).append(CampaignFields.CONTACTS_EXHAUSTED, true);
    Document expired =
        new Document(leased).append(CampaignFields.LEASE_UNTIL, Date.from(NOW.minusSeconds(1)));
    Document released =
        new Document(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.RESUME_AT, Date.from(NOW.minusSeconds(1)));
    Document releasedUntilLater =
        new Document(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.RESUME_AT, Date.from(NOW.plusSeconds(600)));
    Lease lease = new Lease(null, DISPATCH, WORKER);
    return List.of(
        new Transition(
            "reschedule",
            CampaignMove.RESCHEDULE,
            new Document(),
            (t, id) -> t.campaigns.reschedule(id, CLIENT, NOW.plusSeconds(3600), NOW).isPresent()),
        new Transition(
            "claimDue",
            CampaignMove.CLAIM_DUE,
            due,
            (t, id) -> t.campaigns.claimDue(id, NOW).isPresent()),
        new Transition(
            "claimDueBatch",
            CampaignMove.CLAIM_DUE,
            due,
            (t, id) ->
                t.campaigns.claimDueBatch(NOW, 10).orElse(List.of()).stream()
                    .anyMatch(claimed -> claimed.campaignId().equals(id))),
        new Transition(
            "recover (start timeout)",
            CampaignMove.RECOVER,
            dispatched,
            (t, id) ->
                t.campaigns
                    .recover(id, DISPATCH, Recoverability.START_TIMEOUT, NOW, START_TIMEOUT)
                    .isPresent()),
        new Transition(
            "recover (lease expired)",
            CampaignMove.RECOVER,
            expired,
            (t, id) ->
                t.campaigns
                    .recover(id, DISPATCH, Recoverability.LEASE_EXPIRED, NOW, START_TIMEOUT)
                    .isPresent()),
        new Transition(
            "recover (released)",
            CampaignMove.RECOVER,
            released,
            (t, id) ->
                t.campaigns
                    .recover(id, DISPATCH, Recoverability.RELEASED, NOW, START_TIMEOUT)
                    .isPresent()),
        new Transition(
            "recover (stranded)",
            CampaignMove.RECOVER,
            new Document(CampaignFields.DISPATCH_ID, DISPATCH), // no dispatchedAt, no worker
            (t, id) ->
                t.campaigns
                    .recover(id, DISPATCH, Recoverability.STRANDED, NOW, START_TIMEOUT)
                    .isPresent()),
        new Transition(
            "giveBack",
            CampaignMove.GIVE_BACK,
            dispatched,
            (t, id) -> t.campaigns.giveBack(id, DISPATCH, NOW)),
        new Transition(
            "take",
            CampaignMove.HOLD,
            dispatched,
            (t, id) -> t.leases.take(id, DISPATCH, WORKER, NOW.plusSeconds(30), NOW).isPresent()),
        new Transition(
            "renew",
            CampaignMove.HOLD,
            leased,
            (t, id) -> t.leases.renew(on(lease, id), NOW.plusSeconds(60))),
        new Transition(
            "release",
            CampaignMove.HOLD,
            leased,
            (t, id) -> t.leases.release(on(lease, id), NOW.plusSeconds(600), NOW)),
        new Transition(
            "saveCursor",
            CampaignMove.HOLD,
            leased,
            (t, id) -> t.leases.saveCursor(on(lease, id), new ObjectId().toHexString(), NOW)),
        new Transition(
            "markContactsExhausted",
            CampaignMove.HOLD,
            leased,
            (t, id) -> t.leases.markContactsExhausted(on(lease, id), NOW)),
        new Transition(
            "resumeReleasedNow",
            CampaignMove.HOLD,
            releasedUntilLater,
            (t, id) -> t.leases.resumeReleasedNow(id, CLIENT, NOW)),
        new Transition(
            "pause",
            CampaignMove.PAUSE,
            leased,
            (t, id) -> t.campaigns.pause(id, CLIENT, NOW).isPresent()),
        new Transition(
            "resume",
            CampaignMove.RESUME,
            leased,
            (t, id) -> t.campaigns.resume(id, CLIENT, NOW, NOW).isPresent()),
        new Transition(
            "cancel",
            CampaignMove.CANCEL,
            leased,
            (t, id) -> t.campaigns.cancel(id, CLIENT, NOW).isPresent()),
        new Transition(
            "complete",
            CampaignMove.COMPLETE,
            exhausted,
            (t, id) -> t.leases.complete(on(lease, id), NOW)),
        new Transition(
            "fail", CampaignMove.FAIL, leased, (t, id) -> t.leases.fail(on(lease, id), "no", NOW)),
        new Transition(
            "failUnstarted",
            CampaignMove.FAIL_UNSTARTED,
            new Document(),
            (t, id) -> t.campaigns.failUnstarted(id, "the list was deleted", NOW)),
        new Transition(
            "endIfPast",
            CampaignMove.END,
            new Document(leased).append(CampaignFields.END_TIME, Date.from(NOW)),
            (t, id) -> t.ends.endIfPast(id, NOW)));
  }

  static Stream<Arguments> everyTransitionFromEveryStatus() {
    return transitions().stream()
        .flatMap(
            transition ->
                Arrays.stream(CampaignStatus.values())
                    .map(status -> Arguments.of(transition, status)));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("everyTransitionFromEveryStatus")
  void succeedsExactlyFromTheStatesTheStateMachineAllows(
      Transition transition, CampaignStatus status) {
    String id = insert(status, transition.preconditions());
    Document before = raw(id);

    boolean matched = transition.action().apply(this, id);

    boolean allowed = transition.move().sources().contains(status);
    assertThat(matched).as("%s from %s matched", transition, status).isEqualTo(allowed);
    if (allowed) {
      assertThat(raw(id).getString(CampaignFields.STATUS))
          .isEqualTo(transition.move().target().wire());
    } else {
      assertThat(raw(id)).as("%s from %s changed nothing", transition, status).isEqualTo(before);
    }
  }

  @Test
  void everyMoveOfTheStateMachineIsATransitionAndEveryTransitionIsTested() {
    Set<String> covered = new java.util.HashSet<>();
    for (CampaignMove move : CampaignMove.values()) {
      move.sources().forEach(from -> covered.add(from + "→" + move.target()));
    }
    Set<String> allowed = new java.util.HashSet<>();
    for (CampaignStatus from : CampaignStatus.values()) {
      for (CampaignStatus to : CampaignStatus.values()) {
        if (from.canMoveTo(to)) {
          allowed.add(from + "→" + to);
        }
      }
    }
    assertThat(covered).isEqualTo(allowed);
    assertThat(transitions().stream().map(Transition::move).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(CampaignMove.values());
  }

  static Stream<Arguments> fencedWrites() {
    return transitions().stream()
        .filter(FENCED)
        .flatMap(
            t ->
                Stream.of(
                    Arguments.of(t, new Lease(null, "an-older-dispatch", WORKER)),
                    Arguments.of(t, new Lease(null, DISPATCH, "another-worker"))));
  }

  static final Predicate<Transition> FENCED =
      t ->
          Set.of("renew", "release", "saveCursor", "markContactsExhausted", "complete", "fail")
              .contains(t.name());

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("fencedWrites")
  void aStaleFenceMatchesNothing(Transition transition, Lease stale) {
    String id = insert(CampaignStatus.RUNNING, transition.preconditions());
    Document before = raw(id);

    boolean matched =
        switch (transition.name()) {
          case "renew" -> leases.renew(on(stale, id), NOW.plusSeconds(60));
          case "release" -> leases.release(on(stale, id), NOW, NOW);
          case "saveCursor" -> leases.saveCursor(on(stale, id), new ObjectId().toHexString(), NOW);
          case "markContactsExhausted" -> leases.markContactsExhausted(on(stale, id), NOW);
          case "complete" -> leases.complete(on(stale, id), NOW);
          case "fail" -> leases.fail(on(stale, id), "stale", NOW);
          default -> throw new IllegalArgumentException(transition.name());
        };

    assertThat(matched).isFalse();
    assertThat(raw(id)).isEqualTo(before);
  }

  @Test
  void aClaimIsGivenBackOnlyWhileNoWorkerTookItsDispatch() {
    Document dispatched =
        new Document(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.DISPATCHED_AT, Date.from(NOW.minusSeconds(1)));
    String taken =
        insert(
            CampaignStatus.RUNNING,
            new Document(dispatched)
                .append(CampaignFields.WORKER_ID, WORKER)
                .append(CampaignFields.LEASE_UNTIL, Date.from(NOW.plusSeconds(30))));
    String redispatched = insert(CampaignStatus.RUNNING, dispatched);
    Document takenBefore = raw(taken);
    Document redispatchedBefore = raw(redispatched);

    assertThat(campaigns.giveBack(taken, DISPATCH, NOW)).isFalse();
    assertThat(campaigns.giveBack(redispatched, "an-older-dispatch", NOW)).isFalse();
    assertThat(raw(taken)).isEqualTo(takenBefore);
    assertThat(raw(redispatched)).isEqualTo(redispatchedBefore);

    assertThat(campaigns.giveBack(redispatched, DISPATCH, NOW)).isTrue();
    assertThat(raw(redispatched).getDate(CampaignFields.RESUME_AT)).isEqualTo(Date.from(NOW));
    assertThat(
            campaigns.recover(redispatched, DISPATCH, Recoverability.RELEASED, NOW, START_TIMEOUT))
        .as("the next pass recovers what was given back")
        .isPresent();
  }

  @Test
  void aStaleDispatchTakesNoLeaseAndRecoversNothing() {
    String id =
        insert(
            CampaignStatus.RUNNING,
            new Document(CampaignFields.DISPATCH_ID, DISPATCH)
                .append(CampaignFields.DISPATCHED_AT, Date.from(NOW.minusSeconds(600))));
    Document before = raw(id);

    assertThat(leases.take(id, "an-older-dispatch", WORKER, NOW.plusSeconds(30), NOW)).isEmpty();
    assertThat(
            campaigns.recover(
                id, "an-older-dispatch", Recoverability.START_TIMEOUT, NOW, START_TIMEOUT))
        .isEmpty();
    assertThat(raw(id)).isEqualTo(before);
  }

  @Test
  void aLiveLeaseOfAnotherWorkerIsNotTakenAnExpiredOneIsTakenOver() {
    Document held =
        new Document(CampaignFields.DISPATCH_ID, DISPATCH)
            .append(CampaignFields.WORKER_ID, "worker-0")
            .append(CampaignFields.LAST_WORKER_ID, "worker-0")
            .append(CampaignFields.LEASE_UNTIL, Date.from(NOW.plusSeconds(5)));
    String live = insert(CampaignStatus.RUNNING, held);
    String expired =
        insert(
            CampaignStatus.RUNNING,
            new Document(held).append(CampaignFields.LEASE_UNTIL, Date.from(NOW)));

    assertThat(leases.take(live, DISPATCH, WORKER, NOW.plusSeconds(30), NOW)).isEmpty();
    TakenLease taken =
        leases.take(expired, DISPATCH, WORKER, NOW.plusSeconds(30), NOW).orElseThrow();
    assertThat(taken.takeover()).isTrue();
    assertThat(taken.previousWorkerId()).isEqualTo("worker-0");
    assertThat(raw(expired).getString(CampaignFields.WORKER_ID)).isEqualTo(WORKER);
    assertThat(
            leases
                .take(expired, DISPATCH, WORKER, NOW.plusSeconds(30), NOW)
                .orElseThrow()
                .takeover())
        .as("taking one's own lease again is no takeover")
        .isFalse();
  }

  @Test
  void aReleasedCampaignIsBroughtForwardOnlyWhenNobodyHoldsItAndItIsNotDueYet() {
    String releasedLater =
        insert(
            CampaignStatus.RUNNING,
            new Document(CampaignFields.DISPATCH_ID, DISPATCH)
                .append(CampaignFields.RESUME_AT, Date.from(NOW.plusSeconds(600))));
    String held =
        insert(
            CampaignStatus.RUNNING,
            new Document(CampaignFields.DISPATCH_ID, DISPATCH)
                .append(CampaignFields.WORKER_ID, WORKER)
                .append(CampaignFields.LEASE_UNTIL, Date.from(NOW.plusSeconds(30))));
    String alreadyDue =
        insert(
            CampaignStatus.RUNNING,
            new Document(CampaignFields.DISPATCH_ID, DISPATCH)
                .append(CampaignFields.RESUME_AT, Date.from(NOW.minusSeconds(5))));
    Document heldBefore = raw(held);
    Document dueBefore = raw(alreadyDue);

    assertThat(leases.resumeReleasedNow(releasedLater, "another-client", NOW)).isFalse();
    assertThat(leases.resumeReleasedNow(releasedLater, CLIENT, NOW)).isTrue();
    assertThat(leases.resumeReleasedNow(held, CLIENT, NOW)).isFalse();
    assertThat(leases.resumeReleasedNow(alreadyDue, CLIENT, NOW)).isFalse();

    assertThat(raw(releasedLater).getDate(CampaignFields.RESUME_AT).toInstant()).isEqualTo(NOW);
    assertThat(raw(releasedLater).getString(CampaignFields.DISPATCH_ID)).isEqualTo(DISPATCH);
    assertThat(raw(held)).isEqualTo(heldBefore);
    assertThat(raw(alreadyDue)).isEqualTo(dueBefore);
  }

  @Test
  void aClaimTakesOnlyWhatIsDueInTimeOrderAndReadsItsBatchBackByToken() {
    mongo.remove(new Query(), CampaignFields.COLLECTION);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          insert(
              CampaignStatus.SCHEDULED,
              new Document(CampaignFields.SCHEDULED_TIME, Date.from(NOW.minusSeconds(10 - i)))));
    }
    String later =
        insert(
            CampaignStatus.SCHEDULED,
            new Document(CampaignFields.SCHEDULED_TIME, Date.from(NOW.plusSeconds(1))));

    List<ClaimedCampaign> first = campaigns.claimDueBatch(NOW, 3).orElseThrow();
    List<ClaimedCampaign> second = campaigns.claimDueBatch(NOW, 3).orElseThrow();

    assertThat(first)
        .extracting(ClaimedCampaign::campaignId)
        .containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
    assertThat(second)
        .extracting(ClaimedCampaign::campaignId)
        .containsExactlyInAnyOrderElementsOf(ids.subList(3, 5));
    assertThat(first)
        .extracting(ClaimedCampaign::dispatchId)
        .containsOnly(first.get(0).dispatchId());
    assertThat(second.get(0).dispatchId()).isNotEqualTo(first.get(0).dispatchId());
    assertThat(raw(later).getString(CampaignFields.STATUS)).isEqualTo("scheduled");
    assertThat(campaigns.claimDueBatch(NOW, 3)).isEmpty();
  }

  private static Lease on(Lease lease, String campaignId) {
    return new Lease(campaignId, lease.dispatchId(), lease.workerId());
  }

  private String insert(CampaignStatus status, Document preconditions) {
    ObjectId id = new ObjectId();
    Document campaign =
        new Document(CampaignFields.ID, id)
            .append(CampaignFields.CLIENT_ID, CLIENT)
            .append(CampaignFields.NAME, "campaign " + id)
            .append(CampaignFields.LIST_ID, new ObjectId().toHexString())
            .append(CampaignFields.STATUS, status.wire())
            // not due unless the transition needs it: a batch claim must find only its own
            .append(CampaignFields.SCHEDULED_TIME, Date.from(NOW.plusSeconds(86_400)))
            .append(CampaignFields.CREATED_AT, Date.from(NOW.minusSeconds(3600)));
    campaign.putAll(preconditions);
    mongo.insert(campaign, CampaignFields.COLLECTION);
    return id.toHexString();
  }

  private Document raw(String id) {
    return mongo.findById(new ObjectId(id), Document.class, CampaignFields.COLLECTION);
  }
}
