package com.voicecampaigns.testsupport.pubsub;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.DeleteSubscriptionRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Watches a topic on the test backend through a subscription of its own, so a test can count what
 * an application published; also publishes raw messages, as Cloud Scheduler would. Messages are
 * pulled synchronously whenever a test asks, so nothing depends on a background stream.
 */
public final class PubSubTopicProbe implements AutoCloseable {

  private final ManagedChannel channel;
  private final TransportChannelProvider channels;
  private final SubscriptionName subscription;
  private final SubscriberStub subscriber;
  private final List<Received> received = new ArrayList<>();

  /** One message as the subscription got it: its payload and the broker's publish time. */
  public record Received(String payload, Instant publishTime) {}

  private PubSubTopicProbe(PubSubBackend backend, String topic) {
    this.channel = ManagedChannelBuilder.forTarget(backend.emulatorHost()).usePlaintext().build();
    this.channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    ensureTopic(backend, channels, topic);
    this.subscription =
        SubscriptionName.of(backend.projectId(), "probe-" + topic + "-" + UUID.randomUUID());
    try {
      this.subscriber =
          GrpcSubscriberStub.create(
              SubscriberStubSettings.newBuilder()
                  .setTransportChannelProvider(channels)
                  .setCredentialsProvider(NoCredentialsProvider.create())
                  .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    subscriber
        .createSubscriptionCallable()
        .call(
            Subscription.newBuilder()
                .setName(subscription.toString())
                .setTopic(TopicName.of(backend.projectId(), topic).toString())
                .setAckDeadlineSeconds(60)
                .build());
  }

  /** Starts receiving everything published to {@code topic} from now on. */
  public static PubSubTopicProbe watch(String topic) {
    return new PubSubTopicProbe(PubSubBackends.shared(), topic);
  }

  /** The payloads received so far, as UTF-8 text, in arrival order. */
  public List<String> received() {
    return receivedMessages().stream().map(Received::payload).toList();
  }

  /** The messages received so far, with their publish times, in arrival order. */
  public synchronized List<Received> receivedMessages() {
    while (true) {
      PullResponse response =
          subscriber
              .pullCallable()
              .call(
                  PullRequest.newBuilder()
                      .setSubscription(subscription.toString())
                      .setMaxMessages(1000)
                      .setReturnImmediately(true)
                      .build());
      if (response.getReceivedMessagesCount() == 0) {
        return List.copyOf(received);
      }
      List<String> ackIds = new ArrayList<>();
      for (ReceivedMessage message : response.getReceivedMessagesList()) {
        var published = message.getMessage().getPublishTime();
        received.add(
            new Received(
                message.getMessage().getData().toString(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(published.getSeconds(), published.getNanos())));
        ackIds.add(message.getAckId());
      }
      subscriber
          .acknowledgeCallable()
          .call(
              AcknowledgeRequest.newBuilder()
                  .setSubscription(subscription.toString())
                  .addAllAckIds(ackIds)
                  .build());
    }
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

  @Override
  public void close() {
    try {
      subscriber
          .deleteSubscriptionCallable()
          .call(
              DeleteSubscriptionRequest.newBuilder()
                  .setSubscription(subscription.toString())
                  .build());
    } catch (RuntimeException e) {
      // the emulator forgets it on exit anyway
    }
    subscriber.close();
    channel.shutdownNow();
  }
}
