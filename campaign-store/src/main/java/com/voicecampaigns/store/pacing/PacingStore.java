package com.voicecampaigns.store.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * An account's shared pacing state (collection {@code pacing}), the same for every worker: the
 * account's next free send time, pools of permits (one document per permit, with the time it is
 * free again and its holder), and the server's clock. The worker's pacer decides the numbers; this
 * class makes each step one atomic update.
 *
 * <p>A pool is named by a key (the account's, or the account's with a suffix for each limit); its
 * permits are {@code <key>:permit:0 … N-1}.
 */
public class PacingStore {

  public static final String COLLECTION = "pacing";
  static final String NEXT_SLOT = "nextSlotEpochMicros";
  public static final String ACCOUNT = "account";
  static final String PERMIT = "permit";
  public static final String FREE_AT = "freeAt";
  static final String HOLDER = "holder";
  static final String TAKEN_AT = "takenAt";
  static final String SERVER_TIME = "serverTime";

  private final MongoOperations mongo;

  public PacingStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * The server's clock now: written by MongoDB itself ({@code $currentDate}) into the document of
   * {@code probe} and read back in the same round trip. The caller brackets it with its own clock
   * to measure how far that clock is off.
   */
  public Instant serverTime(String probe) {
    Document written =
        mongo.findAndModify(
            new Query(where("_id").is("clock:" + probe)),
            new Update().currentDate(SERVER_TIME),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COLLECTION);
    return written.getDate(SERVER_TIME).toInstant();
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

  /** Creates the permits 0 … {@code permits - 1} of {@code pool}, free, unless they exist. */
  public void createPermits(String pool, int permits) {
    long existing = mongo.count(inPool(pool, permits), COLLECTION);
    if (existing >= permits) {
      return;
    }
    for (int i = 0; i < permits; i++) {
      try {
        mongo.insert(
            new Document("_id", pool + ":permit:" + i)
                .append(ACCOUNT, pool)
                .append(PERMIT, i)
                .append(FREE_AT, Instant.EPOCH),
            COLLECTION);
      } catch (DuplicateKeyException exists) {
        // another worker (or an earlier start) created it
      }
    }
  }

  /**
   * Takes one of the first {@code permits} permits of {@code pool} that is free at {@code now} for
   * {@code holder}, busy until {@code busyUntil} unless given back; answers its id.
   */
  public Optional<String> take(
      String pool, int permits, String holder, Instant now, Instant busyUntil) {
    Query free = inPool(pool, permits);
    free.addCriteria(where(FREE_AT).lte(now));
    Document taken =
        mongo.findAndModify(
            free,
            new Update().set(FREE_AT, busyUntil).set(HOLDER, holder).set(TAKEN_AT, now),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            COLLECTION);
    return Optional.ofNullable(taken).map(doc -> doc.getString("_id"));
  }

  /** How many of {@code pool}'s first {@code permits} permits are free at {@code now}. */
  public long countFree(String pool, int permits, Instant now) {
    Query free = inPool(pool, permits);
    free.addCriteria(where(FREE_AT).lte(now));
    return mongo.count(free, COLLECTION);
  }

  /** When the first of {@code pool}'s permits becomes free (empty: it has none). */
  public Optional<Instant> nextPermitFree(String pool, int permits) {
    Query query = inPool(pool, permits).with(Sort.by(FREE_AT)).limit(1);
    return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
        .map(first -> first.getDate(FREE_AT).toInstant());
  }

  /** The permits of {@code pool} that have a holder and are not free at {@code now}. */
  public List<HeldPermit> held(String pool, int permits, Instant now) {
    Query held = inPool(pool, permits);
    held.addCriteria(where(HOLDER).ne(null).and(FREE_AT).gt(now));
    List<HeldPermit> found = new ArrayList<>();
    for (Document doc : mongo.find(held, Document.class, COLLECTION)) {
      found.add(
          new HeldPermit(
              doc.getString("_id"),
              doc.getString(HOLDER),
              doc.getDate(TAKEN_AT).toInstant(),
              doc.getDate(FREE_AT).toInstant()));
    }
    return found;
  }

  /**
   * Gives permit {@code permitId} back, free again at {@code freeAt}, if {@code holder} still holds
   * it; false when it does not (the permit had expired and was taken by another).
   */
  public boolean giveBack(String permitId, String holder, Instant freeAt) {
    return mongo
            .updateFirst(
                new Query(where("_id").is(permitId).and(HOLDER).is(holder)),
                new Update().set(FREE_AT, freeAt).unset(HOLDER),
                COLLECTION)
            .getModifiedCount()
        == 1;
  }

  /**
   * Keeps permit {@code permitId} busy until at least {@code busyUntil}, if {@code holder} still
   * holds it (nobody else took it since); false when it does not. A permit whose holder is about to
   * use it later than planned renews it this way before using it.
   */
  public boolean renew(String permitId, String holder, Instant busyUntil) {
    return mongo
            .updateFirst(
                new Query(where("_id").is(permitId).and(HOLDER).is(holder)),
                new Update().max(FREE_AT, busyUntil),
                COLLECTION)
            .getMatchedCount()
        == 1;
  }

  private static Query inPool(String pool, int permits) {
    return new Query(where(ACCOUNT).is(pool).and(PERMIT).lt(permits));
  }

  /**
   * A permit in use.
   *
   * @param takenAt when its holder took it
   * @param freeAt when it frees itself unless given back earlier
   */
  public record HeldPermit(String id, String holder, Instant takenAt, Instant freeAt) {}
}
