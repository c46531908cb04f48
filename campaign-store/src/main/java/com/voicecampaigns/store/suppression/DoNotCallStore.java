package com.voicecampaigns.store.suppression;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.suppression.DoNotCallFields;
import com.voicecampaigns.store.UniqueInserts;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Each tenant's do-not-call list: numbers (E.164) that are never dialled for that tenant, whatever
 * list or campaign they are in. A worker asks {@link #isSuppressed} right before each dial, so a
 * number added while a campaign runs is not called from then on. Unique per tenant and number, so
 * adding a number twice (or two imports at once) keeps it once.
 */
public class DoNotCallStore {

  private final MongoOperations mongo;

  public DoNotCallStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** Whether {@code e164} is on tenant {@code clientId}'s list: one lookup on the unique index. */
  public boolean isSuppressed(String clientId, String e164) {
    return mongo.exists(byNumber(clientId, e164), DoNotCallFields.COLLECTION);
  }

  /** Which of {@code numbers} are on tenant {@code clientId}'s list (a batch of the worker's). */
  public Set<String> suppressed(String clientId, Collection<String> numbers) {
    Query query =
        new Query(
            where(DoNotCallFields.CLIENT_ID).is(clientId).and(DoNotCallFields.PHONE).in(numbers));
    query.fields().include(DoNotCallFields.PHONE);
    Set<String> found = new HashSet<>();
    for (Document entry : mongo.find(query, Document.class, DoNotCallFields.COLLECTION)) {
      found.add(entry.getString(DoNotCallFields.PHONE));
    }
    return found;
  }

  /**
   * Adds entries in one unordered bulk write; a number the tenant's list has already is skipped
   * (the unique index), any other failure is thrown. Answers how many were already there.
   */
  public int add(List<DoNotCallEntry> entries) {
    return UniqueInserts.insertSkippingDuplicates(mongo, DoNotCallFields.COLLECTION, entries);
  }

  /** The entry for {@code e164}, if the tenant's list has it. */
  public Optional<DoNotCallEntry> find(String clientId, String e164) {
    return Optional.ofNullable(mongo.findOne(byNumber(clientId, e164), DoNotCallEntry.class));
  }

  /** Takes {@code e164} off the tenant's list; false when it was not on it. */
  public boolean remove(String clientId, String e164) {
    return mongo.remove(byNumber(clientId, e164), DoNotCallEntry.class).getDeletedCount() == 1;
  }

  /** Removes what CSV import {@code importId} of the tenant added (the import failed). */
  public long removeImport(String clientId, String importId) {
    return mongo
        .remove(
            new Query(
                where(DoNotCallFields.CLIENT_ID)
                    .is(clientId)
                    .and(DoNotCallFields.IMPORT_ID)
                    .is(importId)),
            DoNotCallEntry.class)
        .getDeletedCount();
  }

  /** One page of the tenant's list, in number order. */
  public List<DoNotCallEntry> page(String clientId, long offset, int limit) {
    Query query =
        new Query(where(DoNotCallFields.CLIENT_ID).is(clientId))
            .with(Sort.by(DoNotCallFields.PHONE))
            .skip(offset)
            .limit(limit);
    return mongo.find(query, DoNotCallEntry.class);
  }

  public long count(String clientId) {
    return mongo.count(
        new Query(where(DoNotCallFields.CLIENT_ID).is(clientId)), DoNotCallFields.COLLECTION);
  }

  private static Query byNumber(String clientId, String e164) {
    return new Query(
        where(DoNotCallFields.CLIENT_ID).is(clientId).and(DoNotCallFields.PHONE).is(e164));
  }
}
