package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One call attempt: campaign × contact × attempt number, unique. */
@Document(CallFields.COLLECTION)
public record CallAttempt(
    @Id String id,
    String campaignId,
    String clientId,
    String contactId,
    int attempt,
    CallStatus status,
    String to,
    String from,
    String dispatchId,
    String workerId,
    Instant notBefore,
    Instant createdAt,
    Instant dialedAt,
    Instant answeredAt,
    Instant endedAt,
    String requestUuid,
    String callUuid,
    String hangupCause,
    Integer durationSeconds,
    String error) {}
