package com.voicecampaigns.api.contactlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bounds on CSV fields, lines and columns and on contact variables, over HTTP. */
class ContactLimitsTests extends ApiTestBase {

  private static final String LISTS = "/api/v1/contact-lists";
  private static final long MB = 1024 * 1024;

  /**
   * The cell is 1.5 MB here, 23 times the test's upload limit: the 500 MB one is read in {@link
   * CsvContactsTests}, without HTTP. Over HTTP the server answers after reading the cell's start,
   * and the container discards only up to 2 MB of an unread body before it resets the connection,
   * which a client still sending may see before the answer.
   */
  @Test
  void aHugeQuotedCellAnswers400WithItsRowAndKeepsNothing() {
    StringBuilder rows = new StringBuilder("phone,name,note\n");
    // more rows than the reader buffers ahead, so several insert batches are written first
    IntStream.range(0, 800).forEach(i -> rows.append(number(i)).append(",Contact,ok\n"));
    var body = new CsvContactsTests.HugeCell(rows.toString(), 3 * MB / 2);
    long contactsBefore = mongo.getCollection("contacts").countDocuments();

    Response response =
        api.raw(
            "POST",
            LISTS + "?name=huge",
            token,
            "text/csv",
            BodyPublishers.ofInputStream(() -> body));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/csv-limit-exceeded");
    assertThat(problem.get("row").asLong()).isEqualTo(801);
    assertThat(problem.get("line").asLong()).isEqualTo(802);
    assertThat(problem.get("limit").asString()).isEqualTo("maxFieldLength");
    assertThat(problem.get("detail").asString())
        .isEqualTo("row 801 (line 802): a field is longer than 4096 characters");
    assertThat(api.get(LISTS, token).json().get("totalItems").asLong()).isZero();
    assertThat(mongo.getCollection("contacts").countDocuments()).isEqualTo(contactsBefore);
  }

  @Test
  void aNullVariableAnswers400NamingTheRowAndFieldAndKeepsNothing() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("plan", null);
    List<Map<String, Object>> contacts =
        List.of(
            Map.of("phone", "+14155552671", "variables", Map.of("plan", "gold")),
            Map.of("phone", "+14155552672", "variables", withNull));

    Response response = api.post(LISTS, token, Map.of("name", "nulls", "contacts", contacts));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/validation");
    assertThat(problem.get("errors").get(0).get("field").asString())
        .isEqualTo("contacts[1].variables.plan");
    assertThat(problem.get("errors").get(0).get("message").asString())
        .isEqualTo("must be a string, not null (row 2)");
    assertThat(api.get(LISTS, token).json().get("totalItems").asLong()).isZero();
  }

  @Test
  void rejectsRowsWithTooManyTooLongOrBadlyNamedVariables() {
    Map<String, String> many = new LinkedHashMap<>();
    IntStream.range(0, 51).forEach(i -> many.put("v" + i, "x"));
    List<Map<String, Object>> contacts =
        List.of(
            Map.of("phone", number(1), "variables", many),
            Map.of("phone", number(2), "variables", Map.of("k".repeat(65), "x")),
            Map.of("phone", number(3), "variables", Map.of("plan", "x".repeat(1025))),
            Map.of("phone", number(4), "variables", Map.of("$where", "1")),
            Map.of("phone", number(5), "variables", Map.of("plan", "x".repeat(1024))));

    Response response = api.post(LISTS, token, Map.of("name", "vars", "contacts", contacts));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode report = response.json();
    assertThat(report.get("accepted").asLong()).isEqualTo(1);
    assertThat(reasons(report))
        .containsExactly(
            "1: has 51 variables, at most 50",
            "2: variable name '" + "k".repeat(64) + "…' is longer than 64 characters",
            "3: variable 'plan' is longer than 1024 characters",
            "4: variable name '$where' may not be empty, contain '.' or start with '$'");
  }

  @Test
  void appliesTheSameVariableLimitsToCsvColumns() {
    StringBuilder header = new StringBuilder("phone");
    IntStream.range(0, 51).forEach(i -> header.append(",v").append(i));
    Response tooMany = postCsv(header + "\n" + number(1) + "\n");
    Response longName = postCsv("phone," + "n".repeat(65) + "\n" + number(1) + ",x\n");
    Response longValue =
        postCsv("phone,plan\n" + number(1) + "," + "x".repeat(1025) + "\n" + number(2) + ",ok\n");

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("detail").asString())
        .isEqualTo("the header has 51 variable columns; a contact may have at most 50");
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/invalid-csv");
    assertThat(longValue.status()).as(longValue.toString()).isEqualTo(201);
    assertThat(reasons(longValue.json()))
        .containsExactly("1: variable 'plan' is longer than 1024 characters");
    assertThat(longValue.json().get("accepted").asLong()).isEqualTo(1);
  }

  @Test
  void aCsvWithMoreColumnsThanAllowedAnswers400AndKeepsNothing() {
    StringBuilder csv = new StringBuilder("phone,plan\n");
    IntStream.range(0, 120).forEach(i -> csv.append(number(i)).append(",gold\n"));
    csv.append(number(500)).append(",a").append(",b".repeat(70)).append("\n");

    Response response = postCsv(csv.toString());

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/csv-limit-exceeded");
    assertThat(response.json().get("row").asLong()).isEqualTo(121);
    assertThat(response.json().get("limit").asString()).isEqualTo("maxColumns");
    assertThat(api.get(LISTS, token).json().get("totalItems").asLong()).isZero();
  }

  private static List<String> reasons(JsonNode report) {
    List<String> reasons = new ArrayList<>();
    report
        .get("errors")
        .forEach(e -> reasons.add(e.get("row").asLong() + ": " + e.get("reason").asString()));
    return reasons;
  }

  private Response postCsv(String csv) {
    return api.raw(
        "POST",
        LISTS + "?name=limits",
        token,
        "text/csv",
        BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
  }

  private static String number(int i) {
    return String.format("+1415555%04d", 1000 + i);
  }
}
