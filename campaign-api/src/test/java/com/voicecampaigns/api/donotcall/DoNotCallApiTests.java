package com.voicecampaigns.api.donotcall;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.store.suppression.DoNotCallStore;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The do-not-call routes over HTTP: numbers added, listed, looked up and removed per tenant. */
class DoNotCallApiTests extends ApiTestBase {

  private static final String DNC = "/api/v1/do-not-call";
  private static final String PROBLEMS = "https://voice-campaigns.dev/problems/";

  @Autowired DoNotCallStore store;

  @Test
  void addsNormalisedNumbersOnceListsThemAndTakesThemOff() {
    Response added =
        api.post(
            DNC,
            token,
            Map.of("numbers", List.of("+1 (415) 555-2671", "+14155552671", "+442071838750")));

    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    assertThat(added.json().get("added").asLong()).isEqualTo(2);
    assertThat(added.json().get("duplicates").asLong()).isEqualTo(1);
    Response again = api.post(DNC, token, Map.of("numbers", List.of("+442071838750")));
    assertThat(again.json().get("duplicates").asLong()).isEqualTo(1);
    JsonNode page = api.get(DNC + "?size=1", token).json();
    assertThat(page.get("totalItems").asLong()).isEqualTo(2);
    assertThat(page.get("items").get(0).get("phone").asString()).isEqualTo("+14155552671");
    assertThat(page.get("items").get(0).get("source").asString()).isEqualTo("api");
    assertThat(page.get("items").get(0).get("createdBy").asString()).isEqualTo("user-" + tenant);
    assertThat(store.isSuppressed(tenant, "+14155552671")).isTrue();
    assertThat(api.get(DNC + "/%2B14155552671", token).status()).isEqualTo(200);

    Response removed = api.delete(DNC + "/+14155552671", token);

    assertThat(removed.status()).isEqualTo(204);
    assertThat(store.isSuppressed(tenant, "+14155552671")).isFalse();
    Response gone = api.delete(DNC + "/+14155552671", token);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("type").asString()).isEqualTo(PROBLEMS + "not-found");
    assertThat(api.get(DNC + "/+14155552671", token).status()).isEqualTo(404);
  }

  @Test
  void aTenantSeesAndSuppressesOnlyItsOwnNumbers() {
    api.post(DNC, token, Map.of("numbers", List.of("+14155552671")));
    String other = "other-" + UUID.randomUUID();
    String otherToken = tokens.forTenant(other);

    assertThat(api.get(DNC, otherToken).json().get("totalItems").asLong()).isZero();
    assertThat(api.get(DNC + "/+14155552671", otherToken).status()).isEqualTo(404);
    assertThat(api.delete(DNC + "/+14155552671", otherToken).status()).isEqualTo(404);
    assertThat(store.isSuppressed(other, "+14155552671")).isFalse();
    assertThat(store.isSuppressed(tenant, "+14155552671")).isTrue();
    assertThat(api.get(DNC, null).status()).isEqualTo(401);
  }

  @Test
  void aJsonRequestWithOneBadNumberIsRefusedWholeNamingIt() {
    Response refused =
        api.post(DNC, token, Map.of("numbers", List.of("+14155552671", "call me", "+1")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "validation");
    assertThat(refused.json().get("errors").findValuesAsString("field"))
        .containsExactly("numbers[1]", "numbers[2]");
    assertThat(stored()).isZero();
  }

  @Test
  void refusesAnEmptyRequestAWrongShapeAndABadNumberInThePath() {
    for (Object body : List.of(Map.of(), Map.of("numbers", List.of()))) {
      Response refused = api.post(DNC, token, body);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "validation");
      assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("numbers");
    }
    Response wrongShape = api.post(DNC, token, Map.of("numbers", "+14155552671"));
    assertThat(wrongShape.status()).isEqualTo(400);
    assertThat(wrongShape.json().get("type").asString()).isEqualTo(PROBLEMS + "validation");
    assertThat(wrongShape.json().get("errors").get(0).get("field").asString()).isEqualTo("numbers");
    Response badPath = api.delete(DNC + "/not-a-number", token);
    assertThat(badPath.status()).isEqualTo(400);
    assertThat(badPath.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
    assertThat(stored()).isZero();
  }

  @Test
  void importsACsvReportingTheRowsItRefused() {
    String csv = "phone,name\n+14155552671,Ada\nnope,Bob\n+442071838750,\n+1 415 555 2671,again\n";

    Response imported = csv(csv);

    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(imported.json().get("added").asLong()).isEqualTo(2);
    assertThat(imported.json().get("duplicates").asLong()).isEqualTo(1);
    assertThat(imported.json().get("rejected").asLong()).isEqualTo(1);
    assertThat(imported.json().get("errors").get(0).get("row").asLong()).isEqualTo(2);
    assertThat(imported.json().get("errors").get(0).get("phone").asString()).isEqualTo("nope");
    assertThat(store.find(tenant, "+442071838750").orElseThrow().source()).isEqualTo("csv");
  }

  @Test
  void aCsvThatBreaksAfterSeveralBatchesAddsNothing() {
    // the test context writes 50 numbers per batch: 120 rows are stored before the bad one
    api.post(DNC, token, Map.of("numbers", List.of(number(3))));
    StringBuilder csv = new StringBuilder("phone\n");
    for (int i = 0; i < 120; i++) {
      csv.append(number(i)).append('\n');
    }
    csv.append('"').append("x".repeat(5000)).append("\"\n");

    Response refused = csv(csv.toString());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "csv-limit-exceeded");
    assertThat(stored()).as("only the number added before").isEqualTo(1);
    assertThat(store.isSuppressed(tenant, number(3))).isTrue();
  }

  @Test
  void aCsvWithoutAPhoneColumnIsRefused() {
    Response refused = csv("name\nAda\n");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "invalid-csv");
    assertThat(csv("phone\n").json().get("errors").get(0).get("field").asString())
        .isEqualTo("numbers");
    assertThat(stored()).isZero();
  }

  @Test
  void importsAnUploadedFile() {
    String boundary = "----dnc" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dnc.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "number\n+14155552671\n"
            + "\r\n--"
            + boundary
            + "--\r\n";

    Response imported =
        api.raw(
            "POST",
            DNC,
            token,
            "multipart/form-data; boundary=" + boundary,
            BodyPublishers.ofString(body, StandardCharsets.UTF_8));

    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(imported.json().get("added").asLong()).isEqualTo(1);
    assertThat(store.isSuppressed(tenant, "+14155552671")).isTrue();
  }

  private Response csv(String csv) {
    return api.raw("POST", DNC, token, "text/csv", BodyPublishers.ofString(csv));
  }

  private long stored() {
    return mongo.getCollection("doNotCall").countDocuments(new Document("clientId", tenant));
  }

  private static String number(int i) {
    return String.format("+1415555%04d", 1000 + i);
  }
}
