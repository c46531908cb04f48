package com.voicecampaigns.testsupport.pubsub;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Watches a topic on the test backend through a subscription of its own, so a test can count what
 * an application published; also publishes raw messages, as Cloud Scheduler would.
 */
public final class PubSubTopicProbe implements AutoCloseable {

  private final PubSubBackend backend;
  private final ManagedChannel channel;
  private final TransportChannelProvider channels;
  private final SubscriptionName subscription;
  private final Subscriber subscriber;
  private final List<String> received = new CopyOnWriteArrayList<>();

  private PubSubTopicProbe(PubSubBackend backend, String topic) {
    this.backend = backend;
    this.channel = ManagedChannelBuilder.forTarget(backend.emulatorHost()).usePlaintext().build();
    this.channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    ensureTopic(backend, channels, topic);
    this.subscription =
        SubscriptionName.of(backend.projectId(), "probe-" + topic + "-" + UUID.randomUUID());
    try (var admin =
        SubscriptionAdminClient.create(adminSettings(SubscriptionAdminSettings.newBuilder()))) {
      admin.createSubscription(
          subscription,
          TopicName.of(backend.projectId(), topic),
          PushConfig.getDefaultInstance(),
          60);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.subscriber =
        Subscriber.newBuilder(
                ProjectSubscriptionName.of(backend.projectId(), subscription.getSubscription()),
                (MessageReceiver)
                    (message, consumer) -> {
                      received.add(message.getData().toString(StandardCharsets.UTF_8));
                      consumer.ack();
                    })
            .setChannelProvider(channels)
            .setCredentialsProvider(NoCredentialsProvider.create())
            .build();
    subscriber.startAsync().awaitRunning();
  }

  /** Starts receiving everything published to {@code topic} from now on. */
  public static PubSubTopicProbe watch(String topic) {
    return new PubSubTopicProbe(PubSubBackends.shared(), topic);
  }

  /** The payloads received so far, as UTF-8 text, in arrival order. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** Publishes {@code payload} to {@code topic}, creating the topic when it does not exist. */
  public static void publish(String topic, String payload) {
    PubSubBackend backend = PubSubBackends.shared();
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(backend.emulatorHost()).usePlaintext().build();
    try {
      var channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
      ensureTopic(backend, channels, topic);
      Publisher publisher =
          Publisher.newBuilder(TopicName.of(backend.projectId(), topic))
              .setChannelProvider(channels)
              .setCredentialsProvider(NoCredentialsProvider.create())
              .build();
      try {
        publisher
            .publish(PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(payload)).build())
            .get(30, TimeUnit.SECONDS);
      } finally {
        publisher.shutdown();
        publisher.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + topic, e);
    } finally {
      channel.shutdownNow();
    }
  }

  private static void ensureTopic(
      PubSubBackend backend, TransportChannelProvider channels, String topic) {
    try (var admin =
        TopicAdminClient.create(
            TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build())) {
      admin.createTopic(TopicName.of(backend.projectId(), topic));
    } catch (AlreadyExistsException exists) {
      // created by an application or an earlier probe
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SubscriptionAdminSettings adminSettings(SubscriptionAdminSettings.Builder builder)
      throws IOException {
    return builder
        .setTransportChannelProvider(channels)
        .setCredentialsProvider(NoCredentialsProvider.create())
        .build();
  }

  @Override
  public void close() {
    subscriber.stopAsync().awaitTerminated();
    try (var admin =
        SubscriptionAdminClient.create(adminSettings(SubscriptionAdminSettings.newBuilder()))) {
      admin.deleteSubscription(subscription);
    } catch (IOException | RuntimeException e) {
      // the emulator forgets it on exit anyway
    }
    channel.shutdownNow();
  }
}
