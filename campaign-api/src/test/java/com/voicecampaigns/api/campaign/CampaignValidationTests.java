package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every validation rule of a campaign, each with the bad input it refuses. */
class CampaignValidationTests extends ApiTestBase {

  private static final String CAMPAIGNS = "/api/v1/campaigns";

  /** A rule: how to spoil a valid request, the field reported and part of its message. */
  record Rule(
      String name, BiConsumer<Map<String, Object>, Instant> spoil, String field, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> rules() {
    return Stream.of(
            rule("empty name", (b, now) -> b.put("name", "  "), "name", "1 to 200"),
            rule("missing name", (b, now) -> b.remove("name"), "name", "1 to 200"),
            rule(
                "201-character name",
                (b, now) -> b.put("name", "x".repeat(201)),
                "name",
                "1 to 200"),
            rule("missing listId", (b, now) -> b.remove("listId"), "listId", "required"),
            rule(
                "unknown listId",
                (b, now) -> b.put("listId", new ObjectId().toHexString()),
                "listId",
                "no contact list"),
            rule(
                "malformed listId",
                (b, now) -> b.put("listId", "list-1"),
                "listId",
                "no contact list"),
            rule(
                "missing fromNumber", (b, now) -> b.remove("fromNumber"), "fromNumber", "required"),
            rule(
                "fromNumber without +",
                (b, now) -> b.put("fromNumber", "918035735659"),
                "fromNumber",
                "E.164"),
            rule(
                "fromNumber with spaces",
                (b, now) -> b.put("fromNumber", "+91 80 3573 5659"),
                "fromNumber",
                "E.164"),
            rule(
                "fromNumber too short",
                (b, now) -> b.put("fromNumber", "+12345"),
                "fromNumber",
                "E.164"),
            rule("missing wssUrl", (b, now) -> b.remove("wssUrl"), "wssUrl", "required"),
            rule(
                "https wssUrl",
                (b, now) -> b.put("wssUrl", "https://bot.example.com/socket"),
                "wssUrl",
                "wss://"),
            rule(
                "ws:// outside the local profile",
                (b, now) -> b.put("wssUrl", "ws://bot.example.com/socket"),
                "wssUrl",
                "wss://"),
            rule(
                "wssUrl without host",
                (b, now) -> b.put("wssUrl", "wss:///socket"),
                "wssUrl",
                "host"),
            rule(
                "wssUrl not a URL",
                (b, now) -> b.put("wssUrl", "wss://bot example com"),
                "wssUrl",
                "wss://"),
            rule(
                "local scheduledTime without offset",
                (b, now) -> b.put("scheduledTime", "2099-10-01T20:00:00"),
                "scheduledTime",
                "no offset"),
            rule(
                "scheduledTime as a date",
                (b, now) -> b.put("scheduledTime", "2099-10-01"),
                "scheduledTime",
                "ISO 8601"),
            rule(
                "scheduledTime in words",
                (b, now) -> b.put("scheduledTime", "tomorrow 9am"),
                "scheduledTime",
                "ISO 8601"),
            rule(
                "scheduledTime as epoch seconds",
                (b, now) -> b.put("scheduledTime", 4102444800L),
                "scheduledTime",
                "ISO 8601"),
            rule(
                "scheduledTime in the past",
                (b, now) -> b.put("scheduledTime", now.minusSeconds(1).toString()),
                "scheduledTime",
                "future"),
            rule(
                "scheduledTime now",
                (b, now) -> b.put("scheduledTime", now.toString()),
                "scheduledTime",
                "future"),
            rule(
                "scheduledTime beyond the horizon",
                (b, now) -> b.put("scheduledTime", now.plus(Duration.ofDays(366)).toString()),
                "scheduledTime",
                "365 days"),
            rule(
                "unknown window time zone",
                (b, now) -> b.put("callingWindow", window("Mars/Olympus", "09:00", "18:00")),
                "callingWindow.timezone",
                "IANA"),
            rule(
                "offset as window time zone",
                (b, now) -> b.put("callingWindow", window("+05:30", "09:00", "18:00")),
                "callingWindow.timezone",
                "IANA"),
            rule(
                "window start not HH:mm",
                (b, now) -> b.put("callingWindow", window("Asia/Kolkata", "9am", "18:00")),
                "callingWindow.start",
                "HH:mm"),
            rule(
                "window end 24:00",
                (b, now) -> b.put("callingWindow", window("Asia/Kolkata", "09:00", "24:00")),
                "callingWindow.end",
                "HH:mm"),
            rule(
                "window ending before it starts",
                (b, now) -> b.put("callingWindow", window("Asia/Kolkata", "18:00", "09:00")),
                "callingWindow",
                "before"),
            rule(
                "window on an unknown day",
                (b, now) ->
                    b.put(
                        "callingWindow",
                        Map.of(
                            "timezone",
                            "UTC",
                            "start",
                            "09:00",
                            "end",
                            "17:00",
                            "days",
                            List.of("FUNDAY"))),
                "callingWindow.days",
                "FUNDAY"),
            rule(
                "no attempts",
                (b, now) -> b.put("retryPolicy", Map.of("maxAttempts", 0)),
                "retryPolicy.maxAttempts",
                "between 1 and 10"),
            rule(
                "eleven attempts",
                (b, now) -> b.put("retryPolicy", Map.of("maxAttempts", 11)),
                "retryPolicy.maxAttempts",
                "between 1 and 10"),
            rule(
                "retry policy without attempts",
                (b, now) -> b.put("retryPolicy", Map.of("retryOn", List.of("busy"))),
                "retryPolicy.maxAttempts",
                "required"),
            rule(
                "retry on completed",
                (b, now) ->
                    b.put("retryPolicy", Map.of("maxAttempts", 2, "retryOn", List.of("completed"))),
                "retryPolicy.retryOn",
                "busy, no-answer, failed"),
            rule(
                "backoff in words",
                (b, now) -> b.put("retryPolicy", Map.of("maxAttempts", 2, "backoff", "soon")),
                "retryPolicy.backoff",
                "ISO 8601"),
            rule(
                "negative backoff",
                (b, now) -> b.put("retryPolicy", Map.of("maxAttempts", 2, "backoff", "PT-1M")),
                "retryPolicy.backoff",
                "7 days"),
            rule(
                "backoff over a week",
                (b, now) -> b.put("retryPolicy", Map.of("maxAttempts", 2, "backoff", "P8D")),
                "retryPolicy.backoff",
                "7 days"),
            rule(
                "no concurrent calls",
                (b, now) -> b.put("maxConcurrentCalls", 0),
                "maxConcurrentCalls",
                "between 1 and 1000"),
            rule(
                "too many concurrent calls",
                (b, now) -> b.put("maxConcurrentCalls", 1001),
                "maxConcurrentCalls",
                "between 1 and 1000"),
            rule(
                "concurrent calls in words",
                (b, now) -> b.put("maxConcurrentCalls", "many"),
                "maxConcurrentCalls",
                "number"),
            rule(
                "zero calls per second",
                (b, now) -> b.put("callsPerSecond", 0),
                "callsPerSecond",
                "more than 0"),
            rule(
                "negative calls per second",
                (b, now) -> b.put("callsPerSecond", -1.5),
                "callsPerSecond",
                "more than 0"),
            rule(
                "too many calls per second",
                (b, now) -> b.put("callsPerSecond", 101),
                "callsPerSecond",
                "at most 100"),
            rule(
                "endTime in words", (b, now) -> b.put("endTime", "tonight"), "endTime", "ISO 8601"),
            rule(
                "local endTime without offset",
                (b, now) -> b.put("endTime", "2099-10-01T20:00:00"),
                "endTime",
                "no offset"),
            rule(
                "endTime now, starting at once",
                (b, now) -> b.put("endTime", now.toString()),
                "endTime",
                "future"),
            rule(
                "endTime at scheduledTime",
                (b, now) -> {
                  b.put("scheduledTime", now.plusSeconds(3600).toString());
                  b.put("endTime", now.plusSeconds(3600).toString());
                },
                "endTime",
                "after scheduledTime"),
            rule(
                "endTime before scheduledTime",
                (b, now) -> {
                  b.put("scheduledTime", now.plusSeconds(3600).toString());
                  b.put("endTime", now.plusSeconds(60).toString());
                },
                "endTime",
                "after scheduledTime"),
            rule(
                "endTime beyond the horizon",
                (b, now) -> b.put("endTime", now.plus(Duration.ofDays(366)).toString()),
                "endTime",
                "365 days"),
            rule(
                "unknown machineDetection",
                (b, now) -> b.put("machineDetection", "voicemail"),
                "machineDetection",
                "off, hangup, bot"),
            rule(
                "empty machineDetection",
                (b, now) -> b.put("machineDetection", ""),
                "machineDetection",
                "off, hangup, bot"),
            rule(
                "machineDetection as a boolean",
                (b, now) -> b.put("machineDetection", true),
                "machineDetection",
                "off, hangup, bot"))
        .map(Arguments::of);
  }

  private static Rule rule(
      String name, BiConsumer<Map<String, Object>, Instant> spoil, String field, String message) {
    return new Rule(name, spoil, field, message);
  }

  private static Map<String, Object> window(String zone, String start, String end) {
    return Map.of("timezone", zone, "start", start, "end", end);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void refusesTheRequestNamingTheField(Rule rule) {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    rule.spoil().accept(body, clock.instant());

    Response response = api.post(CAMPAIGNS, token, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/validation");
    assertThat(problem.get("errors").size()).as(response.toString()).isEqualTo(1);
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(rule.field());
    assertThat(problem.get("errors").get(0).get("message").asString()).contains(rule.message());
    assertThat(mongo.getCollection("campaigns").countDocuments(new Document("clientId", tenant)))
        .isZero();
  }

  @Test
  void reportsEveryRefusedFieldAtOnce() {
    Response response =
        api.post(
            CAMPAIGNS,
            token,
            Map.of(
                "name", "", "fromNumber", "123", "wssUrl", "http://x", "scheduledTime", "later"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("name", "listId", "fromNumber", "wssUrl", "scheduledTime");
  }

  @Test
  void refusesAnotherTenantsListAsIfItDidNotExist() {
    String listId = listWith("+14155552671");
    String stranger = tokens.forTenant("other-" + UUID.randomUUID());

    Response response = api.post(CAMPAIGNS, stranger, campaignBody(listId, null));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("message").asString())
        .contains("no contact list");
  }

  @Test
  void refusesAnEmptyList() {
    Response upload =
        api.post(
            "/api/v1/contact-lists",
            token,
            Map.of("name", "all bad", "contacts", List.of(Map.of("phone", "nope"))));
    assertThat(upload.json().get("accepted").asLong()).isZero();

    Response response =
        api.post(CAMPAIGNS, token, campaignBody(upload.json().get("id").asString(), null));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("message").asString()).contains("empty");
  }

  @Test
  void acceptsAnOffsetTimeAtTheHorizonAndStoresItInUtc() {
    Instant at =
        clock
            .instant()
            .plus(Duration.ofDays(365))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String withOffset = at.atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();

    Response response =
        api.post(CAMPAIGNS, token, campaignBody(listWith("+14155552671"), withOffset));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("scheduledTime").asString()).isEqualTo(at.toString());
  }

  @Test
  void acceptsABackoffInSecondsAndAWindowForEveryDay() {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    body.put("retryPolicy", Map.of("maxAttempts", 2, "retryOn", List.of("failed"), "backoff", 600));
    body.put("callingWindow", window("UTC", "00:00", "23:59"));

    Response response = api.post(CAMPAIGNS, token, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("retryPolicy").get("backoffSeconds").asLong()).isEqualTo(600);
    assertThat(response.json().get("callingWindow").get("days").size()).isEqualTo(7);
  }

  @Test
  void storesAndAnswersTheEndTimeAndTheMachineDetection() {
    Instant start = clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> body = campaignBody(listWith("+14155552671"), start.toString());
    body.put("endTime", start.plusSeconds(7200).atOffset(ZoneOffset.ofHours(2)).toString());
    body.put("machineDetection", "HANGUP");

    Response response = api.post(CAMPAIGNS, token, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("endTime").asString())
        .isEqualTo(start.plusSeconds(7200).toString());
    assertThat(response.json().get("machineDetection").asString()).isEqualTo("hangup");
    Document stored =
        mongo.getCollection("campaigns").find(new Document("clientId", tenant)).first();
    assertThat(stored.getString("machineDetection")).isEqualTo("hangup");
    assertThat(stored.getDate("endTime").toInstant()).isEqualTo(start.plusSeconds(7200));
    Response plain = api.post(CAMPAIGNS, token, campaignBody(listWith("+14155552671"), null));
    assertThat(plain.json().get("machineDetection").asString()).isEqualTo("off");
    assertThat(plain.json().get("endTime").isNull()).isTrue();
  }

  @Test
  void aRescheduleAtOrAfterTheEndTimeIsRefusedNamingScheduledTime() {
    Instant start = clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> body = campaignBody(listWith("+14155552671"), start.toString());
    body.put("endTime", start.plusSeconds(600).toString());
    String id = api.post(CAMPAIGNS, token, body).json().get("id").asString();

    Response refused =
        api.put(
            CAMPAIGNS + "/" + id + "/schedule",
            token,
            Map.of("scheduledTime", start.plusSeconds(600).toString()));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/validation");
    assertThat(refused.json().get("errors").get(0).get("field").asString())
        .isEqualTo("scheduledTime");
    Response moved =
        api.put(
            CAMPAIGNS + "/" + id + "/schedule",
            token,
            Map.of("scheduledTime", start.plusSeconds(599).toString()));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
  }
}
