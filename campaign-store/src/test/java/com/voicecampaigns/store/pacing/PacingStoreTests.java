package com.voicecampaigns.store.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.store.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The shared pacing state: the server's clock, the send-time schedule, and permit pools. */
class PacingStoreTests extends StoreTestBase {

  static final Instant T0 = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired PacingStore pacing;

  @Test
  void theServerTimeIsMongoDbsClockReadBackInOneRoundTrip() {
    Instant before = Instant.now();
    Instant server = pacing.serverTime("probe-" + UUID.randomUUID());
    Instant after = Instant.now();

    // MongoDB's own clock (a millisecond date): near this machine's, which it shares here
    assertThat(server).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    Instant later = pacing.serverTime("probe-" + UUID.randomUUID());
    assertThat(later).isAfterOrEqualTo(server);
  }

  @Test
  void reservedSlotsAreSpacedByTheIntervalAndAnIdleAccountStartsNow() {
    String account = pool();
    long now = 1_000_000;
    assertThat(pacing.reserveSlot(account, now, 100, now + 10_000)).isEqualTo(now);
    assertThat(pacing.reserveSlot(account, now + 10, 100, now + 10_000)).isEqualTo(now + 100);
    assertThat(pacing.reserveSlot(account, now + 20, 100, now + 10_000)).isEqualTo(now + 200);
    // idle again: the next reservation is at once
    assertThat(pacing.reserveSlot(account, now + 5_000, 100, now + 15_000)).isEqualTo(now + 5_000);
  }

  @Test
  void concurrentReservationsNeverShareASlot() throws Exception {
    String account = pool();
    long now = 5_000_000;
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> reservations = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        reservations.add(() -> pacing.reserveSlot(account, now, 1_000, now + 10_000_000));
      }
      Set<Long> slots = new HashSet<>();
      for (Future<Long> slot : threads.invokeAll(reservations)) {
        slots.add(slot.get());
      }
      assertThat(slots).hasSize(80);
      assertThat(slots).allSatisfy(slot -> assertThat((slot - now) % 1_000).isZero());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aPoolHandsOutEachPermitToOneHolderUntilItIsFreeAgain() {
    String pool = pool();
    pacing.createPermits(pool, 2);
    pacing.createPermits(pool, 2); // a second worker starting: nothing changes

    Optional<String> first = pacing.take(pool, 2, "a", T0, T0.plusSeconds(1));
    Optional<String> second = pacing.take(pool, 2, "b", T0, T0.plusSeconds(1));
    assertThat(first).isPresent();
    assertThat(second).isPresent().isNotEqualTo(first);
    assertThat(pacing.take(pool, 2, "c", T0.plusMillis(999), T0.plusSeconds(2))).isEmpty();
    assertThat(pacing.countFree(pool, 2, T0.plusMillis(999))).isZero();
    assertThat(pacing.nextPermitFree(pool, 2)).contains(T0.plusSeconds(1));

    // free again once its time has come
    assertThat(pacing.take(pool, 2, "c", T0.plusSeconds(1), T0.plusSeconds(3))).isPresent();
  }

  @Test
  void onlyItsHolderGivesAPermitBack() {
    String pool = pool();
    pacing.createPermits(pool, 1);
    String permit = pacing.take(pool, 1, "a", T0, T0.plusSeconds(1)).orElseThrow();

    assertThat(pacing.giveBack(permit, "someone-else", T0)).isFalse();
    assertThat(pacing.take(pool, 1, "b", T0.plusMillis(10), T0.plusSeconds(2))).isEmpty();
    assertThat(pacing.giveBack(permit, "a", T0.plusMillis(10))).isTrue();
    assertThat(pacing.giveBack(permit, "a", T0.plusMillis(10))).isFalse(); // given back already
    assertThat(pacing.take(pool, 1, "b", T0.plusMillis(10), T0.plusSeconds(2))).contains(permit);
  }

  @Test
  void aPermitTakenOverAfterItExpiredIsNoLongerItsFirstHoldersToGiveBack() {
    String pool = pool();
    pacing.createPermits(pool, 1);
    String permit = pacing.take(pool, 1, "slow", T0, T0.plusSeconds(1)).orElseThrow();
    assertThat(pacing.take(pool, 1, "next", T0.plusSeconds(1), T0.plusSeconds(2))).contains(permit);

    assertThat(pacing.giveBack(permit, "slow", T0)).isFalse();
    assertThat(pacing.held(pool, 1, T0.plusSeconds(1)))
        .singleElement()
        .satisfies(
            held -> {
              assertThat(held.holder()).isEqualTo("next");
              assertThat(held.takenAt()).isEqualTo(T0.plusSeconds(1));
              assertThat(held.freeAt()).isEqualTo(T0.plusSeconds(2));
            });
  }

  @Test
  void itsHolderRenewsAPermitUntilLaterButNeverSooner() {
    String pool = pool();
    pacing.createPermits(pool, 1);
    String permit = pacing.take(pool, 1, "late", T0, T0.plusSeconds(1)).orElseThrow();

    assertThat(pacing.renew(permit, "late", T0.plusMillis(1_400))).isTrue();
    assertThat(pacing.take(pool, 1, "next", T0.plusMillis(1_399), T0.plusSeconds(3))).isEmpty();
    assertThat(pacing.renew(permit, "late", T0.plusMillis(900))).isTrue(); // still held: no change
    assertThat(pacing.nextPermitFree(pool, 1)).contains(T0.plusMillis(1_400));
    assertThat(pacing.renew(permit, "someone-else", T0.plusSeconds(5))).isFalse();
    assertThat(pacing.nextPermitFree(pool, 1)).contains(T0.plusMillis(1_400));
  }

  @Test
  void aPermitTakenOverAfterItExpiredCannotBeRenewedByItsFirstHolder() {
    String pool = pool();
    pacing.createPermits(pool, 1);
    String permit = pacing.take(pool, 1, "paused", T0, T0.plusSeconds(1)).orElseThrow();
    assertThat(pacing.take(pool, 1, "next", T0.plusSeconds(1), T0.plusSeconds(2))).contains(permit);

    assertThat(pacing.renew(permit, "paused", T0.plusSeconds(3))).isFalse();
    assertThat(pacing.held(pool, 1, T0.plusSeconds(1)))
        .singleElement()
        .satisfies(
            held -> {
              assertThat(held.holder()).isEqualTo("next");
              assertThat(held.freeAt()).isEqualTo(T0.plusSeconds(2));
            });
  }

  @Test
  void concurrentTakersNeverHoldOnePermitTogether() throws Exception {
    String pool = pool();
    pacing.createPermits(pool, 5);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Optional<String>>> takers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String holder = "h" + i;
        takers.add(() -> pacing.take(pool, 5, holder, T0, T0.plus(Duration.ofSeconds(1))));
      }
      List<String> taken = new ArrayList<>();
      for (Future<Optional<String>> result : threads.invokeAll(takers)) {
        result.get().ifPresent(taken::add);
      }
      assertThat(taken).hasSize(5).doesNotHaveDuplicates();
    } finally {
      threads.shutdownNow();
    }
  }

  private static String pool() {
    return "test-account:" + UUID.randomUUID();
  }
}
