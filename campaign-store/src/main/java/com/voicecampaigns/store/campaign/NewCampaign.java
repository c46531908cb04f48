package com.voicecampaigns.store.campaign;

import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the API writes when it creates a campaign: the fields of a {@link CampaignDocument} that
 * exist from the start, always {@code scheduled} (due now when it was created without a time). The
 * dispatcher and the workers add the others later.
 */
@Document(CampaignFields.COLLECTION)
public record NewCampaign(
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
    CallingWindow callingWindow,
    RetryPolicy retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond) {

  /**
   * A campaign of {@code settings}, due at {@code scheduledTime}, created at {@code now}.
   *
   * @param id from {@link com.voicecampaigns.store.Ids#newId()}, chosen before the insert so that
   *     an idempotency key can name it
   */
  public static NewCampaign scheduled(
      String id,
      CampaignSettings settings,
      Instant scheduledTime,
      String scheduledBy,
      Instant now) {
    return new NewCampaign(
        id,
        settings.clientId(),
        settings.name(),
        settings.listId(),
        settings.fromNumber(),
        settings.wssUrl(),
        CampaignStatus.SCHEDULED,
        scheduledTime,
        scheduledBy,
        now,
        now,
        settings.callingWindow(),
        settings.retryPolicy(),
        settings.maxConcurrentCalls(),
        settings.callsPerSecond());
  }

  /**
   * What a tenant asks of a campaign, validated.
   *
   * @param callingWindow {@code null}: any hour
   * @param retryPolicy {@code null}: the default policy
   * @param maxConcurrentCalls {@code null}: no limit of its own
   * @param callsPerSecond {@code null}: the account's limit only
   */
  public record CampaignSettings(
      String clientId,
      String name,
      String listId,
      String fromNumber,
      String wssUrl,
      CallingWindow callingWindow,
      RetryPolicy retryPolicy,
      Integer maxConcurrentCalls,
      Double callsPerSecond) {}
}
