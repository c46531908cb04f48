package com.voicecampaigns.api.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound webhooks, prefix {@code api.webhooks} ({@code API_WEBHOOKS_*}).
 *
 * @param enabled whether this instance sweeps for events and delivers them. Default true.
 * @param allowPrivateTargets accept endpoints on loopback, link-local and private addresses. Only
 *     the local profile turns it on. Default false.
 * @param allowHttp accept {@code http://} endpoints. Only the local profile turns it on. Default
 *     false.
 * @param pollInterval how often an instance sweeps the documents for events and looks for due
 *     deliveries. Default 1s.
 * @param sweepLag how far behind its clock the fast sweep reads, so that a change stamped a little
 *     earlier by another service's clock, or committed a little later, is still ahead of the
 *     watermark. Default 1s.
 * @param gapLag how far behind its clock the second sweep reads, which finds what the fast one
 *     passed by (a write committed or stamped later than {@code sweepLag} allowed for). Default 2m.
 * @param batchSize documents one sweep reads per stream and pass. Default 500.
 * @param retryFor how long a delivery is retried after its event was recorded; then it is {@code
 *     failed}. Default 24h.
 * @param initialBackoff the wait after the first failed attempt; it doubles after each one. Default
 *     5s.
 * @param maxBackoff the longest wait between two attempts. Default 1h.
 * @param disableAfter an endpoint whose every attempt failed for this long is disabled, with the
 *     reason. Default 24h.
 * @param connectTimeout connecting to a receiver. Default 5s.
 * @param readTimeout waiting for a receiver's answer. Default 10s.
 * @param leaseDuration how long a replica holds a delivery it sends; longer than a whole attempt.
 *     Default 1m.
 * @param concurrency deliveries one instance sends at once. Default 4.
 * @param maxEndpointsPerTenant endpoints one tenant may register. Default 20.
 */
@ConfigurationProperties("api.webhooks")
@Validated
public record WebhookProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue("false") boolean allowHttp,
    @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration pollInterval,
    @DefaultValue("1s") @NotNull @DurationMin(millis = 0) Duration sweepLag,
    @DefaultValue("2m") @NotNull @DurationMin(millis = 0) Duration gapLag,
    @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("24h") @NotNull @DurationMin(millis = 1) Duration retryFor,
    @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
    @DefaultValue("1h") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
    @DefaultValue("24h") @NotNull @DurationMin(millis = 1) Duration disableAfter,
    @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
    @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
    @DefaultValue("1m") @NotNull @DurationMin(millis = 1) Duration leaseDuration,
    @DefaultValue("4") @Min(1) @Max(64) int concurrency,
    @DefaultValue("20") @Min(1) @Max(1000) int maxEndpointsPerTenant) {

  public WebhookProperties {
    if (leaseDuration.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
      throw new IllegalArgumentException(
          "api.webhooks.lease-duration must be longer than connect-timeout plus read-timeout");
    }
    if (gapLag.compareTo(sweepLag) < 0) {
      throw new IllegalArgumentException("api.webhooks.gap-lag must not be shorter than sweep-lag");
    }
    if (initialBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "api.webhooks.initial-backoff must not be longer than max-backoff");
    }
  }
}
