package com.voicecampaigns.worker.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The Plivo account's calls-per-second limit ({@code plivo.cps}), shared by every worker through
 * MongoDB (collection {@code pacing}), in two parts:
 *
 * <ul>
 *   <li><b>Permits, the guarantee.</b> The account has {@code N = floor(cps)} permit documents. A
 *       Make-Call request holds one from before its last check until Plivo's answer arrives, and
 *       the permit is free again only {@code cycle = 1s + clockSkewAllowance} after that answer.
 *       Plivo receives a request between the taking of its permit and the answer, so if N + 1
 *       requests arrived within one second, two of them would have used the same permit, the later
 *       one taken at least a second after the earlier one's answer, hence after its arrival:
 *       impossible. This holds however long a request takes on its way (a GC pause, a loaded
 *       machine, the network), which spacing alone cannot promise. A permit whose holder died frees
 *       itself after the longest a request can take (the HTTP call timeout) plus the cycle.
 *   <li><b>Spacing, the smoothness.</b> One document holds the account's next free send time; each
 *       call reserves the next one ({@code cycle / N} apart) with one atomic update and waits for
 *       it, so calls are spread over the second rather than burst at its start.
 * </ul>
 *
 * {@code plivo.cps = 0} turns the account limit off (a simulator, a benchmark).
 */
@Component
public class AccountPacer {

  static final String COLLECTION = "pacing";
  static final String NEXT_SLOT = "nextSlotEpochMicros";
  static final String ACCOUNT = "account";
  static final String PERMIT = "permit";
  static final String FREE_AT = "freeAt";
  static final String HOLDER = "holder";

  /**
   * A next send time further ahead than this cannot come from reservations (every dialling session
   * holds at most one), only from a clock that jumped: it is reset instead of making every worker
   * wait for it.
   */
  static final Duration MAX_AHEAD = Duration.ofHours(1);

  private final MongoTemplate mongo;
  private final Clock clock;
  private final String key;
  private final int permits;
  private final Duration cycle;
  private final long intervalMicros;
  private final Duration maxRequestTime;

  AccountPacer(MongoTemplate mongo, PlivoProperties plivo, WorkerProperties worker, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    this.key = "plivo-account:" + plivo.authId();
    this.permits = plivo.cps() <= 0 ? 0 : Math.max(1, (int) Math.floor(plivo.cps()));
    this.cycle = Duration.ofSeconds(1).plus(worker.pacing().clockSkewAllowance());
    this.intervalMicros =
        permits == 0 ? 0 : (long) Math.ceil(cycle.toNanos() / 1_000d / plivo.cps());
    this.maxRequestTime = plivo.callTimeout();
    if (permits > 0) {
      createPermits();
    }
  }

  /** Whether the account has a limit at all. */
  public boolean limited() {
    return permits > 0;
  }

  /** How far apart calls are spaced. */
  public Duration spacing() {
    return Duration.of(intervalMicros, ChronoUnit.MICROS);
  }

  /** Reserves the account's next send time: now when the account is idle, else the next one. */
  public Instant reserveSendTime() {
    if (!limited()) {
      return clock.instant();
    }
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

  /**
   * Takes a free permit for the request of {@code holder}; empty when all are in use (see {@link
   * #nextPermitFree()}). Without an account limit the permit is a no-op.
   */
  public Optional<Permit> tryAcquire(String holder) {
    if (!limited()) {
      return Optional.of(new Permit(null, holder));
    }
    Instant now = clock.instant();
    Document taken =
        mongo.findAndModify(
            new Query(where(ACCOUNT).is(key).and(PERMIT).lt(permits).and(FREE_AT).lte(now)),
            new Update().set(FREE_AT, now.plus(maxRequestTime).plus(cycle)).set(HOLDER, holder),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            COLLECTION);
    return Optional.ofNullable(taken).map(doc -> new Permit(doc.getString("_id"), holder));
  }

  /** When the first permit in use becomes free again (now when one is free). */
  public Instant nextPermitFree() {
    Query query =
        new Query(where(ACCOUNT).is(key).and(PERMIT).lt(permits)).with(Sort.by(FREE_AT)).limit(1);
    Document first = mongo.findOne(query, Document.class, COLLECTION);
    return first == null ? clock.instant() : first.getDate(FREE_AT).toInstant();
  }

  /**
   * Gives the permit back once Plivo answered (or the request failed): free again one cycle after
   * {@code answeredAt}.
   */
  public void release(Permit permit, Instant answeredAt) {
    if (permit.id() == null) {
      return;
    }
    mongo.updateFirst(
        new Query(where("_id").is(permit.id()).and(HOLDER).is(permit.holder())),
        new Update().set(FREE_AT, answeredAt.plus(cycle)).unset(HOLDER),
        COLLECTION);
  }

  /** Gives back a permit whose request was never sent: free again at once. */
  public void unused(Permit permit) {
    if (permit.id() == null) {
      return;
    }
    mongo.updateFirst(
        new Query(where("_id").is(permit.id()).and(HOLDER).is(permit.holder())),
        new Update().set(FREE_AT, clock.instant()).unset(HOLDER),
        COLLECTION);
  }

  private void createPermits() {
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index().on(ACCOUNT, Sort.Direction.ASC).on(FREE_AT, Sort.Direction.ASC));
    for (int i = 0; i < permits; i++) {
      try {
        mongo.insert(
            new Document("_id", key + ":permit:" + i)
                .append(ACCOUNT, key)
                .append(PERMIT, i)
                .append(FREE_AT, Instant.EPOCH),
            COLLECTION);
      } catch (DuplicateKeyException exists) {
        // another worker (or an earlier start) created it
      }
    }
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** A held permit; {@code id} is null when the account has no limit. */
  public record Permit(String id, String holder) {}
}
