package com.voicecampaigns.store.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.campaign.CampaignDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Where webhook events come from: the campaign and call documents themselves, read past a watermark
 * over a time that every transition of interest writes (a campaign's {@code updatedAt}, a call's
 * {@code answeredAt} and {@code endedAt}), in (time, id) order, so a sweep that stops anywhere
 * resumes where it was. Nothing here changes a campaign or a call's state; the only write to a call
 * is {@link WebhookFields#CALL_UNKNOWN_REPORTED}, because {@code unknown} has no time.
 */
public class WebhookSources {

  /** A stream of changes that a sweep follows. */
  public enum Stream {
    CAMPAIGNS(CampaignFields.COLLECTION, CampaignFields.UPDATED_AT),
    CALLS_ANSWERED(CallFields.COLLECTION, CallFields.ANSWERED_AT),
    CALLS_ENDED(CallFields.COLLECTION, CallFields.ENDED_AT);

    private final String collection;
    private final String timeField;

    Stream(String collection, String timeField) {
      this.collection = collection;
      this.timeField = timeField;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(WebhookSources.class);

  private final MongoOperations mongo;

  public WebhookSources(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * One batch of a stream: the documents that could be read (a malformed one is skipped and logged,
   * so it cannot stop the stream), where the batch ends, and whether it was full (more may follow
   * at once).
   */
  public record Batch<T>(List<T> items, Watermark last, boolean full) {}

  /** Up to {@code limit} campaigns changed past {@code from} and at the latest {@code until}. */
  public Batch<CampaignDocument> campaigns(Watermark from, Instant until, int limit) {
    return read(Stream.CAMPAIGNS, from, until, limit, CampaignDocument.class);
  }

  /** Up to {@code limit} calls answered, or ended, past {@code from} until {@code until}. */
  public Batch<CallAttemptDocument> calls(Stream stream, Watermark from, Instant until, int limit) {
    if (stream == Stream.CAMPAIGNS) {
      throw new IllegalArgumentException("not a call stream");
    }
    return read(stream, from, until, limit, CallAttemptDocument.class);
  }

  private <T> Batch<T> read(
      Stream stream, Watermark from, Instant until, int limit, Class<T> type) {
    List<Document> raw =
        mongo.find(changed(stream, from, until, limit), Document.class, stream.collection);
    List<T> items = new ArrayList<>(raw.size());
    for (Document document : raw) {
      try {
        items.add(mongo.getConverter().read(type, document));
      } catch (RuntimeException malformed) {
        log.warn(
            "skipping {} {} for webhooks, it cannot be read: {}",
            stream.collection,
            document.get(CampaignFields.ID),
            malformed.toString());
      }
    }
    Watermark last = null;
    if (!raw.isEmpty()) {
      Document end = raw.get(raw.size() - 1);
      last =
          new Watermark(
              end.getDate(stream.timeField).toInstant(), Ids.text(end.get(CampaignFields.ID)));
    }
    return new Batch<>(items, last, raw.size() == limit);
  }

  /** Up to {@code limit} {@code unknown} calls whose {@code call.unknown} is not recorded yet. */
  public List<CallAttemptDocument> unreportedUnknown(int limit) {
    return mongo.find(
        new Query(
                where(CallFields.STATUS)
                    .is(CallStatus.UNKNOWN.wire())
                    .and(WebhookFields.CALL_UNKNOWN_REPORTED)
                    .isNull())
            .limit(limit),
        CallAttemptDocument.class,
        CallFields.COLLECTION);
  }

  /** Marks the call's {@code call.unknown} as recorded. */
  public void unknownReported(String callId) {
    mongo.updateFirst(
        new Query(where(CallFields.ID).in(callId, Ids.stored(callId))),
        Update.update(WebhookFields.CALL_UNKNOWN_REPORTED, true),
        CallFields.COLLECTION);
  }

  /** The sweep's watermark of {@code name}, empty before its first pass. */
  public Optional<Watermark> watermark(String name) {
    Document found = mongo.findById(name, Document.class, WebhookFields.WATERMARKS);
    if (found == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Watermark(
            found.getDate(WebhookFields.AT).toInstant(), found.getString(WebhookFields.AFTER_ID)));
  }

  /**
   * Moves the watermark of {@code name} to {@code to}, never back: of two sweeps writing at once,
   * the one further ahead wins.
   */
  public void advance(String name, Watermark to) {
    Query behind =
        new Query(
            where(WebhookFields.ID)
                .is(name)
                .orOperator(
                    where(WebhookFields.AT).lt(to.at()),
                    where(WebhookFields.AT).is(to.at()).and(WebhookFields.AFTER_ID).ne(null)));
    Update update =
        new Update().set(WebhookFields.AT, to.at()).set(WebhookFields.AFTER_ID, to.afterId());
    if (mongo.updateFirst(behind, update, WebhookFields.WATERMARKS).getMatchedCount() == 0
        && !mongo.exists(new Query(where(WebhookFields.ID).is(name)), WebhookFields.WATERMARKS)) {
      try {
        mongo.insert(
            new Document(WebhookFields.ID, name)
                .append(WebhookFields.AT, java.util.Date.from(to.at()))
                .append(WebhookFields.AFTER_ID, to.afterId()),
            WebhookFields.WATERMARKS);
      } catch (org.springframework.dao.DuplicateKeyException anotherSweepWasFirst) {
        advance(name, to);
      }
    }
  }

  private static Query changed(Stream stream, Watermark from, Instant until, int limit) {
    String time = stream.timeField;
    Criteria past =
        from.afterId() == null
            ? where(time).gt(from.at()).lte(until)
            : new Criteria()
                .orOperator(
                    where(time).gt(from.at()).lte(until),
                    where(time)
                        .is(from.at())
                        .and(CampaignFields.ID)
                        .gt(Ids.stored(from.afterId())));
    return new Query(past).with(Sort.by(time, CampaignFields.ID)).limit(limit);
  }
}
