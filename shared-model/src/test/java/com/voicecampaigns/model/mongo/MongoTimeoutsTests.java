package com.voicecampaigns.model.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MongoTimeoutsTests {

  private final MongoTimeouts timeouts =
      new MongoTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10));

  @Test
  void setsTheThreeTimeoutsWhereTheConnectionStringNamesNone() {
    MongoClientSettings settings = apply("mongodb://db:27017/app");

    assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(5000);
    assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(15000);
    assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(10000);
  }

  @Test
  void leavesTheTimeoutsThatTheConnectionStringSets() {
    MongoClientSettings settings =
        apply("mongodb://db:27017/app?socketTimeoutMS=60000&serverSelectionTimeoutMS=3000");

    assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(5000);
    assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(60000);
    assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(3000);
  }

  @Test
  void refusesZeroWhichWouldWaitForever() {
    assertThatThrownBy(
            () -> new MongoTimeouts(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("socket-timeout");
  }

  /** As Spring Boot does: the connection string first, then the customizers. */
  private MongoClientSettings apply(String uri) {
    ConnectionString connection = new ConnectionString(uri);
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder().applyConnectionString(connection);
    timeouts.applyTo(builder, connection);
    return builder.build();
  }
}
