package com.voicecampaigns.worker.plivo;

import com.voicecampaigns.store.call.CallAttemptDocument;
import java.util.Objects;

/**
 * One Make-Call request for one claimed attempt. Its {@code callId} addresses the callbacks (and,
 * with {@code campaignId}, names the call in the callback URLs' query, so that Plivo's own logs and
 * the simulator's audit log can tell a call's campaign even when it was never answered).
 */
public record MakeCallRequest(String callId, String campaignId, String from, String to) {

  public MakeCallRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** The request that places {@code attempt}. */
  public static MakeCallRequest of(CallAttemptDocument attempt) {
    return new MakeCallRequest(attempt.id(), attempt.campaignId(), attempt.from(), attempt.to());
  }
}
