package com.voicecampaigns.worker.plivo;

import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.store.call.CallAttemptDocument;
import java.util.Objects;

/**
 * One Make-Call request for one claimed attempt. Its {@code callId} addresses the callbacks (and,
 * with {@code campaignId}, names the call in the callback URLs' query, so that Plivo's own logs and
 * the simulator's audit log can tell a call's campaign even when it was never answered).
 *
 * @param machineDetection what the campaign asks of Plivo's answering-machine detection
 */
public record MakeCallRequest(
    String callId, String campaignId, String from, String to, MachineDetection machineDetection) {

  public MakeCallRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    machineDetection = machineDetection == null ? MachineDetection.OFF : machineDetection;
  }

  /** The request that places {@code attempt}, without machine detection. */
  public static MakeCallRequest of(CallAttemptDocument attempt) {
    return of(attempt, MachineDetection.OFF);
  }

  /** The request that places {@code attempt} with its campaign's machine detection. */
  public static MakeCallRequest of(CallAttemptDocument attempt, MachineDetection detection) {
    return new MakeCallRequest(
        attempt.id(), attempt.campaignId(), attempt.from(), attempt.to(), detection);
  }
}
