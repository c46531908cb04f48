package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The account's last check before a request is written ({@link AccountPacer#confirm}): permits
 * older than {@code worker.pacing.renew-after} are renewed for a whole window plus the allowance
 * from the check, and a permit that another holder took stops the request.
 */
class LastCheckTests {

  static PlivoSimulator plivo;
  static WorkerInstance worker;
  static AccountPacer pacer;
  static ServerClock clock;
  static Duration allowance;
  static Duration renewAfter;

  @BeforeAll
  static void start() {
    plivo = PlivoSimulator.start();
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(LastCheckTests.class),
            "last-check",
            plivo,
            "checker",
            Map.of("plivo.cps", "10", "plivo.limits.api-requests", "300"));
    pacer = worker.bean(AccountPacer.class);
    clock = worker.bean(ServerClock.class);
    allowance = worker.bean(WorkerProperties.class).pacing().timingAllowance();
    renewAfter = worker.bean(WorkerProperties.class).pacing().renewAfter();
  }

  @AfterAll
  static void stop() {
    worker.close();
    plivo.close();
  }

  @Test
  void agedPermitsAreRenewedForAWholeWindowPlusTheAllowanceFromTheCheck() {
    AccountPermits permits = take("aged");
    awaitOlderThanRenewAfter(permits);

    Instant checked = clock.now().truncatedTo(ChronoUnit.MILLIS); // MongoDB keeps milliseconds
    assertThat(pacer.confirm(permits)).isTrue();

    assertThat(freeAt(permits.second())).isAfterOrEqualTo(checked.plusSeconds(1).plus(allowance));
    assertThat(freeAt(permits.api()))
        .isAfterOrEqualTo(checked.plusSeconds(5).plus(allowance)); // the API window is 5 s
  }

  @Test
  void aPermitAnotherHolderTookMeansTheRequestMustNotBeSent() {
    AccountPermits permits = take("lost");
    worker
        .mongo()
        .updateFirst(
            Query.query(Criteria.where("_id").is(permits.second().id())),
            Update.update("holder", "another-worker"),
            PacingStore.COLLECTION);
    awaitOlderThanRenewAfter(permits);

    assertThat(pacer.confirm(permits)).isFalse();
  }

  @Test
  void aLateTakeIsDatedOnItsSlotSoThatItsLatenessIsNotCarriedIntoThePermitsNextUse() {
    Instant slot = clock.now().minusMillis(10); // the thread woke 10 ms after its slot
    AccountPermits permits = granted(pacer.take("late", slot));
    assertThat(permits.second().takenAt()).isEqualTo(slot);
    assertThat(freeAt(permits.second()))
        .isEqualTo(slot.plusSeconds(1).plus(allowance).truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void aTakeFarPastItsSlotIsDatedNoEarlierThanHalfTheRenewalAgeBeforeNow() {
    Instant before = clock.now();
    AccountPermits permits = granted(pacer.take("very-late", before.minusSeconds(1)));
    Instant after = clock.now();
    assertThat(permits.second().takenAt())
        .isBetween(before.minus(renewAfter.dividedBy(2)), after.minus(renewAfter.dividedBy(2)));
  }

  private static AccountPermits granted(AccountPacer.Take take) {
    assertThat(take).isInstanceOf(AccountPacer.Take.Granted.class);
    return ((AccountPacer.Take.Granted) take).permits();
  }

  private static AccountPermits take(String callId) {
    AccountPacer.Take take = pacer.take(callId, clock.now());
    assertThat(take).isInstanceOf(AccountPacer.Take.Granted.class);
    AccountPermits permits = ((AccountPacer.Take.Granted) take).permits();
    assertThat(permits.second()).isNotNull();
    assertThat(permits.api()).isNotNull();
    return permits;
  }

  private static void awaitOlderThanRenewAfter(AccountPermits permits) {
    Instant aged = permits.second().takenAt().plus(renewAfter);
    await()
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(5))
        .until(() -> clock.now().isAfter(aged));
  }

  private static Instant freeAt(PermitPool.Held permit) {
    Document doc = worker.mongo().findById(permit.id(), Document.class, PacingStore.COLLECTION);
    return doc.getDate(PacingStore.FREE_AT).toInstant();
  }
}
