package com.voicecampaigns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.test.context.TestContextManager;

/**
 * Generated hostile requests to every route family of the API: wrong types, huge values, deep
 * nesting, odd Unicode, {@code $}-prefixed keys, odd headers and query strings. No request may get
 * a 5xx, and a request that is refused (4xx), or only reads, may not change stored data: the
 * tenant's documents and every collection's size are compared before and after each one.
 *
 * <p>A jqwik test (its own JUnit Platform engine) on the same Spring context as the Jupiter tests,
 * shared through Spring's context cache. Tries per route family: {@code jqwik.tries.default} in
 * {@code junit-platform.properties}; a longer run: {@code -Djqwik.tries.default=20000}. The report
 * counts each status; 0 counts generated requests the HTTP client would not send.
 */
class ApiFuzzTests extends ApiTestBase {

  private static TestContextManager contexts;
  private static final Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();

  /** A path's {@code {id}} placeholder, resolved against this run's fixtures when sent. */
  enum Id {
    LIST,
    SCHEDULED,
    RUNNING,
    PAUSED,
    CANCELLED,
    CALL,
    OTHER_OBJECT_ID,
    GARBAGE
  }

  /** One generated request; {@code path} may hold {@code {id}}. */
  record FuzzRequest(
      String method,
      String path,
      Id id,
      String garbageId,
      String query,
      String contentType,
      Map<String, String> headers,
      Auth auth,
      byte[] body) {

    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + path.replace("{id}", id == Id.GARBAGE ? "<" + garbageId + ">" : id.name())
          + (query.length() > 300 ? query.substring(0, 300) + "…(" + query.length() + ")" : query)
          + " ["
          + contentType
          + ", "
          + auth
          + ", "
          + headers
          + "] "
          + (text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text);
    }
  }

  enum Auth {
    TENANT,
    NONE,
    GARBAGE,
    OTHER_TENANT,
    ADMIN
  }

  private static final List<String> COLLECTIONS =
      List.of("campaigns", "contactLists", "contacts", "calls", "idempotencyKeys");

  private final Map<Id, String> ids = new LinkedHashMap<>();
  private boolean accepted = true;

  @BeforeContainer
  static void sharedContext() {
    contexts = new TestContextManager(ApiFuzzTests.class);
  }

  @AfterContainer
  static void report() {
    long total = 0;
    long serverErrors = 0;
    for (var family : new TreeMap<>(statuses).entrySet()) {
      long count = family.getValue().values().stream().mapToLong(AtomicLong::get).sum();
      total += count;
      serverErrors +=
          family.getValue().entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToLong(e -> e.getValue().get())
              .sum();
      System.out.println(
          "[fuzz] campaign-api "
              + family.getKey()
              + ": "
              + count
              + " requests, statuses "
              + new TreeMap<>(family.getValue()));
    }
    System.out.println(
        "[fuzz] campaign-api: " + total + " generated requests, " + serverErrors + " answered 5xx");
  }

  @BeforeProperty
  void fixtures() throws Exception {
    contexts.prepareTestInstance(this);
    newTenant();
    ids.put(Id.LIST, listWith("+14155552671", "+442071838750"));
    ids.put(Id.SCHEDULED, scheduledCampaign());
    ids.put(Id.RUNNING, scheduledCampaign());
    ids.put(Id.PAUSED, scheduledCampaign());
    ids.put(Id.CANCELLED, scheduledCampaign());
    ObjectId call = new ObjectId();
    mongo
        .getCollection("calls")
        .insertOne(
            new Document("_id", call.toHexString())
                .append("campaignId", ids.get(Id.RUNNING))
                .append("contactId", new ObjectId().toHexString())
                .append("attempt", 1)
                .append("status", "completed"));
    ids.put(Id.CALL, call.toHexString());
    ids.put(Id.OTHER_OBJECT_ID, new ObjectId().toHexString());
  }

  /** Accepted requests may move the fixtures on; every try starts from the same statuses. */
  @BeforeTry
  void resetStatuses() {
    if (!accepted) {
      return;
    }
    accepted = false;
    setStatus(ids.get(Id.SCHEDULED), "scheduled");
    setStatus(ids.get(Id.RUNNING), "running");
    setStatus(ids.get(Id.PAUSED), "paused");
    setStatus(ids.get(Id.CANCELLED), "cancelled");
  }

  @Property
  void contactListRoutesNeverAnswer5xxNorChangeDataWhenTheyRefuse(
      @ForAll("contactListRequests") FuzzRequest request) {
    check("contact lists", request);
  }

  @Property
  void campaignRoutesNeverAnswer5xxNorChangeDataWhenTheyRefuse(
      @ForAll("campaignRequests") FuzzRequest request) {
    check("campaigns", request);
  }

  @Property
  void callRoutesNeverAnswer5xxNorChangeData(@ForAll("callRequests") FuzzRequest request) {
    check("calls", request);
  }

  @Property
  void seedRoutesNeverAnswer5xxNorChangeDataWhenTheyRefuse(
      @ForAll("seedRequests") FuzzRequest request) {
    check("seed /plivo/*", request);
  }

  private void check(String family, FuzzRequest request) {
    Map<String, Object> before = snapshot();
    Response response;
    try {
      response = api.send(build(request));
    } catch (IllegalArgumentException unsendable) {
      count(family, 0);
      return;
    }
    count(family, response.status());
    assertThat(response.status()).as(request + "\n → " + response).isLessThan(500);
    boolean mayWrite = response.status() < 400 && !request.method().equals("GET");
    accepted |= mayWrite;
    if (!mayWrite) {
      assertThat(snapshot())
          .as("data changed by " + request + "\n → " + response)
          .isEqualTo(before);
    }
  }

  private static void count(String family, int status) {
    statuses
        .computeIfAbsent(family, f -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new AtomicLong())
        .incrementAndGet();
  }

  /** The tenant's documents in full, and the size of every collection. */
  private Map<String, Object> snapshot() {
    Map<String, Object> state = new TreeMap<>();
    for (String collection : COLLECTIONS) {
      state.put(collection + ".count", mongo.getCollection(collection).estimatedDocumentCount());
    }
    state.put("campaigns", all("campaigns", new Document("clientId", tenant)));
    state.put("contactLists", all("contactLists", new Document("clientId", tenant)));
    state.put("contacts", all("contacts", new Document("listId", ids.get(Id.LIST))));
    state.put("calls", all("calls", new Document("campaignId", ids.get(Id.RUNNING))));
    return state;
  }

  private List<Document> all(String collection, Document filter) {
    List<Document> documents = new ArrayList<>();
    mongo.getCollection(collection).find(filter).sort(new Document("_id", 1)).into(documents);
    return documents;
  }

  private HttpRequest.Builder build(FuzzRequest request) {
    String id = request.id() == Id.GARBAGE ? request.garbageId() : ids.get(request.id());
    String path = request.path().replace("{id}", id) + request.query();
    String bearer =
        switch (request.auth()) {
          case TENANT -> token;
          case NONE -> null;
          case GARBAGE -> "not.a.token";
          case OTHER_TENANT -> tokens.forTenant("someone-else");
          case ADMIN -> tokens.admin();
        };
    HttpRequest.Builder builder = api.request(path, bearer);
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    request.headers().forEach(builder::header);
    return builder.method(
        request.method(), BodyPublishers.ofByteArray(withFixtures(request.body())));
  }

  /** Bodies name fixtures as {@code @LIST@}, {@code @RUNNING@} …, replaced by their ids here. */
  private byte[] withFixtures(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.contains("@")) {
      return body;
    }
    for (Id id : Id.values()) {
      if (ids.containsKey(id)) {
        text = text.replace("@" + id + "@", ids.get(id));
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ---- generators ----

  private static Arbitrary<Object> string() {
    return FuzzValues.oddStrings().map(s -> (Object) s);
  }

  private static Arbitrary<Object> anyOf(Object... plausible) {
    return Arbitraries.of(plausible);
  }

  private static Arbitrary<FuzzRequest> requests(
      Arbitrary<String> method,
      Arbitrary<String> path,
      Arbitrary<String> query,
      Arbitrary<String> contentType,
      Arbitrary<byte[]> body) {
    Arbitrary<Id> id =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(Id.values()).filter(i -> i != Id.GARBAGE)),
            Tuple.of(3, Arbitraries.just(Id.GARBAGE)));
    Arbitrary<String> garbageId =
        Arbitraries.oneOf(
                FuzzValues.oddStrings().map(s -> s.length() > 2000 ? s.substring(0, 2000) : s),
                Arbitraries.of(FuzzValues.OPERATOR_KEYS))
            .map(FuzzValues::encode)
            .map(s -> s.isEmpty() ? "%20" : s);
    Arbitrary<Map<String, String>> headers =
        Arbitraries.maps(
                Arbitraries.of(
                    "Idempotency-Key",
                    "Accept",
                    "X-Forwarded-For",
                    "X-Forwarded-Host",
                    "Origin",
                    "Accept-Charset",
                    "X-Http-Method-Override"),
                Arbitraries.oneOf(
                    FuzzValues.headerValues(),
                    Arbitraries.of(
                        "application/json",
                        "application/xml",
                        "text/html",
                        "*/*",
                        "application/problem+json;q=0.1",
                        "DELETE",
                        "https://evil.example.com")))
            .ofMaxSize(3);
    Arbitrary<Auth> auth =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just(Auth.TENANT)),
            Tuple.of(1, Arbitraries.just(Auth.NONE)),
            Tuple.of(1, Arbitraries.just(Auth.GARBAGE)),
            Tuple.of(1, Arbitraries.just(Auth.OTHER_TENANT)),
            Tuple.of(1, Arbitraries.just(Auth.ADMIN)));
    return Combinators.combine(method, path, id, garbageId, query, contentType, headers, auth)
        .flatAs(
            (m, p, i, g, q, c, h, a) -> body.map(b -> new FuzzRequest(m, p, i, g, q, c, h, a, b)));
  }

  private static Arbitrary<String> jsonTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just("application/json")),
        Tuple.of(
            2,
            Arbitraries.of(
                "application/json; charset=utf-16",
                "application/json; charset=nonsense",
                "application/merge-patch+json",
                "text/plain",
                "text/csv",
                "multipart/form-data",
                "application/x-www-form-urlencoded",
                "application/json;;;",
                "*/*")),
        Tuple.of(1, Arbitraries.just(null)));
  }

  private static Arbitrary<Object> contactInput() {
    Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
    fields.put("phone", anyOf("+14155552671", "+1 (415) 555-2672", "12345", "+999999999999999"));
    fields.put("name", string());
    fields.put("timezone", anyOf("Asia/Kolkata", "Mars/Olympus", "UTC", ""));
    fields.put(
        "variables",
        Arbitraries.maps(FuzzValues.keys(), FuzzValues.anyJson(1)).ofMaxSize(5).map(m -> m));
    return FuzzValues.objectWith(fields);
  }

  @Provide
  Arbitrary<FuzzRequest> contactListRequests() {
    Map<String, Arbitrary<Object>> list = new LinkedHashMap<>();
    list.put("name", string());
    list.put("contacts", contactInput().list().ofMaxSize(6).map(l -> (Object) l));
    Arbitrary<byte[]> json = FuzzValues.jsonBody(FuzzValues.objectWith(list));
    Arbitrary<byte[]> csv =
        Combinators.combine(
                Arbitraries.of("phone", "number,name", "phone,name,timezone,$ne,a.b", "x", ""),
                Arbitraries.strings()
                    .withChars("+1234567890,\"\r\n ;$.abc\u00e9\uD83D\uDE00\u0000")
                    .ofMaxLength(400))
            .as((header, rows) -> (header + "\n" + rows).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> multipart =
        Combinators.combine(Arbitraries.of("b1", "", "--", "x".repeat(80)), csv)
            .as(
                (boundary, file) ->
                    ("--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\""
                            + "\r\n\r\n"
                            + new String(file, StandardCharsets.UTF_8)
                            + "\r\n--"
                            + boundary
                            + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    Arbitrary<FuzzRequest> writes =
        Arbitraries.oneOf(
            requests(
                Arbitraries.just("POST"),
                Arbitraries.just("/api/v1/contact-lists"),
                FuzzValues.query(List.of("name")),
                jsonTypes(),
                json),
            requests(
                Arbitraries.just("POST"),
                Arbitraries.just("/api/v1/contact-lists"),
                FuzzValues.query(List.of("name")),
                Arbitraries.of("text/csv", "text/csv; charset=latin1", "text/csv; charset=bogus"),
                csv),
            requests(
                Arbitraries.just("POST"),
                Arbitraries.just("/api/v1/contact-lists"),
                FuzzValues.query(List.of("name")),
                Arbitraries.of(
                    "multipart/form-data; boundary=b1",
                    "multipart/form-data",
                    "multipart/form-data; boundary=",
                    "multipart/mixed; boundary=--"),
                multipart));
    Arbitrary<FuzzRequest> reads =
        requests(
            Arbitraries.of("GET", "DELETE", "PUT", "PATCH"),
            Arbitraries.of(
                "/api/v1/contact-lists",
                "/api/v1/contact-lists/{id}",
                "/api/v1/contact-lists/{id}/contacts"),
            FuzzValues.query(List.of("page", "size", "name")),
            jsonTypes(),
            Arbitraries.oneOf(
                Arbitraries.just(new byte[0]), FuzzValues.jsonBody(FuzzValues.anyJson(2))));
    return Arbitraries.frequencyOf(Tuple.of(3, writes), Tuple.of(2, reads));
  }

  private static Map<String, Arbitrary<Object>> campaignFields() {
    Map<String, Arbitrary<Object>> window = new LinkedHashMap<>();
    window.put("timezone", anyOf("Europe/London", "Mars/Olympus", "UTC"));
    window.put("start", anyOf("09:00", "25:00", "9", ""));
    window.put("end", anyOf("18:00", "08:00", "24:00"));
    window.put(
        "days", Arbitraries.of("MONDAY", "funday", "sunday", "").list().ofMaxSize(8).map(l -> l));
    Map<String, Arbitrary<Object>> retry = new LinkedHashMap<>();
    retry.put("maxAttempts", anyOf(1, 3, 10, 11, 0, -1, Integer.MAX_VALUE));
    retry.put(
        "retryOn",
        Arbitraries.of("busy", "no-answer", "failed", "$ne").list().ofMaxSize(4).map(l -> l));
    retry.put("backoff", anyOf("PT10M", "600", "P8D", "-PT1S", "PT0S", "1e9"));
    Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
    fields.put("name", string());
    fields.put("listId", anyOf("@LIST@", "@LIST@", new ObjectId().toHexString(), "@RUNNING@"));
    fields.put("fromNumber", anyOf("+918035735659", "+1", "918035735659"));
    fields.put("wssUrl", anyOf("wss://bot.example.com/socket", "ws://x", "http://x", "wss://"));
    fields.put(
        "scheduledTime",
        anyOf("2030-01-01T09:00:00Z", "2030-01-01T09:00:00", "1999-01-01T00:00:00Z"));
    fields.put("callingWindow", FuzzValues.objectWith(window));
    fields.put("retryPolicy", FuzzValues.objectWith(retry));
    fields.put("maxConcurrentCalls", anyOf(1, 1000, 1001, 0, -5, 1.5));
    fields.put("callsPerSecond", anyOf(0.5, 100, 101, 0, -1, 1e308));
    return fields;
  }

  @Provide
  Arbitrary<FuzzRequest> campaignRequests() {
    Arbitrary<byte[]> create = FuzzValues.jsonBody(FuzzValues.objectWith(campaignFields()));
    Map<String, Arbitrary<Object>> schedule = new LinkedHashMap<>();
    schedule.put("scheduledTime", anyOf("2030-01-01T09:00:00Z", "2020-01-01T00:00:00Z", "soon"));
    return Arbitraries.oneOf(
        requests(
            Arbitraries.just("POST"),
            Arbitraries.just("/api/v1/campaigns"),
            FuzzValues.query(List.of("x")),
            jsonTypes(),
            create),
        requests(
            Arbitraries.of("POST", "GET", "PUT"),
            Arbitraries.of(
                "/api/v1/campaigns/{id}/pause",
                "/api/v1/campaigns/{id}/resume",
                "/api/v1/campaigns/{id}/cancel"),
            FuzzValues.query(List.of("force")),
            jsonTypes(),
            Arbitraries.oneOf(
                Arbitraries.just(new byte[0]), FuzzValues.jsonBody(FuzzValues.anyJson(2)))),
        requests(
            Arbitraries.of("PUT", "POST"),
            Arbitraries.just("/api/v1/campaigns/{id}/schedule"),
            FuzzValues.query(List.of("scheduledTime")),
            jsonTypes(),
            FuzzValues.jsonBody(FuzzValues.objectWith(schedule))),
        requests(
            Arbitraries.of("GET", "DELETE"),
            Arbitraries.of("/api/v1/campaigns", "/api/v1/campaigns/{id}"),
            FuzzValues.query(List.of("status", "from", "to", "clientId", "order", "page", "size")),
            Arbitraries.just(null),
            Arbitraries.just(new byte[0])));
  }

  @Provide
  Arbitrary<FuzzRequest> callRequests() {
    return requests(
        Arbitraries.of("GET", "GET", "GET", "POST", "DELETE"),
        Arbitraries.of(
            "/api/v1/campaigns/{id}/calls",
            "/api/v1/calls/{id}",
            "/api/v1/campaigns/{id}/calls/redial-unknown"),
        FuzzValues.query(List.of("status", "page", "size", "limit")),
        Arbitraries.just(null),
        Arbitraries.just(new byte[0]));
  }

  @Provide
  Arbitrary<FuzzRequest> seedRequests() {
    Map<String, Arbitrary<Object>> create = new LinkedHashMap<>();
    create.put("campaignName", string());
    create.put("listId", anyOf("@LIST@", new ObjectId().toHexString(), "", "x"));
    create.put("fromNumber", anyOf("+918035735659", ""));
    create.put("wssUrl", anyOf("wss://bot.example.com/socket", ""));
    create.put("clientId", anyOf("tenant", "someone-else", ""));
    create.put("scheduledTime", anyOf("2030-10-02T09:00:00Z", "", "2030-10-02 09:00"));
    create.put("scheduledBy", string());
    Map<String, Arbitrary<Object>> action = new LinkedHashMap<>();
    action.put(
        "campaignId",
        anyOf("@RUNNING@", "@PAUSED@", "@SCHEDULED@", "@CANCELLED@", "@CALL@", "", " "));
    return Arbitraries.oneOf(
        requests(
            Arbitraries.just("POST"),
            Arbitraries.just("/plivo/create-campaign"),
            FuzzValues.query(List.of("clientId")),
            jsonTypes(),
            FuzzValues.jsonBody(FuzzValues.objectWith(create))),
        requests(
            Arbitraries.of("POST", "POST", "GET"),
            Arbitraries.of(
                "/plivo/cancel-campaign", "/plivo/pause-campaign", "/plivo/resume-campaign"),
            FuzzValues.query(List.of("campaignId")),
            jsonTypes(),
            FuzzValues.jsonBody(FuzzValues.objectWith(action))),
        requests(
            Arbitraries.of("GET", "POST"),
            Arbitraries.just("/plivo/check-scheduled-campaigns"),
            FuzzValues.query(List.of("force")),
            Arbitraries.just(null),
            Arbitraries.just(new byte[0])));
  }
}
