package com.voicecampaigns.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.voicecampaigns.api.CampaignApiApplication;
import com.voicecampaigns.testsupport.MutableClock;
import com.voicecampaigns.testsupport.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real campaign-api in this JVM (its own MongoDB database, the Pub/Sub emulator) and, on the
 * same MongoDB server, a database of the old service that each test fills with its fixtures. Each
 * test has tenants and a seed database of its own.
 */
@SpringBootTest(
    classes = {CampaignApiApplication.class, CutoverTestBase.ClockConfig.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "api.security.hmac-secret=" + CutoverTestBase.SECRET,
      "api.security.audiences=" + CutoverTestBase.AUDIENCE
    })
abstract class CutoverTestBase {

  static final String SECRET = "seed-cutover-tests-hs256-shared-secret-0123456789";
  static final String AUDIENCE = "seed-cutover-tests";
  static final String FROM = "+918035735659";
  static final String WSS = "wss://bot.example.com/socket";

  @TestConfiguration(proxyBeanMethods = false)
  static class ClockConfig {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock();
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, CutoverTestBase.class);
  }

  private static final JsonMapper JSON = JsonMapper.shared();
  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Autowired MutableClock clock;

  MongoClient client;
  MongoDatabase seed;
  String seedUri;
  String acme;
  String globex;

  @BeforeEach
  void freshSeedAndTenants() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    acme = "acme-" + suffix;
    globex = "globex-" + suffix;
    String uri = TestInfrastructure.mongo().connectionString();
    client = MongoClients.create(uri);
    seed = client.getDatabase("seed_" + suffix);
    seedUri = uri;
  }

  @AfterEach
  void closeSeed() {
    seed.drop();
    client.close();
  }

  /** The command's output and exit code. */
  record Run(int exit, String out, String err) {
    /** Each document's outcome label, by the document's id, from the report's lines. */
    Map<String, String> outcomes() {
      Map<String, String> outcomes = new LinkedHashMap<>();
      for (String line : out.lines().toList()) {
        if (line.startsWith("  ") && !line.startsWith("  warning:") && line.length() > 15) {
          String rest = line.substring(15);
          outcomes.put(rest.substring(0, rest.indexOf("  ")), line.substring(2, 14).strip());
        }
      }
      return outcomes;
    }

    /** The report's line about document {@code id}. */
    String line(String id) {
      return out.lines()
          .filter(l -> l.length() > 15 && l.substring(15).startsWith(id + "  "))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no line about " + id + " in:\n" + out));
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n" + out + err;
    }
  }

  /** Runs {@code bin/seed-cutover} against the seed database and the API, with {@code args}. */
  Run cutover(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    List<String> all =
        new ArrayList<>(List.of("--from-uri", seedUri, "--database", seed.getName()));
    all.addAll(List.of("--api", "http://127.0.0.1:" + port));
    all.addAll(List.of(args));
    int exit =
        SeedCutover.execute(
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all.toArray(String[]::new));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The mapping options of the fixtures' contacts. */
  static String[] contactMapping() {
    return new String[] {
      "--contacts-collection", "contacts",
      "--phone-field", "mobile",
      "--name-field", "profile.first",
      "--variables", "plan,city=address.city"
    };
  }

  static String[] with(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }

  String tokenOf(String tenant) {
    var claims =
        new JWTClaimsSet.Builder()
            .subject("ops-" + tenant)
            .audience(AUDIENCE)
            .claim("clientId", tenant)
            .issueTime(Date.from(clock.instant()))
            .expirationTime(Date.from(clock.instant().plus(Duration.ofDays(2))))
            .build();
    try {
      var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A seed campaign document as the old service wrote it. */
  Document seedCampaign(Object id, String tenant, String status, Object listId) {
    return new Document("_id", id)
        .append("campaignName", "Campaign " + id)
        .append("listId", listId)
        .append("fromNumber", FROM)
        .append("wssUrl", WSS)
        .append("clientId", tenant)
        .append("status", status)
        .append("scheduledTime", null)
        .append("scheduledBy", "seed-user")
        .append("heartbeat", null)
        .append("containerId", null);
  }

  void insertCampaigns(Document... documents) {
    seed.getCollection("plivoCampaign").insertMany(List.of(documents));
  }

  Document contact(Object listId, String mobile, String name, String plan, String city) {
    return new Document("listId", listId)
        .append("mobile", mobile)
        .append("profile", new Document("first", name))
        .append("plan", plan)
        .append("address", new Document("city", city));
  }

  void insertContacts(Document... documents) {
    seed.getCollection("contacts").insertMany(List.of(documents));
  }

  /** Every document of every collection of the seed database, to compare before and after. */
  Map<String, List<Document>> seedSnapshot() {
    Map<String, List<Document>> snapshot = new LinkedHashMap<>();
    for (String name : seed.listCollectionNames()) {
      snapshot.put(name, seed.getCollection(name).find().into(new ArrayList<>()));
    }
    return snapshot;
  }

  /** {@code GET path} with the tenant's token; asserts 200. */
  JsonNode get(String tenant, String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Authorization", "Bearer " + tokenOf(tenant))
              .GET()
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The tenant's campaigns here, by {@code imported.source}. */
  Map<String, JsonNode> importedCampaigns(String tenant) {
    Map<String, JsonNode> bySource = new LinkedHashMap<>();
    JsonNode page = get(tenant, "/api/v1/campaigns?size=200");
    assertThat(page.path("totalPages").asLong()).isLessThanOrEqualTo(1);
    for (JsonNode campaign : page.path("items")) {
      bySource.put(campaign.path("imported").path("source").asString(), campaign);
    }
    return bySource;
  }

  List<JsonNode> lists(String tenant) {
    List<JsonNode> lists = new ArrayList<>();
    get(tenant, "/api/v1/contact-lists?size=200").path("items").forEach(lists::add);
    return lists;
  }

  static String source(Object seedId) {
    return "seed:plivoCampaign/" + seedId;
  }
}
