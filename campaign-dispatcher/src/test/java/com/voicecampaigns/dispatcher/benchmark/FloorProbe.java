package com.voicecampaigns.dispatcher.benchmark;

import com.google.cloud.spring.pubsub.core.publisher.PubSubPublisherTemplate;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What the parts underneath can do, measured in the same run and with the dispatcher's own client
 * settings (its publisher template, its MongoDB connection): {@code n} start-sized messages
 * published raw, and one raw {@code updateMany} over {@code n} due documents plus the read-back by
 * token. Their sum is the floor a drain of {@code n} campaigns is compared with.
 */
final class FloorProbe {

  record Floor(Duration publish, Duration update) {
    Duration total() {
      return publish.plus(update);
    }
  }

  private FloorProbe() {}

  static Floor measure(ConfigurableApplicationContext dispatcher, int n) {
    return new Floor(publish(dispatcher, n), updateMany(dispatcher, n));
  }

  private static Duration publish(ConfigurableApplicationContext dispatcher, int n) {
    PubSubPublisherTemplate publisher = dispatcher.getBean(PubSubPublisherTemplate.class);
    String topic = "floor-" + UUID.randomUUID().toString().substring(0, 8);
    try (PubSubTopicProbe sink = PubSubTopicProbe.watch(topic)) { // the topic, with a subscriber
      publisher.publish(topic, payload(0)).join(); // the publisher exists before timing starts
      long began = System.nanoTime();
      List<CompletableFuture<String>> sent = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        sent.add(publisher.publish(topic, payload(i)));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
      return Duration.ofNanos(System.nanoTime() - began);
    }
  }

  private static Duration updateMany(ConfigurableApplicationContext dispatcher, int n) {
    MongoTemplate mongo = dispatcher.getBean(MongoTemplate.class);
    String collection = "floor_campaigns";
    if (mongo.collectionExists(collection)) {
      mongo.dropCollection(collection);
    }
    Date due = Date.from(Instant.now().minusSeconds(1));
    for (int from = 0; from < n; from += 1_000) {
      List<Document> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 1_000); i++) {
        chunk.add(
            new Document(CampaignFields.STATUS, CampaignStatus.SCHEDULED.wire())
                .append(CampaignFields.SCHEDULED_TIME, due)
                .append(CampaignFields.NAME, "floor " + i));
      }
      mongo.getCollection(collection).insertMany(chunk);
    }
    String token = UUID.randomUUID().toString();
    long began = System.nanoTime();
    mongo.updateMulti(
        new Query(
            Criteria.where(CampaignFields.STATUS)
                .is(CampaignStatus.SCHEDULED.wire())
                .and(CampaignFields.SCHEDULED_TIME)
                .lte(new Date())),
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.RUNNING.wire())
            .set(CampaignFields.DISPATCH_ID, token),
        collection);
    Query claimed = new Query(Criteria.where(CampaignFields.DISPATCH_ID).is(token));
    claimed.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    int readBack = mongo.find(claimed, Document.class, collection).size();
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    mongo.dropCollection(collection);
    if (readBack != n) {
      throw new IllegalStateException("floor update claimed " + readBack + " of " + n);
    }
    return took;
  }

  private static String payload(int i) {
    // the size of a CampaignStart as the dispatcher serialises it
    return "{\"campaignId\":\"%024d\",\"dispatchId\":\"%s\",\"occurredAt\":\"%s\"}"
        .formatted(i, UUID.randomUUID(), Instant.now());
  }
}
