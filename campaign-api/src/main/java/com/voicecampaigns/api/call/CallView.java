package com.voicecampaigns.api.call;

import com.voicecampaigns.model.call.CallFields;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/** One call attempt, as a worker recorded it. */
record CallView(
    String callId,
    String campaignId,
    String contactId,
    int attempt,
    String status,
    String to,
    String from,
    String hangupCause,
    Long durationSeconds,
    String error,
    Instant createdAt,
    Instant dialedAt,
    Instant answeredAt,
    Instant endedAt) {

  static CallView of(Document call) {
    return new CallView(
        text(call.get(CallFields.ID)),
        text(call.get(CallFields.CAMPAIGN_ID)),
        text(call.get(CallFields.CONTACT_ID)),
        call.get(CallFields.ATTEMPT) instanceof Number n ? n.intValue() : 0,
        call.getString(CallFields.STATUS),
        call.getString(CallFields.TO),
        call.getString(CallFields.FROM),
        call.getString(CallFields.HANGUP_CAUSE),
        call.get(CallFields.DURATION_SECONDS) instanceof Number n ? n.longValue() : null,
        call.getString(CallFields.ERROR),
        instant(call, CallFields.CREATED_AT),
        instant(call, CallFields.DIALED_AT),
        instant(call, CallFields.ANSWERED_AT),
        instant(call, CallFields.ENDED_AT));
  }

  /** Ids are ObjectIds in some documents and their hex text in others. */
  static String text(Object id) {
    if (id instanceof ObjectId objectId) {
      return objectId.toHexString();
    }
    return id == null ? null : id.toString();
  }

  private static Instant instant(Document call, String field) {
    return call.get(field) instanceof Date date ? date.toInstant() : null;
  }
}
