package com.voicecampaigns.testsupport.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mongodb.health.MongoHealthIndicator;

class HelloMemoryBackendTests {

  @Test
  void springBootsMongoHealthIndicatorReportsUpWithEveryDatabase() {
    withServer(
        HelloMemoryBackend::new,
        client -> {
          client
              .getDatabase("voice_campaigns")
              .getCollection("campaigns")
              .insertOne(new Document());

          Health health = new MongoHealthIndicator(client).health(true);

          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails().get("databases"))
              .asList()
              .containsExactly("voice_campaigns");
          assertThat(health.getDetails()).containsKey("maxWireVersion");
        });
  }

  @Test
  void helloAnswersLikeIsMasterWithIsWritablePrimary() {
    withServer(
        HelloMemoryBackend::new,
        client -> {
          Document hello = client.getDatabase("any").runCommand(new Document("hello", 1));
          Document isMaster = client.getDatabase("any").runCommand(new Document("isMaster", 1));

          assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
          assertThat(hello).doesNotContainKey("ismaster");
          assertThat(hello.getInteger("maxWireVersion"))
              .isEqualTo(isMaster.getInteger("maxWireVersion"));
          assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
        });
  }

  /**
   * Why the subclass exists: once a database exists, the indicator runs {@code hello} on it. When a
   * mongo-java-server release answers {@code hello} itself, this fails, and {@link
   * HelloMemoryBackend} can go.
   */
  @Test
  void plainMongoJavaServerLacksHelloSoTheHealthIndicatorSaysDownOnceADatabaseExists() {
    withServer(
        MemoryBackend::new,
        client -> {
          client
              .getDatabase("voice_campaigns")
              .getCollection("campaigns")
              .insertOne(new Document());

          Health health = new MongoHealthIndicator(client).health(true);

          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails().get("error")).asString().contains("hello");
        });
  }

  private static void withServer(
      Supplier<MongoBackend> backend, java.util.function.Consumer<MongoClient> test) {
    MongoServer server = new MongoServer(backend.get());
    try {
      var address = server.bind();
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
        test.accept(client);
      }
    } finally {
      server.shutdownNow();
    }
  }
}
