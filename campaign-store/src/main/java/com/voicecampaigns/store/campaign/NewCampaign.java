package com.voicecampaigns.store.campaign;

import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.campaign.MachineDetection;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the API writes when it creates a campaign: the fields of a {@link CampaignDocument} that
 * exist from the start, {@code scheduled} (due now when it was created without a time), or, for a
 * campaign imported from the old service, in the status the import maps it to ({@link #imported}).
 * The dispatcher and the workers add the others later. Fields left {@code null} are not written, so
 * a campaign without an idempotency claim is not in that field's sparse index. Its progress
 * counters start empty, marked with {@link #COUNTERS_VERSION}.
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
    Instant endTime,
    String scheduledBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    CallingWindow callingWindow,
    RetryPolicy retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    MachineDetection machineDetection,
    String idempotencyClaim,
    String requestHash,
    Map<String, Long> stats,
    Map<String, Long> contactStats,
    Integer counters,
    CampaignImport imported) {

  /** The rules the counters follow: every attempt status, and contacts by their latest attempt. */
  public static final int COUNTERS_VERSION = 1;

  /**
   * A campaign of {@code settings}, due at {@code scheduledTime}, created at {@code now} by {@code
   * author}, without an idempotency claim (see {@link #claiming}).
   *
   * @param id from {@link com.voicecampaigns.store.Ids#newId()}
   */
  public static NewCampaign scheduled(
      String id, CampaignSettings settings, Instant scheduledTime, Author author, Instant now) {
    return new NewCampaign(
        id,
        settings.clientId(),
        settings.name(),
        settings.listId(),
        settings.fromNumber(),
        settings.wssUrl(),
        CampaignStatus.SCHEDULED,
        scheduledTime,
        settings.endTime(),
        author.scheduledBy(),
        author.createdBy(),
        now,
        now,
        settings.callingWindow(),
        settings.retryPolicy(),
        settings.maxConcurrentCalls(),
        settings.callsPerSecond(),
        settings.machineDetection(),
        null,
        null,
        Map.of(),
        Map.of(),
        COUNTERS_VERSION,
        null);
  }

  /**
   * A campaign of {@code settings} imported from another system in {@code status} (any {@link
   * CampaignStatus#isInitial initial} one: never running), at {@code scheduledTime}, which may be
   * past unless it is scheduled; without an idempotency claim (see {@link #claiming}).
   *
   * @throws IllegalArgumentException for a status a campaign cannot be created in
   */
  public static NewCampaign imported(
      String id,
      CampaignSettings settings,
      CampaignStatus status,
      Instant scheduledTime,
      Author author,
      CampaignImport imported,
      Instant now) {
    if (!status.isInitial()) {
      throw new IllegalArgumentException("a campaign cannot be created " + status.wire());
    }
    NewCampaign campaign = scheduled(id, settings, scheduledTime, author, now);
    return new NewCampaign(
        campaign.id,
        campaign.clientId,
        campaign.name,
        campaign.listId,
        campaign.fromNumber,
        campaign.wssUrl,
        status,
        campaign.scheduledTime,
        campaign.endTime,
        campaign.scheduledBy,
        campaign.createdBy,
        campaign.createdAt,
        campaign.updatedAt,
        campaign.callingWindow,
        campaign.retryPolicy,
        campaign.maxConcurrentCalls,
        campaign.callsPerSecond,
        campaign.machineDetection,
        null,
        null,
        campaign.stats,
        campaign.contactStats,
        campaign.counters,
        imported);
  }

  /** This campaign, whose insert is also {@code claim}'s (see {@link IdempotencyClaim}). */
  public NewCampaign claiming(IdempotencyClaim claim) {
    return new NewCampaign(
        id,
        clientId,
        name,
        listId,
        fromNumber,
        wssUrl,
        status,
        scheduledTime,
        endTime,
        scheduledBy,
        createdBy,
        createdAt,
        updatedAt,
        callingWindow,
        retryPolicy,
        maxConcurrentCalls,
        callsPerSecond,
        machineDetection,
        claim.claim(),
        claim.requestHash(),
        stats,
        contactStats,
        counters,
        imported);
  }

  /**
   * Who a campaign is by.
   *
   * @param scheduledBy who scheduled it: the token's subject, or on the seed routes whoever the
   *     body names
   * @param createdBy the subject of the token that created it, never taken from a request body
   */
  public record Author(String scheduledBy, String createdBy) {}

  /**
   * What a tenant asks of a campaign, validated.
   *
   * @param callingWindow {@code null}: any hour
   * @param retryPolicy {@code null}: the default policy
   * @param maxConcurrentCalls {@code null}: no limit of its own
   * @param callsPerSecond {@code null}: the account's limit only
   * @param endTime no new call after it; {@code null}: none
   * @param machineDetection {@code null}: off
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
      Double callsPerSecond,
      Instant endTime,
      MachineDetection machineDetection) {}
}
