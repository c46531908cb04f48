package com.voicecampaigns.worker.lease;

/** Why a worker stops dialling a campaign. */
public enum StopReason {
  /** The API paused the campaign. */
  PAUSED,
  /** The API cancelled the campaign: pending attempts are cancelled, live calls finish. */
  CANCELLED,
  /** Another dispatch or worker owns the campaign now, or it was deleted. */
  LEASE_LOST,
  /** The campaign completed or failed. */
  FINISHED,
  /** This worker released the campaign until a calling window opens or retries are due. */
  RELEASED,
  /** This worker is shutting down: the campaign is released for another worker at once. */
  SHUTDOWN
}
