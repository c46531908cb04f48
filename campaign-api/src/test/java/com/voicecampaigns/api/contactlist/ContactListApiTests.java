package com.voicecampaigns.api.contactlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ContactListApiTests extends ApiTestBase {

  @Autowired StaleImportCleaner cleaner;

  private static final String LISTS = "/api/v1/contact-lists";

  @Test
  void importsJsonContactsReportingRejectedRowsAndDroppingDuplicates() {
    var response =
        api.post(
            LISTS,
            token,
            Map.of(
                "name",
                "  Leads  ",
                "contacts",
                List.of(
                    Map.of("phone", "+1 (415) 555-2671"),
                    Map.of("phone", "+14155552671"),
                    Map.of(
                        "phone",
                        "+91 80 3573 5659",
                        "name",
                        "Asha",
                        "timezone",
                        "Asia/Kolkata",
                        "variables",
                        Map.of("plan", "gold")),
                    Map.of("phone", "12345"),
                    Map.of("phone", "+442071838750", "timezone", "Mars/Olympus"),
                    Map.of("name", "no number"))));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode report = response.json();
    assertThat(report.get("accepted").asLong()).isEqualTo(2);
    assertThat(report.get("duplicates").asLong()).isEqualTo(1);
    assertThat(report.get("rejected").asLong()).isEqualTo(3);
    assertThat(report.get("status").asString()).isEqualTo("ready");
    assertThat(report.get("errors").get(0).get("row").asLong()).isEqualTo(4);
    assertThat(report.get("errors").get(0).get("phone").asString()).isEqualTo("12345");
    assertThat(report.get("errors").get(0).get("reason").asString()).contains("country code");
    assertThat(report.get("errors").get(1).get("row").asLong()).isEqualTo(5);
    assertThat(report.get("errors").get(1).get("reason").asString()).contains("time zone");
    assertThat(report.get("errors").get(2).get("row").asLong()).isEqualTo(6);
    assertThat(report.get("errors").get(2).get("reason").asString()).contains("empty");
    String id = report.get("id").asString();
    assertThat(response.headers().firstValue("Location")).hasValue(LISTS + "/" + id);

    JsonNode list = api.get(LISTS + "/" + id, token).json();
    assertThat(list.get("name").asString()).isEqualTo("Leads");
    assertThat(list.get("status").asString()).isEqualTo("ready");
    assertThat(list.get("contactCount").asLong()).isEqualTo(2);

    JsonNode contacts = api.get(LISTS + "/" + id + "/contacts", token).json();
    assertThat(contacts.get("totalItems").asLong()).isEqualTo(2);
    JsonNode first = contacts.get("items").get(0);
    JsonNode second = contacts.get("items").get(1);
    assertThat(first.get("phone").asString()).isEqualTo("+14155552671");
    assertThat(second.get("phone").asString()).isEqualTo("+918035735659");
    assertThat(second.get("name").asString()).isEqualTo("Asha");
    assertThat(second.get("timezone").asString()).isEqualTo("Asia/Kolkata");
    assertThat(second.get("variables").get("plan").asString()).isEqualTo("gold");
  }

  @Test
  void importsCsvWithQuotedFieldsCrlfByteOrderMarkAndBlankLines() {
    String csv =
        "\uFEFFPhone Number,Name,Timezone,plan,note\r\n"
            + "\r\n"
            + "+14155552671,\"Doe, Jane\",America/Los_Angeles,gold,\"said \"\"hi\"\"\r\nthen left\"\r\n"
            + "\r\n"
            + "+918035735659,Asha,,silver,\r\n"
            + "not-a-number,Bob,,,\r\n";

    Response response = postCsv("crm export", csv);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode report = response.json();
    assertThat(report.get("accepted").asLong()).isEqualTo(2);
    assertThat(report.get("rejected").asLong()).isEqualTo(1);
    assertThat(report.get("errors").get(0).get("row").asLong()).isEqualTo(3);
    JsonNode contacts =
        api.get(LISTS + "/" + report.get("id").asString() + "/contacts", token).json().get("items");
    assertThat(contacts.get(0).get("name").asString()).isEqualTo("Doe, Jane");
    assertThat(contacts.get(0).get("timezone").asString()).isEqualTo("America/Los_Angeles");
    assertThat(contacts.get(0).get("variables").get("plan").asString()).isEqualTo("gold");
    assertThat(contacts.get(0).get("variables").get("note").asString())
        .isEqualTo("said \"hi\"\r\nthen left");
    assertThat(contacts.get(1).get("phone").asString()).isEqualTo("+918035735659");
    assertThat(contacts.get(1).has("timezone")).isTrue();
    assertThat(contacts.get(1).get("timezone").isNull()).isTrue();
    assertThat(contacts.get(1).get("variables").properties()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"phone", "number", "phone_number", "PHONE", "Phone-Number"})
  void findsTheNumberInAnyOfThePhoneColumnNames(String header) {
    Response response = postCsv("headers", header + ",name\n+14155552671,Jane\n");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
  }

  @Test
  void importsAMultipartUpload() {
    String boundary = "----boundary" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "number,name\n+14155552671,Jane\n+442071838750,John\n"
            + "\r\n--"
            + boundary
            + "--\r\n";
    Response response =
        api.raw(
            "POST",
            LISTS,
            token,
            "multipart/form-data; boundary=" + boundary,
            BodyPublishers.ofString(body));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("name").asString()).isEqualTo("leads");
    assertThat(response.json().get("accepted").asLong()).isEqualTo(2);
  }

  @Test
  void refusesACsvWithoutAPhoneColumnAndKeepsNothing() {
    Response response = postCsv("no phone", "name,email\nJane,jane@example.com\n");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/invalid-csv");
    assertThat(response.json().get("detail").asString()).contains("phone column");
    assertThat(api.get(LISTS, token).json().get("totalItems").asLong()).isZero();
  }

  @Test
  void discardsTheWholeListWhenTheCsvBreaksHalfway() {
    StringBuilder csv = new StringBuilder("phone,name\n");
    IntStream.range(0, 120).forEach(i -> csv.append(number(i)).append(",ok\n"));
    csv.append("+14155550000,\"unterminated quote\" trailing\n");

    Response response = postCsv("broken", csv.toString());

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/invalid-csv");
    assertThat(api.get(LISTS, token).json().get("totalItems").asLong()).isZero();
    assertThat(orphanContacts()).isZero();
  }

  @Test
  void countsDuplicatesAcrossInsertBatches() {
    List<Map<String, String>> contacts = new ArrayList<>();
    IntStream.range(0, 120).forEach(i -> contacts.add(Map.of("phone", number(i % 60))));

    Response response = api.post(LISTS, token, Map.of("name", "dups", "contacts", contacts));

    assertThat(response.json().get("accepted").asLong()).isEqualTo(60);
    assertThat(response.json().get("duplicates").asLong()).isEqualTo(60);
    assertThat(
            mongo
                .getCollection("contacts")
                .countDocuments(new Document("listId", response.json().get("id").asString())))
        .isEqualTo(60);
  }

  @Test
  void reportsAtMostTheConfiguredNumberOfRejectedRowsButCountsThemAll() {
    List<Map<String, String>> contacts = new ArrayList<>();
    IntStream.range(0, 7).forEach(i -> contacts.add(Map.of("phone", "bad-" + i)));
    contacts.add(Map.of("phone", "+14155552671"));

    JsonNode report = api.post(LISTS, token, Map.of("name", "bad", "contacts", contacts)).json();

    assertThat(report.get("rejected").asLong()).isEqualTo(7);
    assertThat(report.get("errors").size()).isEqualTo(5);
    assertThat(report.get("errorsTruncated").asBoolean()).isTrue();
  }

  @Test
  void pagesTheTenantsListsNewestFirstAndTheirContacts() {
    String first = listWith("+14155552671");
    clock.advance(java.time.Duration.ofSeconds(1));
    String second = listWith("+14155552671", "+442071838750", "+918035735659");
    clock.advance(java.time.Duration.ofSeconds(1));
    String third = listWith("+442071838750");

    JsonNode page0 = api.get(LISTS + "?size=2", token).json();
    JsonNode page1 = api.get(LISTS + "?size=2&page=1", token).json();

    assertThat(page0.get("totalItems").asLong()).isEqualTo(3);
    assertThat(page0.get("totalPages").asLong()).isEqualTo(2);
    assertThat(ids(page0)).containsExactly(third, second);
    assertThat(ids(page1)).containsExactly(first);
    JsonNode contacts = api.get(LISTS + "/" + second + "/contacts?size=2&page=1", token).json();
    assertThat(contacts.get("totalItems").asLong()).isEqualTo(3);
    assertThat(contacts.get("items").get(0).get("phone").asString()).isEqualTo("+918035735659");
  }

  @Test
  void anotherTenantsListIsNotFound() {
    String listId = listWith("+14155552671");
    String stranger = tokens.forTenant("someone-else-" + UUID.randomUUID());

    assertThat(api.get(LISTS + "/" + listId, stranger).status()).isEqualTo(404);
    assertThat(api.get(LISTS + "/" + listId + "/contacts", stranger).status()).isEqualTo(404);
    assertThat(api.delete(LISTS + "/" + listId, stranger).status()).isEqualTo(404);
    assertThat(api.get(LISTS, stranger).json().get("totalItems").asLong()).isZero();
    assertThat(api.get(LISTS + "/" + listId, tokens.admin()).status()).isEqualTo(200);
  }

  @Test
  void refusesToDeleteAListThatAnUnfinishedCampaignUsesThenDeletesItWithItsContacts() {
    String listId = listWith("+14155552671", "+442071838750");
    String campaignId =
        (String) api.post("/api/v1/campaigns", token, campaignBody(listId, null)).map().get("id");

    Response refused = api.delete(LISTS + "/" + listId, token);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/list-in-use");
    assertThat(refused.json().get("campaignIds").get(0).asString()).isEqualTo(campaignId);
    assertThat(api.get(LISTS + "/" + listId, token).json().get("status").asString())
        .isEqualTo("ready");

    assertThat(api.post("/api/v1/campaigns/" + campaignId + "/cancel", token, Map.of()).status())
        .isEqualTo(200);
    assertThat(api.delete(LISTS + "/" + listId, token).status()).isEqualTo(204);
    assertThat(api.get(LISTS + "/" + listId, token).status()).isEqualTo(404);
    assertThat(mongo.getCollection("contacts").countDocuments(new Document("listId", listId)))
        .isZero();
  }

  @Test
  void aListBeingImportedCannotBeDeletedOrUsed() {
    String listId = new org.bson.types.ObjectId().toHexString();
    mongo
        .getCollection("contactLists")
        .insertOne(
            new Document("_id", new org.bson.types.ObjectId(listId))
                .append("clientId", tenant)
                .append("name", "in progress")
                .append("status", "importing")
                .append("contactCount", 0L));

    Response delete = api.delete(LISTS + "/" + listId, token);
    Response campaign = api.post("/api/v1/campaigns", token, campaignBody(listId, null));

    assertThat(delete.status()).isEqualTo(409);
    assertThat(campaign.status()).isEqualTo(400);
    assertThat(campaign.json().get("errors").get(0).get("field").asString()).isEqualTo("listId");
    assertThat(campaign.json().get("errors").get(0).get("message").asString())
        .contains("importing");
  }

  @Test
  void refusesAJsonListWithoutNameOrContacts() {
    Response response = api.post(LISTS, token, Map.of("name", "", "contacts", List.of()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/validation");
    assertThat(response.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("name", "contacts");
  }

  @Test
  void removesTheRemainsOfAnImportThatStoppedButNotOneThatProgresses() {
    ObjectId stale = importingList(clock.instant(), "+14155552671", "+442071838750");
    clock.advance(Duration.ofMinutes(16));
    ObjectId progressing =
        importingList(clock.instant().minus(Duration.ofMinutes(1)), "+14155552671");

    assertThat(cleaner.removeStaleImports()).isGreaterThanOrEqualTo(1);

    assertThat(mongo.getCollection("contactLists").countDocuments(new Document("_id", stale)))
        .isZero();
    assertThat(
            mongo
                .getCollection("contacts")
                .countDocuments(new Document("listId", stale.toHexString())))
        .isZero();
    assertThat(mongo.getCollection("contactLists").countDocuments(new Document("_id", progressing)))
        .isEqualTo(1);
    assertThat(
            mongo
                .getCollection("contacts")
                .countDocuments(new Document("listId", progressing.toHexString())))
        .isEqualTo(1);
  }

  @Test
  void aDeletionRacingACampaignNeverLeavesAStartableCampaignWithoutItsList() throws Exception {
    for (int round = 0; round < 8; round++) {
      String listId = listWith("+14155552671");
      var start = new CountDownLatch(1);
      CompletableFuture<Response> create =
          CompletableFuture.supplyAsync(
              () -> {
                awaitQuietly(start);
                return api.post("/api/v1/campaigns", token, campaignBody(listId, null));
              });
      CompletableFuture<Response> delete =
          CompletableFuture.supplyAsync(
              () -> {
                awaitQuietly(start);
                return api.delete(LISTS + "/" + listId, token);
              });
      start.countDown();
      int created = create.get().status();
      int deleted = delete.get().status();

      boolean listExists = api.get(LISTS + "/" + listId, token).status() == 200;
      long startable =
          mongo
              .getCollection("campaigns")
              .countDocuments(
                  new Document("listId", listId)
                      .append(
                          "status",
                          new Document("$in", List.of("scheduled", "running", "paused"))));
      assertThat(listExists || startable == 0)
          .as(
              "round %d: create %d, delete %d, list exists %s, startable campaigns %d",
              round, created, deleted, listExists, startable)
          .isTrue();
      assertThat(deleted == 204).isEqualTo(!listExists);
      assertThat(created == 201 && deleted == 204)
          .as("round %d: both cannot succeed", round)
          .isFalse();
    }
  }

  private ObjectId importingList(java.time.Instant updatedAt, String... phones) {
    ObjectId id = new ObjectId();
    mongo
        .getCollection("contactLists")
        .insertOne(
            new Document("_id", id)
                .append("clientId", tenant)
                .append("name", "interrupted")
                .append("status", "importing")
                .append("contactCount", 0L)
                .append("updatedAt", java.util.Date.from(updatedAt)));
    for (String phone : phones) {
      mongo
          .getCollection("contacts")
          .insertOne(new Document("listId", id.toHexString()).append("phone", phone));
    }
    return id;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Response postCsv(String name, String csv) {
    return api.raw(
        "POST",
        LISTS + "?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8),
        token,
        "text/csv",
        BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
  }

  private static String number(int i) {
    return String.format("+1415555%04d", 1000 + i);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private long orphanContacts() {
    List<String> lists = new ArrayList<>();
    mongo
        .getCollection("contactLists")
        .find()
        .forEach(list -> lists.add(list.getObjectId("_id").toHexString()));
    return mongo
        .getCollection("contacts")
        .countDocuments(new Document("listId", new Document("$nin", lists)));
  }
}
