package com.voicecampaigns.worker.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The Plivo account's calls-per-second limit, shared by every worker through one MongoDB document
 * ({@code pacing/{_id: "plivo-account:<authId>"}}) that holds the next free slot. A caller reserves
 * a slot with one atomic update and waits until it; slots are {@code (1s + jitterAllowance) / cps}
 * apart, so calls are spaced rather than burst, and even calls whose way to Plivo is delayed by up
 * to the allowance never put more than {@code cps} calls into any one-second window.
 *
 * <p>Why the allowance: arrival = slot + delay, with a delay between 0 and the jitter J. Calls that
 * arrive within one second come from slots within {@code 1s + J}, and with slots {@code (1s + J) /
 * cps} apart there are at most {@code cps} of those. A caller that wakes up more than half the
 * allowance after its slot (a GC pause, a slow MongoDB read) takes a new slot instead of firing, so
 * the jitter left is that half plus the time from the last check to Plivo's receipt of the request.
 */
@Component
public class AccountPacer {

  static final String COLLECTION = "pacing";

  /**
   * A next slot further ahead than this cannot come from reservations (every dialling session holds
   * at most one), only from a clock that jumped or a worker with a skewed clock: it is reset
   * instead of making every worker wait for it.
   */
  static final Duration MAX_AHEAD = Duration.ofHours(1);

  static final String NEXT_SLOT = "nextSlotEpochMicros";

  private final MongoTemplate mongo;
  private final Clock clock;
  private final String key;
  private final long intervalMicros;
  private final Duration lateTolerance;

  AccountPacer(MongoTemplate mongo, PlivoProperties plivo, WorkerProperties worker, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    this.key = "plivo-account:" + plivo.authId();
    this.intervalMicros = intervalMicros(plivo.cps(), worker.pacing().jitterAllowance());
    this.lateTolerance = worker.pacing().jitterAllowance().dividedBy(2);
  }

  /** The spacing of calls for a limit of {@code cps} calls in any one-second window. */
  public static long intervalMicros(double cps, Duration jitterAllowance) {
    double windowMicros = 1_000_000d + jitterAllowance.toNanos() / 1_000d;
    return (long) Math.ceil(windowMicros / cps);
  }

  /** Reserves the account's next free slot: now when the account is idle, else the next one. */
  public Instant reserve() {
    while (true) {
      long now = micros(clock.instant());
      long farAhead = now + MAX_AHEAD.toNanos() / 1_000;
      Query idle =
          new Query(
              where("_id")
                  .is(key)
                  .orOperator(where(NEXT_SLOT).lte(now), where(NEXT_SLOT).gt(farAhead)));
      if (mongo
              .updateFirst(idle, new Update().set(NEXT_SLOT, now + intervalMicros), COLLECTION)
              .getMatchedCount()
          == 1) {
        return instant(now);
      }
      Query busy = new Query(where("_id").is(key).and(NEXT_SLOT).gt(now));
      Document before =
          mongo.findAndModify(
              busy,
              new Update().inc(NEXT_SLOT, intervalMicros),
              FindAndModifyOptions.options().returnNew(false),
              Document.class,
              COLLECTION);
      if (before != null) {
        return instant(((Number) before.get(NEXT_SLOT)).longValue());
      }
      try {
        mongo.insert(new Document("_id", key).append(NEXT_SLOT, now + intervalMicros), COLLECTION);
        return instant(now);
      } catch (DuplicateKeyException createdByAnotherWorker) {
        // the account's document exists now: reserve again
      }
    }
  }

  /** How late after its slot a call may still fire; later, it takes a new slot. */
  public Duration lateTolerance() {
    return lateTolerance;
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
