package com.voicecampaigns.model.event;

/** Default topic and consumer-group names. Deployments may rename them through configuration. */
public final class Topics {

  public static final String SCHEDULER_TICK = "campaign-scheduler-tick";
  public static final String CAMPAIGN_SCHEDULED = "campaign-scheduled";
  public static final String CAMPAIGN_START = "campaign-start";

  public static final String DISPATCHER_GROUP = "campaign-dispatcher";
  public static final String WORKER_GROUP = "call-worker";

  private Topics() {}
}
