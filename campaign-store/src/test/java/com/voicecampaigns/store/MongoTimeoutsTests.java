package com.voicecampaigns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class MongoTimeoutsTests {

  private final MongoTimeouts timeouts =
      new MongoTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10));

  @Test
  void setsTheThreeTimeoutsWhereTheConnectionStringNamesNone() {
    MongoClientSettings settings = apply(timeouts, "mongodb://db:27017/app");

    assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(5000);
    assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(15000);
    assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(10000);
  }

  @Test
  void leavesTheTimeoutsThatTheConnectionStringSets() {
    MongoClientSettings settings =
        apply(
            timeouts, "mongodb://db:27017/app?socketTimeoutMS=60000&serverSelectionTimeoutMS=3000");

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
        .hasMessageContaining("mongodb.socket-timeout");
  }

  @Test
  void defaultsWithoutConfiguration() {
    assertThat(bind(Map.of())).isEqualTo(timeouts);
  }

  @Test
  void readsTheDocumentedEnvironmentVariables() {
    MongoTimeouts bound =
        bind(
            Map.of(
                "MONGODB_CONNECT_TIMEOUT", "2s",
                "MONGODB_SOCKET_TIMEOUT", "1m",
                "MONGODB_SERVER_SELECTION_TIMEOUT", "750ms"));

    assertThat(bound)
        .isEqualTo(
            new MongoTimeouts(
                Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(750)));
  }

  /** As Spring Boot binds the properties the store's auto-configuration enables. */
  private static MongoTimeouts bind(Map<String, Object> environmentVariables) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
    ConfigurationPropertySources.attach(environment);
    return Binder.get(environment).bindOrCreate("mongodb", MongoTimeouts.class);
  }

  /** As Spring Boot does: the connection string first, then the customizers. */
  private static MongoClientSettings apply(MongoTimeouts timeouts, String uri) {
    ConnectionString connection = new ConnectionString(uri);
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder().applyConnectionString(connection);
    timeouts.applyTo(builder, connection);
    return builder.build();
  }
}
