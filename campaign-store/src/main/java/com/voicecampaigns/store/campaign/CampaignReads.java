package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** What the services read about campaigns; the writes are {@link CampaignStore}'s and others'. */
public class CampaignReads {

  private static final String[] STATE_FIELDS = {
    CampaignFields.ID,
    CampaignFields.STATUS,
    CampaignFields.SCHEDULED_TIME,
    CampaignFields.DISPATCH_ID,
    CampaignFields.WORKER_ID,
    CampaignFields.RESUME_AT,
    CampaignFields.END_TIME
  };

  private final MongoOperations mongo;

  public CampaignReads(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * The campaign, empty when {@code id} names none.
   *
   * @throws InvalidCampaignException when the document cannot be read
   */
  public Optional<CampaignDocument> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Document raw = mongo.findById(Ids.stored(id), Document.class, CampaignFields.COLLECTION);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(mongo.getConverter().read(CampaignDocument.class, raw));
    } catch (RuntimeException e) {
      throw new InvalidCampaignException("campaign " + id + " is malformed: " + reason(e), e);
    }
  }

  /**
   * Each of {@code ids} that exists and can be read, by id, in one query (for a poller that watches
   * many campaigns at once; a malformed document is left out).
   */
  public Map<String, CampaignDocument> findAll(Collection<String> ids) {
    Query query = new Query(where(CampaignFields.ID).in(ids.stream().map(Ids::stored).toList()));
    Map<String, CampaignDocument> found = new HashMap<>();
    for (Document raw : mongo.find(query, Document.class, CampaignFields.COLLECTION)) {
      try {
        CampaignDocument campaign = mongo.getConverter().read(CampaignDocument.class, raw);
        found.put(campaign.id(), campaign);
      } catch (RuntimeException malformed) {
        // find(id) reports it to whoever reads that campaign alone
      }
    }
    return found;
  }

  /** One campaign's state, read fresh; empty when the campaign is gone. */
  public Optional<CampaignState> state(String id) {
    Query query = new Query(CampaignFilters.byId(id));
    query.fields().include(STATE_FIELDS);
    return Optional.ofNullable(
        mongo.findOne(query, CampaignState.class, CampaignFields.COLLECTION));
  }

  /** The state of each of {@code ids} that still exists, by id. */
  public Map<String, CampaignState> states(Collection<String> ids) {
    Query query = new Query(where(CampaignFields.ID).in(ids.stream().map(Ids::stored).toList()));
    query.fields().include(STATE_FIELDS);
    Map<String, CampaignState> states = new HashMap<>();
    for (CampaignState state : mongo.find(query, CampaignState.class, CampaignFields.COLLECTION)) {
      states.put(state.id(), state);
    }
    return states;
  }

  /** How many scheduled campaigns are due and not yet claimed (the backlog). */
  public long countDue(Instant now) {
    return mongo.count(new Query(CampaignFilters.due(now)), CampaignFields.COLLECTION);
  }

  /**
   * Up to {@code limit} running campaigns that nobody holds for {@code reason} (none past its end
   * time: {@link CampaignEnds} completes those).
   */
  public List<UnownedCampaign> unowned(
      Recoverability reason, Instant now, Duration startTimeout, int limit) {
    Query unowned =
        new Query(
                where(CampaignFields.STATUS)
                    .in(CampaignMove.RECOVER.sourceWires())
                    .andOperator(reason.criteria(now, startTimeout), CampaignFilters.notEnded(now)))
            .limit(limit);
    unowned.fields().include(STATE_FIELDS);
    return mongo.find(unowned, CampaignState.class, CampaignFields.COLLECTION).stream()
        .map(state -> new UnownedCampaign(state.id(), state.dispatchId()))
        .toList();
  }

  /**
   * Scheduled campaigns due after {@code after} and at the latest at {@code until}, soonest first.
   */
  public List<UpcomingStart> dueBetween(Instant after, Instant until, int limit) {
    Query scheduled =
        new Query(
                where(CampaignFields.STATUS)
                    .is(CampaignStatus.SCHEDULED.wire())
                    .and(CampaignFields.SCHEDULED_TIME)
                    .gt(after)
                    .lte(until))
            .with(Sort.by(CampaignFields.SCHEDULED_TIME))
            .limit(limit);
    scheduled.fields().include(STATE_FIELDS);
    return mongo.find(scheduled, CampaignState.class, CampaignFields.COLLECTION).stream()
        .map(state -> new UpcomingStart(state.id(), state.scheduledTime()))
        .toList();
  }

  /** Running campaigns released until after {@code after} and at the latest {@code until}. */
  public List<UpcomingStart> resumingBetween(Instant after, Instant until, int limit) {
    Query resuming =
        new Query(
                where(CampaignFields.STATUS)
                    .is(CampaignStatus.RUNNING.wire())
                    .and(CampaignFields.WORKER_ID)
                    .isNull()
                    .and(CampaignFields.RESUME_AT)
                    .gt(after)
                    .lte(until))
            .with(Sort.by(CampaignFields.RESUME_AT))
            .limit(limit);
    resuming.fields().include(STATE_FIELDS);
    return mongo.find(resuming, CampaignState.class, CampaignFields.COLLECTION).stream()
        .map(state -> new UpcomingStart(state.id(), state.resumeAt()))
        .toList();
  }

  /** One page of the campaigns {@code query} selects. */
  public List<CampaignDocument> search(CampaignQuery query, long offset, int limit) {
    Sort.Direction direction = query.descending() ? Sort.Direction.DESC : Sort.Direction.ASC;
    Query page =
        new Query(criteria(query))
            .with(
                Sort.by(direction, CampaignFields.SCHEDULED_TIME)
                    .and(Sort.by(direction, CampaignFields.ID)))
            .skip(offset)
            .limit(limit);
    return mongo.find(page, CampaignDocument.class);
  }

  /** How many campaigns {@code query} selects. */
  public long count(CampaignQuery query) {
    return mongo.count(new Query(criteria(query)), CampaignDocument.class);
  }

  /** Up to {@code limit} ids of campaigns that use list {@code listId} and are not finished. */
  public List<String> unfinishedUsing(String listId, int limit) {
    List<String> unfinished =
        Arrays.stream(CampaignStatus.values())
            .filter(status -> !status.isFinished())
            .map(CampaignStatus::wire)
            .toList();
    Query query =
        new Query(
                where(CampaignFields.LIST_ID).is(listId).and(CampaignFields.STATUS).in(unfinished))
            .limit(limit);
    query.fields().include(STATE_FIELDS);
    return mongo.find(query, CampaignState.class, CampaignFields.COLLECTION).stream()
        .map(CampaignState::id)
        .toList();
  }

  private static Criteria criteria(CampaignQuery query) {
    Criteria criteria = new Criteria();
    if (query.clientId() != null) {
      criteria.and(CampaignFields.CLIENT_ID).is(query.clientId());
    }
    if (!query.statuses().isEmpty()) {
      criteria
          .and(CampaignFields.STATUS)
          .in(query.statuses().stream().map(CampaignStatus::wire).toList());
    }
    if (query.from() != null || query.to() != null) {
      Criteria time = criteria.and(CampaignFields.SCHEDULED_TIME);
      if (query.from() != null) {
        time.gte(query.from());
      }
      if (query.to() != null) {
        time.lt(query.to());
      }
    }
    return criteria;
  }

  private static String reason(Throwable e) {
    StringBuilder reason = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException || cause.getCause() == null) {
        reason.append(cause.getMessage());
        break;
      }
    }
    return reason.toString();
  }
}
