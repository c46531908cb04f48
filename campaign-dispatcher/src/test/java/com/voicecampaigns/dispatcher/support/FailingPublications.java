package com.voicecampaigns.dispatcher.support;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A failure injected at the edge: registered as a global interceptor on the {@code CampaignStart}
 * output channel, it makes the next {@code n} sends fail as a broken binder would, or a share of
 * all sends.
 */
public final class FailingPublications implements ChannelInterceptor {

  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicLong injected = new AtomicLong();
  private volatile double share;
  private volatile Random random = new Random(1);

  public void failNext(int n) {
    failuresLeft.set(n);
  }

  /** Fails each send with probability {@code share}, from a seeded random source. */
  public void failShare(double share, long seed) {
    this.random = new Random(seed);
    this.share = share;
  }

  public void reset() {
    failuresLeft.set(0);
    share = 0;
  }

  /** Sends failed so far. */
  public long injected() {
    return injected.get();
  }

  @Override
  public Message<?> preSend(Message<?> message, MessageChannel channel) {
    boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    if (!fail && share > 0) {
      synchronized (this) {
        fail = random.nextDouble() < share;
      }
    }
    if (fail) {
      injected.incrementAndGet();
      throw new MessageDeliveryException(message, "injected: the binder is down");
    }
    return message;
  }
}
