package com.voicecampaigns.api.campaign;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

@Service
class CampaignService {

  private final MongoTemplate mongo;
  private final CampaignEvents events;
  private final Clock clock;

  CampaignService(MongoTemplate mongo, CampaignEvents events, Clock clock) {
    this.mongo = mongo;
    this.events = events;
    this.clock = clock;
  }

  Campaign create(String clientId, String scheduledBy, CreateCampaignRequest request) {
    Instant now = clock.instant();
    Instant scheduledTime =
        request.scheduledTime() == null ? now : parseFuture(request.scheduledTime(), now);
    var campaign =
        new Campaign(
            new ObjectId().toHexString(),
            clientId,
            request.name(),
            request.listId(),
            request.fromNumber(),
            request.wssUrl(),
            CampaignStatus.SCHEDULED,
            scheduledTime,
            scheduledBy,
            now,
            now,
            null,
            null,
            null);
    mongo.insert(campaign);
    events.scheduled(campaign);
    return campaign;
  }

  Optional<Campaign> find(String clientId, String id) {
    return Optional.ofNullable(mongo.findById(id, Campaign.class))
        .filter(campaign -> campaign.clientId().equals(clientId));
  }

  private static Instant parseFuture(String value, Instant now) {
    Instant time;
    try {
      time = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "scheduledTime must be ISO 8601 with an offset or Z, e.g. 2025-10-01T20:00:00Z");
    }
    if (!time.isAfter(now)) {
      throw new IllegalArgumentException("scheduledTime must be in the future");
    }
    return time;
  }
}
