package com.voicecampaigns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.testsupport.MutableClock;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every integration test class of the module (same configuration, so
 * Spring caches it): the real API on a random port, the Pub/Sub emulator, a MongoDB database. Test
 * classes isolate themselves by tenant: each test works in a tenant of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "api.security.hmac-secret=" + Tokens.SECRET,
      "api.security.audiences=" + Tokens.AUDIENCE,
      "api.contact-lists.import-batch-size=50",
      "api.contact-lists.max-reported-errors=5",
      "api.uploads.max-json-body-size=64KB",
      "api.uploads.max-csv-upload-size=64KB",
      "api.uploads.max-concurrent-uploads=2",
      "api.cors.allowed-origins=https://ui.example.com",
      // webhooks: the tests' receivers listen on 127.0.0.1; the clock stands still
      "api.webhooks.allow-private-targets=true",
      "api.webhooks.allow-http=true",
      "api.webhooks.poll-interval=200ms",
      "api.webhooks.sweep-lag=0s",
      "api.progress-streams.max-streams=300",
      "api.progress-streams.poll-interval=100ms",
      "api.progress-streams.heartbeat-interval=500ms"
    })
@Import({TestClockConfig.class, MongoCommandGate.Config.class})
public abstract class ApiTestBase {

  public static final String FROM = "+918035735659";
  public static final String WSS = "wss://bot.example.com/socket";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, ApiTestBase.class);
  }

  /**
   * A fresh subscription to {@code topic}. Open it right before the action that publishes and close
   * it after: the Pub/Sub client restarts a subscriber stream that stayed idle for about a minute
   * against the emulator (which sends no heartbeats), and messages sent to the dropped stream only
   * come back after the ack deadline.
   */
  protected static PubSubTopicProbe watch(String topic) {
    return PubSubTopicProbe.watch(topic);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired protected MutableClock clock;
  @Autowired protected MongoTemplate mongo;

  protected ApiClient api;
  protected Tokens tokens;
  protected String tenant;
  protected String token;

  @BeforeEach
  void newTenant() {
    api = new ApiClient(port);
    tokens = new Tokens(clock);
    tenant = "tenant-" + UUID.randomUUID();
    token = tokens.forTenant(tenant);
  }

  /** A ready list of the current tenant with {@code numbers}; answers its id. */
  protected String listWith(String... numbers) {
    var response =
        api.post(
            "/api/v1/contact-lists",
            token,
            Map.of(
                "name",
                "list",
                "contacts",
                List.of(numbers).stream().map(n -> Map.of("phone", n)).toList()));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return (String) response.map().get("id");
  }

  protected Map<String, Object> campaignBody(String listId, String scheduledTime) {
    var body =
        new java.util.LinkedHashMap<String, Object>(
            Map.of(
                "name", "Morning Outreach", "listId", listId, "fromNumber", FROM, "wssUrl", WSS));
    if (scheduledTime != null) {
      body.put("scheduledTime", scheduledTime);
    }
    return body;
  }

  /** A scheduled campaign of the current tenant, due in an hour; answers its id. */
  protected String scheduledCampaign() {
    String listId = listWith("+14155552671", "+442071838750");
    var response =
        api.post(
            "/api/v1/campaigns",
            token,
            campaignBody(listId, clock.instant().plusSeconds(3600).toString()));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return (String) response.map().get("id");
  }

  /** Sets the campaign's status directly, as the dispatcher or a worker would. */
  protected void setStatus(String campaignId, String status) {
    mongo
        .getCollection("campaigns")
        .updateOne(
            new Document("_id", new org.bson.types.ObjectId(campaignId)),
            new Document("$set", new Document("status", status)));
  }

  protected Clock clock() {
    return clock;
  }
}
