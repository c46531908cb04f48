package com.voicecampaigns.worker.lease;

import com.voicecampaigns.model.event.CampaignScheduled;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * After a release, tells the dispatcher to look at the campaign ({@link CampaignScheduled} with the
 * {@code resumeAt}), so that it restarts it within a second instead of at its next tick. A hint
 * only: a lost one delays the restart until the dispatcher's recovery finds the campaign.
 */
@Component
public class ReleaseHints {

  static final String BINDING = "campaignScheduled-out-0";
  private static final Logger log = LoggerFactory.getLogger(ReleaseHints.class);

  private final StreamBridge streamBridge;
  private final Clock clock;

  ReleaseHints(StreamBridge streamBridge, Clock clock) {
    this.streamBridge = streamBridge;
    this.clock = clock;
  }

  public void released(String campaignId, Instant resumeAt) {
    try {
      if (streamBridge.send(
          BINDING, new CampaignScheduled(campaignId, resumeAt, clock.instant()))) {
        log.info("release hint for campaign {} published (resume at {})", campaignId, resumeAt);
      } else {
        log.warn("release hint for campaign {} was not accepted by the binder", campaignId);
      }
    } catch (RuntimeException e) {
      log.warn(
          "release hint for campaign {} could not be published: {}",
          campaignId,
          NestedExceptionUtils.getMostSpecificCause(e).toString());
    }
  }
}
