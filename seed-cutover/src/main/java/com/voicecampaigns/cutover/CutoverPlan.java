package com.voicecampaigns.cutover;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the cut-over does with one seed campaign. The rules, so that nothing is dialled twice across
 * the cut-over and nothing dials before a person decides:
 *
 * <ul>
 *   <li>{@code scheduled}, due more than {@link #LEAD} from now: scheduled here at the same time;
 *   <li>{@code scheduled}, due sooner or already past (the old service had not started it): paused
 *       here, with a note; resuming starts it at once;
 *   <li>{@code running}: paused here, with a note (the old service may have called part of the
 *       list; its calls are not imported, so a resume here calls the whole list again);
 *   <li>{@code paused}: paused here at its time, with the same warning;
 *   <li>{@code completed}, {@code cancelled}, {@code failed}: skipped, or with {@code
 *       --include-finished} imported in that status, as history.
 * </ul>
 *
 * Notes depend only on the seed document, so a second run makes the same request.
 */
sealed interface CutoverPlan {

  /** A scheduled campaign due this soon is imported paused: it might start before it is created. */
  Duration LEAD = Duration.ofMinutes(1);

  String WHOLE_LIST_AGAIN =
      " Its calls in the old service are not imported: resuming here calls every contact of its"
          + " list, including those the old service had called already.";

  /** Create the campaign here in {@code status}, due (or due there) at {@code time}. */
  record Import(SeedCampaign seed, CampaignStatus status, Instant time, String note)
      implements CutoverPlan {}

  /** Leave the campaign out, as asked. */
  record Skip(SeedCampaign seed, String reason) implements CutoverPlan {}

  /** The campaign cannot be mapped. */
  record Refuse(SeedCampaign seed, String reason) implements CutoverPlan {}

  /** The document is no campaign the cut-over can read. */
  record Unreadable(SeedDocuments.Unreadable document) implements CutoverPlan {}

  /** The plan for a document as read. */
  static CutoverPlan of(SeedDocuments.Parsed parsed, Instant now, boolean includeFinished) {
    return parsed instanceof SeedDocuments.Readable readable
        ? of(readable.campaign(), now, includeFinished)
        : new Unreadable((SeedDocuments.Unreadable) parsed);
  }

  static CutoverPlan of(SeedCampaign seed, Instant now, boolean includeFinished) {
    Instant time = seed.scheduledTime() != null ? seed.scheduledTime() : seed.createdAt();
    return switch (seed.status()) {
      case SCHEDULED -> scheduled(seed, now);
      case RUNNING ->
          new Import(
              seed,
              CampaignStatus.PAUSED,
              time,
              "Running in the old service at the cut-over"
                  + heartbeat(seed)
                  + "; imported paused so that nothing is dialled twice."
                  + WHOLE_LIST_AGAIN);
      case PAUSED ->
          new Import(
              seed,
              CampaignStatus.PAUSED,
              time,
              "Paused in the old service at the cut-over." + WHOLE_LIST_AGAIN);
      case COMPLETED, CANCELLED, FAILED ->
          includeFinished
              ? new Import(
                  seed,
                  seed.status(),
                  time,
                  seed.status().wire()
                      + " in the old service; imported as history, without its calls.")
              : new Skip(seed, seed.status().wire() + ", finished (--include-finished imports it)");
    };
  }

  private static CutoverPlan scheduled(SeedCampaign seed, Instant now) {
    Instant time = seed.scheduledTime();
    if (time == null) {
      return new Refuse(seed, "status scheduled without a scheduledTime");
    }
    if (time.isAfter(now.plus(LEAD))) {
      return new Import(seed, CampaignStatus.SCHEDULED, time, null);
    }
    return new Import(
        seed,
        CampaignStatus.PAUSED,
        time,
        "Scheduled for "
            + time
            + " in the old service, which had not started it by the cut-over: imported paused."
            + " Resume it to start it now, or cancel it.");
  }

  private static String heartbeat(SeedCampaign seed) {
    String container = seed.containerId() == null ? "" : " in container " + seed.containerId();
    return seed.heartbeat() == null
        ? container
        : container + ", last heartbeat " + seed.heartbeat();
  }
}
