package com.voicecampaigns.dispatcher.metrics;

/**
 * What made the dispatcher look for a campaign: the tag of {@code dispatcher.campaigns.started}.
 */
public enum StartTrigger {
  /** A scheduler tick (Cloud Scheduler, or the local tick publisher). */
  TICK("tick"),
  /** A {@code CampaignScheduled} event for a campaign that was already due. */
  SCHEDULED("scheduled"),
  /** A timer armed for the campaign's scheduled time. */
  TIMER("timer");

  private final String tag;

  StartTrigger(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
