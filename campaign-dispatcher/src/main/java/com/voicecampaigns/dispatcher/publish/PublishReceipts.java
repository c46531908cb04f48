package com.voicecampaigns.dispatcher.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The broker's confirmations of {@code CampaignStart} publications, without naming the broker: each
 * outgoing message carries a {@link #HEADER receipt}, and the binder's own acknowledgement callback
 * (wired in configuration, see {@code config.PubSubPublishConfirmations}) settles it. No thread
 * waits for a confirmation; each one completes a future.
 *
 * <p>A binder without such a callback leaves {@link #brokerConfirms()} false: the binding must then
 * be synchronous, and a send that returns is the confirmation.
 */
@Component
public class PublishReceipts {

  /** The message header that carries the receipt; binders map it to a message attribute. */
  public static final String HEADER = "startReceipt";

  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean brokerConfirms;

  /** Called once by the binder-specific configuration that reports acknowledgements. */
  public void enableBrokerConfirmations() {
    brokerConfirms = true;
  }

  public boolean brokerConfirms() {
    return brokerConfirms;
  }

  /** A new receipt, settled by the broker or failed after {@code timeout}. */
  Receipt open(Duration timeout) {
    String id = Long.toString(sequence.incrementAndGet(), 36); // unique within this process
    CompletableFuture<Void> confirmation = new CompletableFuture<>();
    pending.put(id, confirmation);
    confirmation
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((ok, failure) -> pending.remove(id));
    return new Receipt(id, confirmation);
  }

  /** The broker accepted {@code message}. */
  public void confirmed(Message<?> message) {
    CompletableFuture<Void> confirmation = pending.get(receiptOf(message));
    if (confirmation != null) {
      confirmation.complete(null);
    }
  }

  /** The broker refused {@code message}, or it could not be sent. */
  public void failed(Message<?> message, Throwable cause) {
    CompletableFuture<Void> confirmation = pending.get(receiptOf(message));
    if (confirmation != null) {
      confirmation.completeExceptionally(cause);
    }
  }

  /** How many publications wait for the broker's answer. */
  public int outstanding() {
    return pending.size();
  }

  private static String receiptOf(Message<?> message) {
    Object receipt = message.getHeaders().get(HEADER);
    return receipt == null ? "" : receipt.toString();
  }

  record Receipt(String id, CompletableFuture<Void> confirmation) {}
}
