package com.voicecampaigns.api.campaign;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The API's view of a campaign document. The dispatcher and workers own other fields of the same
 * document, so the API inserts it once and afterwards changes it only by conditional updates of
 * named fields, never by saving the whole record.
 */
@Document(CampaignFields.COLLECTION)
record Campaign(
    @Id String id,
    String clientId,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    CampaignStatus status,
    Instant scheduledTime,
    String scheduledBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    String failureReason) {}
