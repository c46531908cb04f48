package com.voicecampaigns.api.webhook;

import com.voicecampaigns.store.webhook.WebhookDeliveries;
import com.voicecampaigns.store.webhook.WebhookDeliveries.Claimed;
import com.voicecampaigns.store.webhook.WebhookDeliveryDocument;
import com.voicecampaigns.store.webhook.WebhookDeliveryDocument.Status;
import com.voicecampaigns.store.webhook.WebhookEndpointDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries, at most {@code concurrency} at once per instance, each under its lease
 * ({@link WebhookDeliveries}), and one campaign's one at a time, so they arrive in order (across
 * replicas, and behind a retry's backoff, order is not promised). A 2xx answer delivers it;
 * anything else (another status, a timeout, a refused address) is retried after an exponential
 * backoff until {@code retry-for} after the event was queued, and then {@code failed}. An endpoint
 * whose attempts all failed for {@code disable-after}, that failed a delivery for its whole retry
 * period, or that answered 410 Gone, is disabled with the reason, and its pending deliveries are
 * cancelled.
 */
@Component
class WebhookDeliverer implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final int GONE = 410;

  private final WebhookDeliveries deliveries;
  private final WebhookEndpointStore endpoints;
  private final DeliveryClient client;
  private final WebhookProperties properties;
  private final Backoff backoff;
  private final Clock clock;
  private final Semaphore slots;

  /** Campaigns with a delivery in flight here: their next one waits, so each arrives in order. */
  private final Set<String> sending = ConcurrentHashMap.newKeySet();

  private final ExecutorService senders;
  private final MeterRegistry meters;

  WebhookDeliverer(
      WebhookDeliveries deliveries,
      WebhookEndpointStore endpoints,
      DeliveryClient client,
      WebhookProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.meters = meters;
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.client = client;
    this.properties = properties;
    this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
    this.clock = clock;
    this.slots = new Semaphore(properties.concurrency());
    AtomicInteger threads = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            properties.concurrency(),
            task -> {
              Thread thread = new Thread(task, "webhook-sender-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::scheduled, properties.pollInterval());
  }

  void scheduled() {
    if (!properties.enabled()) {
      return;
    }
    try {
      sendDue();
    } catch (RuntimeException e) {
      log.warn("could not look for due webhook deliveries: {}", e.toString());
    }
  }

  /** Claims due deliveries while a sender is free and hands each to one. */
  void sendDue() {
    while (slots.tryAcquire()) {
      Optional<Claimed> claimed;
      try {
        Instant now = clock.instant();
        claimed = deliveries.claimDue(now, now.plus(properties.leaseDuration()), sending);
      } catch (RuntimeException e) {
        slots.release();
        throw e;
      }
      if (claimed.isEmpty()) {
        slots.release();
        return;
      }
      String campaignId = claimed.get().delivery().campaignId();
      if (campaignId != null) {
        sending.add(campaignId);
      }
      senders.execute(
          () -> {
            try {
              attempt(claimed.get());
            } catch (RuntimeException e) {
              log.warn("webhook delivery failed unexpectedly; its lease expires: {}", e.toString());
            } finally {
              if (campaignId != null) {
                sending.remove(campaignId);
              }
              slots.release();
            }
          });
    }
  }

  /** One attempt of a claimed delivery. */
  void attempt(Claimed claim) {
    WebhookDeliveryDocument delivery = claim.delivery();
    try (var mdc = MDC.putCloseable("webhookDeliveryId", delivery.id())) {
      Optional<WebhookEndpointDocument> found = endpoints.find(delivery.endpointId(), null);
      if (found.isEmpty() || !found.get().enabled()) {
        String reason =
            found.isEmpty()
                ? "the endpoint was deleted"
                : "the endpoint is disabled: " + found.get().disabledReason();
        deliveries.end(claim, Status.CANCELLED, false, null, reason, clock.instant());
        count("cancelled");
        return;
      }
      WebhookEndpointDocument endpoint = found.get();
      long timestamp = clock.instant().getEpochSecond();
      var headers =
          WebhookSigner.headers(endpoint.secret(), delivery.eventId(), timestamp, delivery.body());
      DeliveryClient.Result result = client.post(endpoint.url(), headers, delivery.body());
      Instant now = clock.instant();
      if (result.succeeded()) {
        deliveries.delivered(claim, result.statusCode(), now);
        endpoints.succeeded(endpoint.id(), now);
        count("delivered");
        return;
      }
      String error =
          result.error() != null ? result.error() : "the receiver answered " + result.statusCode();
      Instant next = now.plus(backoff.after(delivery.attempts() + 1));
      boolean gaveUp = next.isAfter(delivery.createdAt().plus(properties.retryFor()));
      if (gaveUp) {
        deliveries.end(claim, Status.FAILED, true, result.statusCode(), error, now);
        log.info("webhook delivery failed for good after {} attempts", delivery.attempts() + 1);
        count("failed");
      } else {
        deliveries.retryAt(claim, result.statusCode(), error, next, now);
        count("retried");
      }
      endpoints
          .failed(endpoint.id(), now)
          .ifPresent(e -> disableIfFailing(e, delivery, gaveUp, result, error, now));
    }
  }

  /**
   * Disables the endpoint when it answered 410, when every attempt failed for {@code
   * disable-after}, or when a delivery was given up without the endpoint succeeding once since that
   * delivery was queued.
   */
  private void disableIfFailing(
      WebhookEndpointDocument endpoint,
      WebhookDeliveryDocument delivery,
      boolean gaveUp,
      DeliveryClient.Result result,
      String error,
      Instant now) {
    boolean noSuccessSince =
        endpoint.lastSuccessAt() == null || endpoint.lastSuccessAt().isBefore(delivery.createdAt());
    String reason = null;
    if (Integer.valueOf(GONE).equals(result.statusCode())) {
      reason = "the receiver answered 410 Gone";
    } else if (endpoint.failingSince() != null
        && (!endpoint.failingSince().plus(properties.disableAfter()).isAfter(now)
            || (gaveUp && noSuccessSince))) {
      reason =
          "every attempt failed since "
              + endpoint.failingSince()
              + " ("
              + endpoint.consecutiveFailures()
              + " attempts); the last: "
              + error;
    }
    if (reason != null && endpoints.disable(endpoint.id(), reason, now)) {
      long cancelled = deliveries.cancelPending(endpoint.id(), "the endpoint was disabled");
      log.warn(
          "webhook endpoint {} disabled ({} pending deliveries cancelled): {}",
          endpoint.id(),
          cancelled,
          reason);
      Counter.builder("api.webhooks.endpoints.disabled")
          .description("webhook endpoints disabled for failing")
          .register(meters)
          .increment();
    }
  }

  /** {@code api.webhooks.attempts{outcome}}: delivered, retried, failed (for good), cancelled. */
  private void count(String outcome) {
    Counter.builder("api.webhooks.attempts")
        .tag("outcome", outcome)
        .description("webhook delivery attempts by outcome")
        .register(meters)
        .increment();
  }

  @PreDestroy
  void stop() {
    senders.shutdownNow();
  }
}
