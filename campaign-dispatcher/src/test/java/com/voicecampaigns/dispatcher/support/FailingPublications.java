package com.voicecampaigns.dispatcher.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A failure injected at the edge: registered as a global interceptor on the {@code CampaignStart}
 * output channel, it makes the next {@code n} sends fail as a broken binder would.
 */
public final class FailingPublications implements ChannelInterceptor {

  private final AtomicInteger failuresLeft = new AtomicInteger();

  public void failNext(int n) {
    failuresLeft.set(n);
  }

  @Override
  public Message<?> preSend(Message<?> message, MessageChannel channel) {
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new MessageDeliveryException(message, "injected: the binder is down");
    }
    return message;
  }
}
