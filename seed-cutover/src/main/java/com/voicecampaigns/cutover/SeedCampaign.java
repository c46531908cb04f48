package com.voicecampaigns.cutover;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;

/**
 * A document of the old service's {@code plivoCampaign} collection, as far as the cut-over reads
 * it. Its fields are the seed's; {@code createdAt} is the time in its {@code _id}, when that is an
 * ObjectId.
 *
 * @param id the document's {@code _id} as text (an ObjectId in hex)
 * @param scheduledTime null for a campaign the old service started at once
 * @param heartbeat when the old service's container last said it was dialling it; null if never
 */
record SeedCampaign(
    String id,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    String clientId,
    CampaignStatus status,
    Instant scheduledTime,
    String scheduledBy,
    Instant heartbeat,
    String containerId,
    Instant createdAt) {

  static final String COLLECTION = "plivoCampaign";

  /** What the campaign here shows as {@code imported.source}. */
  String source() {
    return "seed:" + COLLECTION + "/" + id;
  }

  /** The import's {@code Idempotency-Key}: the same document always makes the same request. */
  String idempotencyKey() {
    return "seed-" + COLLECTION + "-" + id;
  }
}
