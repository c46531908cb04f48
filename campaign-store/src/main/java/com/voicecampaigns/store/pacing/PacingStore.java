package com.voicecampaigns.store.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * An account's calls-per-second state, shared by every worker (collection {@code pacing}): one
 * document holding the account's next free send time, and one document per permit with the time it
 * is free again and its holder. The worker's pacer decides the numbers; this class makes each step
 * one atomic update.
 */
public class PacingStore {

  public static final String COLLECTION = "pacing";
  static final String NEXT_SLOT = "nextSlotEpochMicros";
  public static final String ACCOUNT = "account";
  static final String PERMIT = "permit";
  public static final String FREE_AT = "freeAt";
  static final String HOLDER = "holder";

  private final MongoOperations mongo;

  public PacingStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * Reserves {@code account}'s next send time, in microseconds since the epoch: {@code now} when
   * the account is idle (or its next slot is beyond {@code farAhead}, which only a clock that
   * jumped can cause), else the next free slot; either way the one after it is {@code interval}
   * later.
   */
  public long reserveSlot(String account, long now, long interval, long farAhead) {
    while (true) {
      Query idle =
          new Query(
              where("_id")
                  .is(account)
                  .orOperator(where(NEXT_SLOT).lte(now), where(NEXT_SLOT).gt(farAhead)));
      if (mongo
              .updateFirst(idle, new Update().set(NEXT_SLOT, now + interval), COLLECTION)
              .getMatchedCount()
          == 1) {
        return now;
      }
      Query busy = new Query(where("_id").is(account).and(NEXT_SLOT).gt(now));
      Document before =
          mongo.findAndModify(
              busy,
              new Update().inc(NEXT_SLOT, interval),
              FindAndModifyOptions.options().returnNew(false),
              Document.class,
              COLLECTION);
      if (before != null) {
        return ((Number) before.get(NEXT_SLOT)).longValue();
      }
      try {
        mongo.insert(new Document("_id", account).append(NEXT_SLOT, now + interval), COLLECTION);
        return now;
      } catch (DuplicateKeyException createdByAnotherWorker) {
        // the account's document exists now: reserve again
      }
    }
  }

  /** Creates {@code account}'s permits 0 … {@code permits - 1}, free, unless they exist. */
  public void createPermits(String account, int permits) {
    for (int i = 0; i < permits; i++) {
      try {
        mongo.insert(
            new Document("_id", account + ":permit:" + i)
                .append(ACCOUNT, account)
                .append(PERMIT, i)
                .append(FREE_AT, Instant.EPOCH),
            COLLECTION);
      } catch (DuplicateKeyException exists) {
        // another worker (or an earlier start) created it
      }
    }
  }

  /**
   * Takes one of the first {@code permits} permits of {@code account} that is free at {@code now}
   * for {@code holder}, busy until {@code busyUntil} unless given back; answers its id.
   */
  public Optional<String> tryAcquire(
      String account, int permits, String holder, Instant now, Instant busyUntil) {
    Document taken =
        mongo.findAndModify(
            new Query(where(ACCOUNT).is(account).and(PERMIT).lt(permits).and(FREE_AT).lte(now)),
            new Update().set(FREE_AT, busyUntil).set(HOLDER, holder),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            COLLECTION);
    return Optional.ofNullable(taken).map(doc -> doc.getString("_id"));
  }

  /** When the first of {@code account}'s permits becomes free (empty: it has none). */
  public Optional<Instant> nextPermitFree(String account, int permits) {
    Query query =
        new Query(where(ACCOUNT).is(account).and(PERMIT).lt(permits))
            .with(Sort.by(FREE_AT))
            .limit(1);
    return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
        .map(first -> first.getDate(FREE_AT).toInstant());
  }

  /**
   * Gives permit {@code permitId} back, free again at {@code freeAt}, if {@code holder} holds it.
   */
  public void giveBack(String permitId, String holder, Instant freeAt) {
    mongo.updateFirst(
        new Query(where("_id").is(permitId).and(HOLDER).is(holder)),
        new Update().set(FREE_AT, freeAt).unset(HOLDER),
        COLLECTION);
  }
}
