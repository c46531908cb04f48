package com.voicecampaigns.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one callback of a call, and writes the attempt to the audit log (and a failure to the log).
 */
final class CallbackDelivery {

  private static final Logger log = LoggerFactory.getLogger(CallbackDelivery.class);

  private final CallbackSender sender;
  private final AuditLogWriter audit;
  private final Clock clock;

  CallbackDelivery(CallbackSender sender, AuditLogWriter audit, Clock clock) {
    this.sender = sender;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param kind ring, answer, machine or hangup
   * @param attempt 1, or more for a retried hangup
   */
  CompletableFuture<CallbackResult> send(
      CallRecord call,
      String kind,
      String url,
      String method,
      Map<String, String> params,
      int attempt) {
    Instant sentAt = clock.instant();
    return sender
        .send(url, method, params)
        .thenApply(
            result -> {
              audit.callback(call, kind, url, sentAt, result, attempt);
              if (!result.delivered()) {
                log.warn(
                    "{} callback of call {} to {} failed: {}",
                    kind,
                    call.callUuid(),
                    call.to(),
                    result.error());
              }
              return result;
            });
  }
}
