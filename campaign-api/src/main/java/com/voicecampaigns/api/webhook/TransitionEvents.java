package com.voicecampaigns.api.webhook;

import com.voicecampaigns.store.campaign.CampaignDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records the webhook events of the API's own campaign transitions right after each one, so a pause
 * and a resume in quick succession are both reported, however soon after each other. The sweep
 * would find a missed one too (the event ids are the same), so a failure here is logged and never
 * fails the request.
 */
@Component
public class TransitionEvents {

  private static final Logger log = LoggerFactory.getLogger(TransitionEvents.class);

  private final WebhookEvents events;

  TransitionEvents(WebhookEvents events) {
    this.events = events;
  }

  /** The campaign went through {@code states}, in this order (e.g. as paused, then as resumed). */
  public void changed(CampaignDocument... states) {
    try {
      events.changed(states);
    } catch (RuntimeException e) {
      log.warn(
          "webhook events of a transition not recorded now; the sweep records them: {}",
          e.toString());
    }
  }
}
