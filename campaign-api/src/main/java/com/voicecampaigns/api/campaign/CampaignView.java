package com.voicecampaigns.api.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignImport;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as the API answers it; statuses in the seed's lowercase spelling. {@code progress}
 * only on {@code GET /api/v1/campaigns/{id}}. {@code scheduledBy} may come from a seed route's
 * body; {@code createdBy} is always the subject of the token that created the campaign. {@code
 * endTime} is {@code null} without one; {@code machineDetection} is {@code off}, {@code hangup} or
 * {@code bot}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CampaignView(
    String id,
    String clientId,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    String status,
    Instant scheduledTime,
    Instant endTime,
    String scheduledBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    String failureReason,
    WindowView callingWindow,
    RetryView retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    String machineDetection,
    @JsonInclude(JsonInclude.Include.NON_NULL) CampaignProgress.Progress progress,
    @JsonInclude(JsonInclude.Include.NON_NULL) ImportView imported) {

  /**
   * Where a campaign imported from the old service came from; absent on campaigns created here.
   *
   * @param source the record it was made from, e.g. {@code seed:plivoCampaign/<id>}
   * @param note what the operator should know, e.g. why it was imported paused
   */
  record ImportView(String source, String note) {
    static ImportView of(CampaignImport imported) {
      return imported == null ? null : new ImportView(imported.source(), imported.note());
    }
  }

  /**
   * The calling window.
   *
   * @param timezone IANA zone, e.g. {@code Asia/Kolkata}; a contact's own zone wins
   * @param start first minute of the window, {@code HH:mm}, inclusive
   * @param end end of the window, {@code HH:mm}, exclusive
   * @param days {@link DayOfWeek} names
   */
  record WindowView(String timezone, String start, String end, List<String> days) {
    static WindowView of(CallingWindow window) {
      return window == null
          ? null
          : new WindowView(
              window.timezone().getId(),
              CallingWindow.format(window.start()),
              CallingWindow.format(window.end()),
              window.days().stream().map(DayOfWeek::name).toList());
    }
  }

  /**
   * The retry policy.
   *
   * @param maxAttempts attempts per contact including the first, 1–10
   * @param retryOn call outcomes that are retried: busy, no-answer, failed, machine
   * @param backoffSeconds wait between an attempt's end and the next attempt
   */
  record RetryView(int maxAttempts, List<String> retryOn, long backoffSeconds) {
    static RetryView of(RetryPolicy policy) {
      return policy == null
          ? null
          : new RetryView(
              policy.maxAttempts(),
              policy.retryOn().stream().map(CallStatus::wire).toList(),
              policy.backoff().toSeconds());
    }
  }

  static CampaignView of(CampaignDocument campaign) {
    return of(campaign, null);
  }

  static CampaignView of(CampaignDocument campaign, CampaignProgress.Progress progress) {
    return new CampaignView(
        campaign.id(),
        campaign.clientId(),
        campaign.name(),
        campaign.listId(),
        campaign.fromNumber(),
        campaign.wssUrl(),
        campaign.status().wire(),
        campaign.scheduledTime(),
        campaign.endTime(),
        campaign.scheduledBy(),
        campaign.createdBy(),
        campaign.createdAt(),
        campaign.updatedAt(),
        campaign.startedAt(),
        campaign.completedAt(),
        campaign.failureReason(),
        WindowView.of(campaign.callingWindow()),
        RetryView.of(campaign.retryPolicy()),
        campaign.maxConcurrentCalls(),
        campaign.callsPerSecond(),
        campaign.effectiveMachineDetection().wire(),
        progress,
        ImportView.of(campaign.imported()));
  }
}
