package com.voicecampaigns.testsupport;

import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.mongo.MongoBackends;
import com.voicecampaigns.testsupport.pubsub.PubSubBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubBackends;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one entry point of a test that needs Pub/Sub and MongoDB. In a Spring test:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *   TestInfrastructure.register(registry, MyTests.class);
 * }
 * }</pre>
 *
 * Tests that start several applications themselves use {@link #properties(String)}.
 */
public final class TestInfrastructure {

  private TestInfrastructure() {}

  /** Registers the Pub/Sub emulator and a fresh MongoDB database for {@code testClass}. */
  public static void register(DynamicPropertyRegistry registry, Class<?> testClass) {
    properties(MongoBackend.freshDatabaseName(testClass))
        .forEach((k, v) -> registry.add(k, () -> v));
  }

  /** Spring properties that point an application at the shared backends and {@code database}. */
  public static Map<String, String> properties(String database) {
    PubSubBackend pubsub = PubSubBackends.shared();
    MongoBackend mongo = MongoBackends.shared();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.cloud.gcp.pubsub.emulator-host", pubsub.emulatorHost());
    properties.put("spring.cloud.gcp.project-id", pubsub.projectId());
    properties.put("spring.cloud.gcp.core.enabled", "true");
    properties.put("spring.mongodb.uri", mongo.connectionString());
    properties.put("spring.mongodb.database", database);
    return properties;
  }

  public static PubSubBackend pubsub() {
    return PubSubBackends.shared();
  }

  public static MongoBackend mongo() {
    return MongoBackends.shared();
  }
}
