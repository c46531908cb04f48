package com.voicecampaigns.dispatcher.config;

import com.google.cloud.spring.pubsub.integration.outbound.PubSubMessageHandler;
import com.voicecampaigns.dispatcher.publish.PublishReceipts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that knows the binder is Pub/Sub: its outbound handler publishes asynchronously,
 * with the client library's batching, and reports each message's acknowledgement to {@link
 * PublishReceipts}. With another binder, give it the equivalent customizer (Kafka: the handler's
 * send-success and send-failure channels) or make its producer synchronous.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(PubSubMessageHandler.class)
class PubSubPublishConfirmations {

  @Bean
  ProducerMessageHandlerCustomizer<PubSubMessageHandler> publishConfirmations(
      PublishReceipts receipts) {
    return (handler, destination) -> {
      receipts.enableBrokerConfirmations();
      handler.setSuccessCallback((messageId, message) -> receipts.confirmed(message));
      handler.setFailureCallback((cause, message) -> receipts.failed(message, cause));
    };
  }
}
