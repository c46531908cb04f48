package com.voicecampaigns.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.simulator.PlivoSignatureV3;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
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
import net.jqwik.api.lifecycle.BeforeTry;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Generated hostile Plivo callbacks (answer, ring, machine detection, hangup): odd and huge
 * parameter values, {@code $}-prefixed keys, unknown and odd call ids, wrong methods and content
 * types, query strings, bad and good signatures (most are signed, so the handlers run). No callback
 * may get a 5xx, and one that is refused (4xx) may not change the calls or the campaign. Tries per
 * callback: {@code jqwik.tries.default} ({@code junit-platform.properties}; {@code
 * -Djqwik.tries.default=20000}). The report counts each status; 0 counts generated callbacks the
 * HTTP client would not send.
 */
class CallbackFuzzTests {

  private static PlivoSimulator plivo;
  private static WorkerInstance worker;
  private static Fixtures fixtures;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();

  private static String campaignId;
  private static Document campaign;
  private static final Map<CallStatus, Document> calls = new LinkedHashMap<>();
  private static boolean accepted = true;

  /** Which call a callback names: a fixture in some status, or an id no call has. */
  enum Target {
    DIALING,
    RINGING,
    IN_PROGRESS,
    UNKNOWN,
    COMPLETED,
    NO_CALL,
    GARBAGE
  }

  record Callback(
      String method,
      String kind,
      Target target,
      String garbageId,
      String query,
      String contentType,
      Map<String, String> params,
      boolean signed,
      boolean json) {

    @Override
    public String toString() {
      String p = params.toString();
      return method
          + " /plivo/"
          + kind
          + "/"
          + (target == Target.GARBAGE ? "<" + garbageId + ">" : target)
          + (query.length() > 200 ? query.substring(0, 200) + "…" : query)
          + " ["
          + contentType
          + (signed ? ", signed" : ", unsigned")
          + (json ? ", JSON body" : "")
          + "] "
          + (p.length() > 400 ? p.substring(0, 400) + "…(" + p.length() + ")" : p);
    }
  }

