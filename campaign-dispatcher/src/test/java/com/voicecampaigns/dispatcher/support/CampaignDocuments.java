package com.voicecampaigns.dispatcher.support;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Campaign documents written straight into MongoDB, as the API and the workers would leave them
 * (those are other modules), and read back.
 */
public final class CampaignDocuments {

  private final MongoTemplate mongo;

  public CampaignDocuments(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** A scheduled campaign, as the API stores it; answers its id. */
  public String scheduled(Instant scheduledTime) {
    return insert(scheduledDocument(scheduledTime));
  }

  /** Many scheduled campaigns in one insert; answers their ids in insertion order. */
  public List<String> scheduled(List<Instant> scheduledTimes) {
    List<Document> documents = new ArrayList<>();
    for (Instant scheduledTime : scheduledTimes) {
      documents.add(scheduledDocument(scheduledTime));
    }
    mongo.getCollection(CampaignFields.COLLECTION).insertMany(documents);
    return documents.stream().map(d -> d.getObjectId(CampaignFields.ID).toHexString()).toList();
  }

  /**
   * A running campaign with the given dispatch and lease fields (null values are left out, as a
   * cleared field would be).
   */
  public String running(
      String dispatchId,
      Instant dispatchedAt,
      String workerId,
      Instant leaseUntil,
      Instant resumeAt) {
    Document document = scheduledDocument(dispatchedAt);
    document.put(CampaignFields.STATUS, CampaignStatus.RUNNING.wire());
    document.put(CampaignFields.STARTED_AT, Date.from(dispatchedAt));
    document.put(CampaignFields.DISPATCH_ID, dispatchId);
    document.put(CampaignFields.DISPATCHED_AT, Date.from(dispatchedAt));
    putIfPresent(document, CampaignFields.WORKER_ID, workerId);
    putIfPresent(document, CampaignFields.LEASE_UNTIL, leaseUntil);
    putIfPresent(document, CampaignFields.RESUME_AT, resumeAt);
    return insert(document);
  }

  public Document find(String id) {
    return mongo.getCollection(CampaignFields.COLLECTION).find(byId(id)).first();
  }

  public List<Document> all() {
    return mongo.getCollection(CampaignFields.COLLECTION).find().into(new ArrayList<>());
  }

  public String status(String id) {
    return find(id).getString(CampaignFields.STATUS);
  }

  public String dispatchId(String id) {
    return find(id).getString(CampaignFields.DISPATCH_ID);
  }

  public Instant instant(String id, String field) {
    Date date = find(id).getDate(field);
    return date == null ? null : date.toInstant();
  }

  /** Sets fields as another module would (the API rescheduling or cancelling, a worker). */
  public void set(String id, Map<String, Object> fields) {
    Document values = new Document();
    fields.forEach((k, v) -> values.put(k, v instanceof Instant i ? Date.from(i) : v));
    mongo
        .getCollection(CampaignFields.COLLECTION)
        .updateOne(byId(id), new Document("$set", values));
  }

  public void unset(String id, String... fields) {
    Update update = new Update();
    for (String field : fields) {
      update.unset(field);
    }
    mongo.updateFirst(
        new Query(Criteria.where(CampaignFields.ID).is(new ObjectId(id))),
        update,
        CampaignFields.COLLECTION);
  }

  public long countWithStatus(CampaignStatus status) {
    return mongo.count(
        new Query(Criteria.where(CampaignFields.STATUS).is(status.wire())),
        CampaignFields.COLLECTION);
  }

  public void deleteAll() {
    mongo.getCollection(CampaignFields.COLLECTION).deleteMany(new Document());
  }

  private static Document scheduledDocument(Instant scheduledTime) {
    ObjectId id = new ObjectId();
    return new Document(CampaignFields.ID, id)
        .append(CampaignFields.CLIENT_ID, "client-1")
        .append(CampaignFields.NAME, "campaign " + id.toHexString())
        .append(CampaignFields.LIST_ID, "list-1")
        .append(CampaignFields.FROM_NUMBER, "+14155550100")
        .append(CampaignFields.WSS_URL, "wss://bot.example.com/stream")
        .append(CampaignFields.STATUS, CampaignStatus.SCHEDULED.wire())
        .append(CampaignFields.SCHEDULED_TIME, Date.from(scheduledTime))
        .append(CampaignFields.CREATED_AT, Date.from(scheduledTime));
  }

  private String insert(Document document) {
    mongo.getCollection(CampaignFields.COLLECTION).insertOne(document);
    return document.getObjectId(CampaignFields.ID).toHexString();
  }

  private static Document byId(String id) {
    return new Document(CampaignFields.ID, new ObjectId(id));
  }

  private static void putIfPresent(Document document, String field, Object value) {
    if (value != null) {
      document.put(field, value instanceof Instant i ? Date.from(i) : value);
    }
  }
}
