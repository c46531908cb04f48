package com.voicecampaigns.worker.plivo;

/**
 * A check that {@link PlivoCalls#place} runs at the last moment: on the sending thread, once OkHttp
 * holds a connection for the request (after any connection set-up, TLS handshake or stale
 * connection replaced) and before it writes the first byte. False withholds the request: nothing is
 * sent, and the outcome is {@link MakeCallOutcome.Withheld}.
 */
@FunctionalInterface
public interface LastCheck {

  /** Sends every request. */
  LastCheck NONE = () -> true;

  /** Whether the request may be written now. */
  boolean allowsSending();
}