  @BeforeContainer
  static void start() {
    plivo = PlivoSimulator.start();
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(CallbackFuzzTests.class),
            "callback-fuzz",
            plivo,
            "w-callback-fuzz",
            Map.of());
    fixtures = new Fixtures(worker.mongo());
    List<String> phones = Fixtures.numbers(1);
    campaignId = fixtures.runningCampaign(fixtures.list(phones), "d", new Document());
    for (CallStatus status :
        List.of(
            CallStatus.DIALING,
            CallStatus.RINGING,
            CallStatus.IN_PROGRESS,
            CallStatus.UNKNOWN,
            CallStatus.COMPLETED)) {
      // an attempt starts dialling; the fixture then puts it where the callbacks find it
      CallAttemptDocument call =
          CallAttemptDocument.first(
              new CallTarget(
                  campaignId,
                  "client-1",
                  new ObjectId().toHexString(),
                  phones.get(0),
                  "+918035735659",
                  null),
              CallAttemptDocument.Start.dialing(new Lease(campaignId, "d", "w")),
              Instant.now());
      worker.mongo().insert(call);
      worker
          .mongo()
          .getCollection("calls")
          .updateOne(
              new Document("_id", new ObjectId(call.id())),
              new Document("$set", new Document("status", status.wire())));
      calls.put(status, worker.mongo().findById(call.id(), Document.class, "calls"));
    }
    campaign = fixtures.campaign(campaignId);
  }

  @AfterContainer
  static void stop() {
    long total = 0;
    long serverErrors = 0;
    for (var kind : new TreeMap<>(statuses).entrySet()) {
      long count = kind.getValue().values().stream().mapToLong(AtomicLong::get).sum();
      total += count;
      serverErrors +=
          kind.getValue().entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToLong(e -> e.getValue().get())
              .sum();
      System.out.println(
          "[fuzz] call-worker /plivo/"
              + kind.getKey()
              + ": "
              + count
              + " callbacks, statuses "
              + new TreeMap<>(kind.getValue()));
    }
    System.out.println(
        "[fuzz] call-worker: " + total + " generated callbacks, " + serverErrors + " answered 5xx");
    if (worker != null) {
      worker.close();
    }
    if (plivo != null) {
      plivo.close();
    }
  }

  /** An accepted callback may end a call or add a retry; every try starts from the fixtures. */
  @BeforeTry
  void resetFixtures() {
    if (!accepted) {
      return;
    }
    accepted = false;
    var collection = worker.mongo().getCollection("calls");
    collection.deleteMany(new Document("campaignId", campaignId));
    collection.insertMany(new ArrayList<>(calls.values()));
    worker
        .mongo()
        .getCollection("campaigns")
        .replaceOne(new Document("_id", campaign.get("_id")), campaign);
  }

  @Property
  void answerCallbacksNeverAnswer5xxNorChangeDataWhenRefused(@ForAll("answers") Callback callback)
      throws Exception {
    check(callback);
  }

  @Property
  void ringCallbacksNeverAnswer5xxNorChangeDataWhenRefused(@ForAll("rings") Callback callback)
      throws Exception {
    check(callback);
  }

  @Property
  void machineCallbacksNeverAnswer5xxNorChangeDataWhenRefused(@ForAll("machines") Callback callback)
      throws Exception {
    check(callback);
  }

  @Property
  void hangupCallbacksNeverAnswer5xxNorChangeDataWhenRefused(@ForAll("hangups") Callback callback)
      throws Exception {
    check(callback);
  }

  private void check(Callback callback) throws IOException, InterruptedException {
    Map<String, Object> before = snapshot();
    HttpRequest request;
    try {
      request = build(callback);
    } catch (IllegalArgumentException unsendable) {
      count(callback.kind(), 0);
      return;
    }
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    count(callback.kind(), response.statusCode());
    assertThat(response.statusCode())
        .as(callback + "\n → " + response.statusCode() + " " + response.body())
        .isLessThan(500);
    if (response.statusCode() < 400) {
      accepted = true;
    } else {
      assertThat(snapshot())
          .as("data changed by " + callback + "\n → " + response.statusCode())
          .isEqualTo(before);
    }
  }

  private static void count(String kind, int status) {
    statuses
        .computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new AtomicLong())
        .incrementAndGet();
  }

  private static Map<String, Object> snapshot() {
    Map<String, Object> state = new TreeMap<>();
    state.put("calls.count", worker.mongo().getCollection("calls").estimatedDocumentCount());
    state.put(
        "campaigns.count", worker.mongo().getCollection("campaigns").estimatedDocumentCount());
    List<Document> documents = new ArrayList<>();
    worker
        .mongo()
        .getCollection("calls")
        .find(new Document("campaignId", campaignId))
        .sort(new Document("_id", 1))
        .into(documents);
    state.put("calls", documents);
    state.put("campaign", fixtures.campaign(campaignId));
    return state;
  }

  private static HttpRequest build(Callback callback) {
    String callId =
        switch (callback.target()) {
          case GARBAGE -> callback.garbageId();
          case NO_CALL -> new ObjectId().toHexString();
          default ->
              String.valueOf(calls.get(CallStatus.valueOf(callback.target().name())).get("_id"));
        };
    String url = worker.baseUrl() + "/plivo/" + callback.kind() + "/" + callId + callback.query();
    String body;
    if (callback.json()) {
      body = tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(callback.params());
    } else {
      StringJoiner form = new StringJoiner("&");
      callback.params().forEach((k, v) -> form.add(encode(k) + "=" + encode(v)));
      body = form.toString();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(callback.method(), HttpRequest.BodyPublishers.ofString(body));
    if (callback.contentType() != null) {
      request.header("Content-Type", callback.contentType());
    }
    if (callback.signed()) {
      String nonce = PlivoSignatureV3.newNonce();
      request.header(
          PlivoSignatureV3.SIGNATURE_HEADER,
          PlivoSignatureV3.headerValue(
              plivo.authToken(), callback.method(), url, callback.params(), nonce));
      request.header(PlivoSignatureV3.NONCE_HEADER, nonce);
    } else if (!callback.params().isEmpty() && callback.params().size() % 2 == 0) {
      request.header(PlivoSignatureV3.SIGNATURE_HEADER, "bm90IGEgc2lnbmF0dXJl,$ne");
      request.header(PlivoSignatureV3.NONCE_HEADER, "12345");
    }
    return request.build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // ---- generators ----

  private static Arbitrary<String> oddValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().all().ofMaxLength(30)),
        Tuple.of(
            4,
            Arbitraries.of(
                "",
                " ",
                "-1",
                "0",
                "1e10",
                "99999999999999999999",
                "NaN",
                "null",
                "completed",
                "busy",
                "no-answer",
                "failed",
                "cancel",
                "timeout",
                "in-progress",
                "ringing",
                "COMPLETED",
                "NORMAL_CLEARING",
                "UNALLOCATED_NUMBER",
                "{\"$ne\":null}",
                "\u0000",
                "\uD800",
                "\u202E",
                "uuid-1",
                "true",
                "false")),
        Tuple.of(1, Arbitraries.integers().between(1_000, 300_000).map("9"::repeat)));
  }

  private static Arbitrary<Map<String, String>> params(List<String> names) {
    Arbitrary<String> key =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(names)),
            Tuple.of(2, Arbitraries.of("$ne", "$where", "$set", "a.b", "", "CallUUID[$ne]", "_id")),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
    return Arbitraries.maps(key, oddValue()).ofMaxSize(8);
  }

  private static Arbitrary<Callback> callbacks(String kind, List<String> names) {
    Arbitrary<String> method =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just("POST")),
            Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE", "PATCH")));
    Arbitrary<Target> target = Arbitraries.of(Target.values());
    Arbitrary<String> garbage =
        Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("$where", "$ne", "..", "%00", "a.b", "{}", "x".repeat(3000)))
            .map(CallbackFuzzTests::encode);
    Arbitrary<String> query =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("")),
            Tuple.of(
                1,
                Combinators.combine(Arbitraries.of(names), oddValue())
                    .as((k, v) -> "?" + encode(k) + "=" + encode(v))),
            Tuple.of(1, Arbitraries.of("?=x", "?%zz=1", "?CallUUID[$ne]=1", "?&&&")));
    Arbitrary<String> contentType =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just("application/x-www-form-urlencoded")),
            Tuple.of(
                2,
                Arbitraries.of(
                    "application/json",
                    "text/plain",
                    "multipart/form-data",
                    "application/x-www-form-urlencoded; charset=utf-16",
                    "*/*",
                    "application/xml",
                    "nonsense")),
            Tuple.of(1, Arbitraries.just(null)));
    Arbitrary<Boolean> signed =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false)));
    Arbitrary<Boolean> json =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
    return Combinators.combine(
            method, target, garbage, query, contentType, params(names), signed, json)
        .as((m, t, g, q, c, p, s, j) -> new Callback(m, kind, t, g, q, c, p, s, j));
  }

  @Provide
  Arbitrary<Callback> answers() {
    return callbacks(
        "answer",
        List.of("CallUUID", "RequestUUID", "CallStatus", "From", "To", "Direction", "Event"));
  }

  @Provide
  Arbitrary<Callback> rings() {
    return callbacks("ring", List.of("CallUUID", "RequestUUID", "CallStatus", "From", "To"));
  }

  @Provide
  Arbitrary<Callback> machines() {
    return callbacks(
        "machine", List.of("CallUUID", "RequestUUID", "Machine", "CallStatus", "From", "To"));
  }

  @Provide
  Arbitrary<Callback> hangups() {
    return callbacks(
        "hangup",
        List.of(
            "CallUUID",
            "RequestUUID",
            "CallStatus",
            "HangupCause",
            "HangupCauseName",
            "Duration",
            "BillDuration",
            "EndTime"));
  }
}
