package com.voicecampaigns.pubsub;

import com.google.api.core.ApiService;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.spring.pubsub.support.SubscriberFactory;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.PullRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;

/**
 * Every subscriber the Pub/Sub {@link SubscriberFactory} makes is watched: one that fails for good
 * gets its binding restarted by {@link SubscriberRecovery}.
 */
@AutoConfiguration
@ConditionalOnClass({SubscriberFactory.class, BindingsLifecycleController.class})
public class SubscriberRecoveryAutoConfiguration {

  @Bean
  SubscriberRecovery subscriberRecovery(
      BindingsLifecycleController bindings,
      BindingServiceProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    // a service without metrics still recovers; its restarts are then only logged
    return new SubscriberRecovery(
        bindings, properties, meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  /**
   * Wraps the factory as it is made; the recovery (and the bindings it needs) is looked up only
   * when a subscriber fails or receives, long after start-up.
   */
  @Bean
  static BeanPostProcessor watchedSubscribers(ObjectProvider<SubscriberRecovery> recovery) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof SubscriberFactory factory && !(bean instanceof Watched)
            ? new Watched(factory, recovery)
            : bean;
      }
    };
  }

  /** A {@link SubscriberFactory} whose subscribers report their failure and their messages. */
  record Watched(SubscriberFactory delegate, ObjectProvider<SubscriberRecovery> recovery)
      implements SubscriberFactory {

    @Override
    public Subscriber createSubscriber(String subscription, MessageReceiver receiver) {
      MessageReceiver reporting =
          (message, reply) -> {
            recovery.getObject().received(subscription);
            receiver.receiveMessage(message, reply);
          };
      Subscriber subscriber = delegate.createSubscriber(subscription, reporting);
      subscriber.addListener(
          new ApiService.Listener() {
            @Override
            public void failed(ApiService.State from, Throwable failure) {
              recovery.getObject().failed(subscription, failure);
            }
          },
          MoreExecutors.directExecutor());
      return subscriber;
    }

    @Override
    public String getProjectId() {
      return delegate.getProjectId();
    }

    @Override
    public PullRequest createPullRequest(
        String subscription, Integer maxMessages, Boolean returnImmediately) {
      return delegate.createPullRequest(subscription, maxMessages, returnImmediately);
    }

    @Override
    public SubscriberStub createSubscriberStub(String subscription) {
      return delegate.createSubscriberStub(subscription);
    }
  }
}
