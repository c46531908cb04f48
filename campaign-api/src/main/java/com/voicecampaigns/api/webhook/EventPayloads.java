package com.voicecampaigns.api.webhook;

import com.voicecampaigns.api.contactlist.ContactView;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.campaign.CampaignDocument;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON bodies of the events, as Standard Webhooks suggests: {@code {"type", "timestamp",
 * "data"}}; the event id travels in the {@code webhook-id} header.
 */
final class EventPayloads {

  private EventPayloads() {}

  /**
   * @param timestamp when it happened (for {@code call.unknown}: when it was found, the attempt has
   *     no time of its own for it)
   */
  record Envelope(String type, Instant timestamp, Object data) {}

  /**
   * The data of every {@code campaign.*} event: the campaign as it was when the event was recorded,
   * with the status the event reports.
   */
  record CampaignData(
      String campaignId,
      String clientId,
      String name,
      String status,
      Instant scheduledTime,
      Instant startedAt,
      Instant completedAt,
      String failureReason) {

    /** The campaign, with the status that the event reports. */
    static CampaignData of(CampaignDocument campaign, String status) {
      return new CampaignData(
          campaign.id(),
          campaign.clientId(),
          campaign.name(),
          status,
          campaign.scheduledTime(),
          campaign.startedAt(),
          campaign.completedAt(),
          campaign.failureReason());
    }
  }

  /**
   * The data of every {@code call.*} event.
   *
   * @param status the attempt's status (for {@code call.ended} its outcome)
   * @param variables the contact's variables ({@code {}} when the list was deleted since)
   */
  record CallData(
      String callId,
      String campaignId,
      String clientId,
      String contactId,
      int attempt,
      String status,
      String from,
      String to,
      String hangupCause,
      Integer durationSeconds,
      Instant answeredAt,
      Instant endedAt,
      String contactName,
      Map<String, String> variables) {

    static CallData of(CallAttemptDocument call, ContactView contact) {
      return new CallData(
          call.id(),
          call.campaignId(),
          call.clientId(),
          call.contactId(),
          call.attempt(),
          call.status().wire(),
          call.from(),
          call.to(),
          call.hangupCause(),
          call.durationSeconds(),
          call.answeredAt(),
          call.endedAt(),
          contact == null ? null : contact.name(),
          contact == null ? Map.of() : contact.variables());
    }
  }
}
