package com.voicecampaigns.dispatcher.publish;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.model.event.CampaignStart;
import com.voicecampaigns.store.campaign.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link CampaignStart} to the workers; the dispatcher is its only producer. Publication is
 * asynchronous: {@link #publish} hands the event to the binder (which batches) and answers a future
 * that the broker's acknowledgement completes, so no thread waits per message. The event goes
 * straight to the output binding's channel as JSON, not through {@code StreamBridge}, whose
 * per-message function invocation and conversion cost more than the broker's own work (benchmark).
 *
 * <p>A refused publication is sent again for the same dispatch ({@code dispatcher.publish-retry}):
 * a duplicate start is harmless, because a worker takes a lease only once per dispatch. When every
 * try failed, the claim is given back ({@link CampaignStore#giveBack}) and the next dispatch pass
 * recovers the campaign with a new dispatch, so a lost start heals within one tick instead of after
 * the start timeout.
 */
@Component
public class CampaignStartPublisher implements DisposableBean {

  /**
   * The output binding, declared in {@code spring.cloud.stream.output-bindings} so that its channel
   * exists (under the binding's name) without a {@code StreamBridge}.
   */
  static final String CHANNEL = "campaignStart-out-0";

  private static final Logger log = LoggerFactory.getLogger(CampaignStartPublisher.class);

  private final BeanFactory beans;
  private volatile MessageChannel starts;
  private final ObjectWriter json;
  private final PublishReceipts receipts;
  private final CampaignStore campaigns;
  private final Clock clock;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties.PublishRetry retry;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "start-publish-retry");
            thread.setDaemon(true);
            return thread;
          });

  CampaignStartPublisher(
      BeanFactory beans,
      JsonMapper json,
      PublishReceipts receipts,
      CampaignStore campaigns,
      DispatcherMetrics metrics,
      DispatcherProperties properties,
      Clock clock) {
    this.beans = beans;
    this.json = json.writerFor(CampaignStart.class); // resolved once, not per message
    this.receipts = receipts;
    this.campaigns = campaigns;
    this.clock = clock;
    this.metrics = metrics;
    this.retry = properties.publishRetry();
  }

  /**
   * Publishes the start of dispatch {@code dispatchId}; the future answers true once the broker
   * accepted it, false when every try failed and the claim was given back.
   */
  public CompletableFuture<Boolean> publish(
      String campaignId, String dispatchId, Instant occurredAt) {
    CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    attempt(new CampaignStart(campaignId, dispatchId, occurredAt), 1, outcome);
    return outcome;
  }

  private void attempt(CampaignStart start, int tryNumber, CompletableFuture<Boolean> outcome) {
    send(start)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                metrics.published();
                outcome.complete(true);
                return;
              }
              metrics.publishFailed();
              if (tryNumber < retry.maxTries()) {
                Duration delay = retry.backoffBefore(tryNumber + 1);
                log.warn(
                    "CampaignStart for campaign {} not published (try {}), again in {} ms: {}",
                    start.campaignId(),
                    tryNumber,
                    delay.toMillis(),
                    failure.toString());
                retries.schedule(
                    () -> attempt(start, tryNumber + 1, outcome),
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
              } else {
                giveBack(start, failure, outcome);
              }
            });
  }

  private CompletableFuture<Void> send(CampaignStart start) {
    PublishReceipts.Receipt receipt = receipts.open(retry.confirmTimeout());
    try {
      boolean sent =
          starts()
              .send(
                  MessageBuilder.withPayload(json.writeValueAsBytes(start))
                      .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                      .setHeader(PublishReceipts.HEADER, receipt.id())
                      .build());
      if (!sent) {
        receipt.confirmation().completeExceptionally(new IllegalStateException("binder refused"));
      } else if (!receipts.brokerConfirms()) {
        receipt.confirmation().complete(null); // a synchronous binder: the send was the answer
      }
    } catch (RuntimeException e) {
      receipt.confirmation().completeExceptionally(e);
    }
    return receipt.confirmation();
  }

  private void giveBack(
      CampaignStart start, Throwable failure, CompletableFuture<Boolean> outcome) {
    try {
      boolean givenBack =
          campaigns.giveBack(start.campaignId(), start.dispatchId(), clock.instant());
      metrics.startGivenBack();
      log.warn(
          "CampaignStart for campaign {} not published after {} tries ({}); {}",
          start.campaignId(),
          retry.maxTries(),
          failure.toString(),
          givenBack
              ? "claim given back, the next dispatch pass re-dispatches it"
              : "its dispatch moved on meanwhile");
    } catch (RuntimeException e) {
      log.warn(
          "CampaignStart for campaign {} lost and its claim not given back ({}); recovery"
              + " re-issues it after the start timeout",
          start.campaignId(),
          e.toString());
    }
    outcome.complete(false);
  }

  /** The binding's channel, registered by the binder after this bean was made. */
  private MessageChannel starts() {
    if (starts == null) {
      starts = beans.getBean(CHANNEL, MessageChannel.class);
    }
    return starts;
  }

  @Override
  public void destroy() {
    retries.shutdownNow();
  }
}
