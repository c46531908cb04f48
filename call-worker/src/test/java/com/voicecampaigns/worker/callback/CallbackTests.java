package com.voicecampaigns.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.PlivoSignatureV3;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Plivo's callbacks over real HTTP, signed by signers written independently of the worker's
 * verifier (plivo-java's {@code Utils.validateSignatureV3}): the simulator's {@link
 * PlivoSignatureV3} and the small HMAC below.
 */
class CallbackTests {

  static PlivoSimulator plivo;
  static WorkerInstance worker;
  static Fixtures fixtures;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    plivo = PlivoSimulator.start();
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(CallbackTests.class),
            "callbacks",
            plivo,
            "w-callbacks",
            Map.of());
    fixtures = new Fixtures(worker.mongo());
  }

  @AfterAll
  static void stop() {
    worker.close();
    plivo.close();
  }

  @Test
  void aSignedAnswerConnectsTheCallToTheBotWithOnlyIdsInTheExtraHeaders() throws Exception {
    CallAttemptDocument call = dialingCall();

    HttpResponse<String> response = signed("answer", call.id(), answerParams("uuid-1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("xml"));
    assertThat(response.body())
        .contains("<Response><Stream bidirectional=\"true\" keepCallAlive=\"true\"")
        .contains("contentType=\"audio/x-mulaw;rate=8000\"")
        .contains(
            "extraHeaders=\"campaignId="
                + call.campaignId()
                + ",contactId="
                + call.contactId()
                + ",callId="
                + call.id()
                + "\"")
        .contains(">wss://bot.example.com/socket</Stream></Response>");
    CallAttemptDocument answered = reload(call);
    assertThat(answered.status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(answered.callUuid()).isEqualTo("uuid-1");
  }

  @Test
  void aBadOrMissingSignatureIsRefusedAndChangesNothing() throws Exception {
    CallAttemptDocument call = dialingCall();
    Map<String, String> hangup = hangupParams("uuid-2", "completed", "NORMAL_CLEARING", "20");
    String url = worker.baseUrl() + "/plivo/hangup/" + call.id();
    String nonce = "12345678901234567890";

    String wrongKey = PlivoSignatureV3.headerValue("not-the-token", "POST", url, hangup, nonce);
    assertThat(
            post(
                    url,
                    hangup,
                    Map.of("X-Plivo-Signature-V3", wrongKey, "X-Plivo-Signature-V3-Nonce", nonce))
                .statusCode())
        .isEqualTo(403);
    assertThat(post(url, hangup, Map.of()).statusCode()).isEqualTo(403);
    Map<String, String> tampered = new LinkedHashMap<>(hangup);
    String good = PlivoSignatureV3.headerValue(plivo.authToken(), "POST", url, hangup, nonce);
    tampered.put("CallStatus", "busy");
    assertThat(
            post(
                    url,
                    tampered,
                    Map.of("X-Plivo-Signature-V3", good, "X-Plivo-Signature-V3-Nonce", nonce))
                .statusCode())
        .isEqualTo(403);
    // a signature for another call id does not open this one
    String otherUrl = worker.baseUrl() + "/plivo/hangup/" + new ObjectId().toHexString();
    String other = PlivoSignatureV3.headerValue(plivo.authToken(), "POST", otherUrl, hangup, nonce);
    assertThat(
            post(
                    url,
                    hangup,
                    Map.of("X-Plivo-Signature-V3", other, "X-Plivo-Signature-V3-Nonce", nonce))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post(worker.baseUrl() + "/plivo/answer/" + call.id(), answerParams("uuid-2"), Map.of())
                .statusCode())
        .isEqualTo(403);

    CallAttemptDocument unchanged = reload(call);
    assertThat(unchanged.status()).isEqualTo(CallStatus.DIALING);
    assertThat(unchanged.callUuid()).isNull();
    assertThat(unchanged.endedAt()).isNull();
    assertThat(fixtures.stat(call.campaignId(), "completed")).isZero();
  }

  @Test
  void behindAProxyTheSignatureIsCheckedAgainstThePublicUrlFromTheForwardedHeaders()
      throws Exception {
    CallAttemptDocument call = dialingCall();
    Map<String, String> hangup = hangupParams("uuid-3", "completed", "NORMAL_CLEARING", "31");
    String publicUrl = "https://calls.example.com/worker/plivo/hangup/" + call.id();
    String nonce = "98765432109876543210";
    String signature = TinyPlivoSigner.sign(plivo.authToken(), publicUrl, hangup, nonce);
    String direct = worker.baseUrl() + "/plivo/hangup/" + call.id();
    Map<String, String> proxied =
        Map.of(
            "X-Plivo-Signature-V3", signature,
            "X-Plivo-Signature-V3-Nonce", nonce,
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "calls.example.com",
            "X-Forwarded-Port", "443",
            "X-Forwarded-Prefix", "/worker");

    Map<String, String> otherHost = new LinkedHashMap<>(proxied);
    otherHost.put("X-Forwarded-Host", "evil.example.com");
    assertThat(post(direct, hangup, otherHost).statusCode()).isEqualTo(403);
    assertThat(
            post(
                    direct,
                    hangup,
                    Map.of("X-Plivo-Signature-V3", signature, "X-Plivo-Signature-V3-Nonce", nonce))
                .statusCode())
        .isEqualTo(403);
    assertThat(reload(call).status()).isEqualTo(CallStatus.DIALING);

    assertThat(post(direct, hangup, proxied).statusCode()).isEqualTo(200);
    CallAttemptDocument ended = reload(call);
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.durationSeconds()).isEqualTo(31);
    assertThat(ended.hangupCause()).isEqualTo("NORMAL_CLEARING");
  }

  @Test
  void anUnknownCallIdAnswers404() throws Exception {
    String unknown = new ObjectId().toHexString();
    assertThat(
            signed("hangup", unknown, hangupParams("u", "completed", "NORMAL_CLEARING", "1"))
                .statusCode())
        .isEqualTo(404);
    assertThat(signed("answer", unknown, answerParams("u")).statusCode()).isEqualTo(404);
    assertThat(signed("ring", "not-an-object-id", answerParams("u")).statusCode()).isEqualTo(404);
  }

  @Test
  void aRepeatedHangupIsIdempotent() throws Exception {
    CallAttemptDocument call = dialingCall();
    signed("answer", call.id(), answerParams("uuid-4"));
    Map<String, String> hangup = hangupParams("uuid-4", "completed", "NORMAL_CLEARING", "12");

    assertThat(signed("hangup", call.id(), hangup).statusCode()).isEqualTo(200);
    Instant endedAt = reload(call).endedAt();
    assertThat(signed("hangup", call.id(), hangup).statusCode()).isEqualTo(200);
    assertThat(
            signed("hangup", call.id(), hangupParams("uuid-4", "busy", "USER_BUSY", "0"))
                .statusCode())
        .isEqualTo(200);

    CallAttemptDocument ended = reload(call);
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.endedAt()).isEqualTo(endedAt);
    assertThat(ended.durationSeconds()).isEqualTo(12);
    assertThat(fixtures.stat(call.campaignId(), "completed")).isEqualTo(1);
    assertThat(fixtures.stat(call.campaignId(), "busy")).isZero();
    assertThat(fixtures.calls(call.campaignId())).hasSize(1);
  }

  @Test
  void theRingCallbackMarksTheCallRinging() throws Exception {
    CallAttemptDocument call = dialingCall();
    Map<String, String> ring = new LinkedHashMap<>(answerParams("uuid-5"));
    ring.put("CallStatus", "ringing");

    assertThat(signed("ring", call.id(), ring).statusCode()).isEqualTo(200);
    assertThat(reload(call).status()).isEqualTo(CallStatus.RINGING);
    assertThat(reload(call).requestUuid()).isEqualTo("request-uuid-5");
  }

  @Test
  void aLateCallbackReconcilesAnAttemptWhoseOutcomeWasUnknownAndAppliesTheRetryPolicy()
      throws Exception {
    CallAttemptDocument call = dialingCall();
    worker
        .mongo()
        .updateFirst(
            new Query(where("_id").is(new ObjectId(call.id()))),
            new Update().set("status", "unknown"),
            "calls");
    fixtures.update(call.campaignId(), new Document(), new Update().set("stats.unknown", 1));

    assertThat(
            signed("hangup", call.id(), hangupParams("uuid-6", "no-answer", "NO_ANSWER", "0"))
                .statusCode())
        .isEqualTo(200);

    CallAttemptDocument reconciled = reload(call);
    assertThat(reconciled.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(reconciled.callUuid()).isEqualTo("uuid-6");
    assertThat(fixtures.stat(call.campaignId(), "unknown")).isZero();
    assertThat(fixtures.stat(call.campaignId(), "no-answer")).isEqualTo(1);
    // at most once: the unknown attempt is not sent again; the default retry policy (no-answer
    // retried 10 minutes later) gives the contact a new attempt, as for any no-answer
    List<CallAttemptDocument> attempts = fixtures.calls(call.campaignId());
    assertThat(attempts).hasSize(2);
    CallAttemptDocument retry =
        attempts.stream().filter(a -> a.attempt() == 2).findFirst().orElseThrow();
    assertThat(retry.status()).isEqualTo(CallStatus.PENDING);
    assertThat(retry.contactId()).isEqualTo(call.contactId());
    assertThat(retry.notBefore()).isAfter(Instant.now().plusSeconds(9 * 60));
    assertThat(reload(call).plivoRequests()).isZero();
  }

  @Test
  void anOperatorsRedialOfAnUnknownAttemptThatRingsAfterAllIsCancelledWhileStillPending()
      throws Exception {
    CallAttemptDocument call = dialingCall();
    CallAttemptDocument redial = call.retry(Instant.now(), Instant.now());
    worker.mongo().insert(redial);
    worker
        .mongo()
        .updateFirst(
            new Query(where("_id").is(new ObjectId(call.id()))),
            new Update().set("status", "unknown").set("redialedAs", redial.id()),
            "calls");
    Map<String, String> ring = new LinkedHashMap<>(answerParams("uuid-8"));
    ring.put("CallStatus", "ringing");

    assertThat(signed("ring", call.id(), ring).statusCode()).isEqualTo(200);

    assertThat(reload(call).status()).isEqualTo(CallStatus.RINGING);
    assertThat(reload(redial).status()).isEqualTo(CallStatus.CANCELLED);
  }

  @Test
  void anUnknownAttemptReconciledAsCompletedGetsNoRetry() throws Exception {
    CallAttemptDocument call = dialingCall();
    worker
        .mongo()
        .updateFirst(
            new Query(where("_id").is(new ObjectId(call.id()))),
            new Update().set("status", "unknown"),
            "calls");

    assertThat(
            signed("hangup", call.id(), hangupParams("uuid-7", "completed", "NORMAL_CLEARING", "9"))
                .statusCode())
        .isEqualTo(200);

    assertThat(reload(call).status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(fixtures.calls(call.campaignId())).hasSize(1);
  }

  @Test
  void aSecondCallOfTheSameAttemptIsHungUpWhenAnswered() throws Exception {
    CallAttemptDocument call = dialingCall();
    assertThat(signed("answer", call.id(), answerParams("first")).body()).contains("<Stream");

    HttpResponse<String> second = signed("answer", call.id(), answerParams("second"));
    HttpResponse<String> repeatedFirst = signed("answer", call.id(), answerParams("first"));

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("<Hangup/>").doesNotContain("Stream");
    assertThat(repeatedFirst.body()).contains("<Stream");
    assertThat(reload(call).callUuid()).isEqualTo("first");
  }

  /** Found by CallbackFuzzTests: both answered 500. */
  @Test
  void aSignedCallbackThatCannotBeReadAnswers400AndChangesNothing() throws Exception {
    CallAttemptDocument call = dialingCall();
    String url = worker.baseUrl() + "/plivo/hangup/" + call.id();
    String nonce = "11112222333344445555";
    String signature =
        PlivoSignatureV3.headerValue(plivo.authToken(), "POST", url, Map.of(), nonce);
    Map<String, String> signedHeaders =
        Map.of("X-Plivo-Signature-V3", signature, "X-Plivo-Signature-V3-Nonce", nonce);

    HttpRequest.Builder multipart =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "multipart/form-data")
            .POST(HttpRequest.BodyPublishers.ofString("CallStatus=completed"));
    signedHeaders.forEach(multipart::header);
    HttpRequest.Builder namelessParameter =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("=x&CallStatus=completed"));
    signedHeaders.forEach(namelessParameter::header);

    assertThat(http.send(multipart.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(400);
    assertThat(
            http.send(namelessParameter.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(400);
    CallAttemptDocument unchanged = reload(call);
    assertThat(unchanged.status()).isEqualTo(CallStatus.DIALING);
    assertThat(unchanged.endedAt()).isNull();
  }

  // ---------------------------------------------------------------------------------------------

  /** A campaign with one attempt being dialled, as the dialler leaves it after the request. */
  private static CallAttemptDocument dialingCall() {
    List<String> phones = Fixtures.numbers(1);
    String campaignId =
        fixtures.runningCampaign(fixtures.list(phones), Fixtures.dispatchId(), new Document());
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
    assertThat(fixtures.campaign(campaignId).get(CampaignFields.STATS)).isNull();
    return call;
  }

  private static CallAttemptDocument reload(CallAttemptDocument call) {
    return worker.mongo().findById(call.id(), CallAttemptDocument.class);
  }

  private static Map<String, String> answerParams(String callUuid) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallUUID", callUuid);
    params.put("RequestUUID", "request-" + callUuid);
    params.put("From", "+918035735659");
    params.put("To", "+14155550100");
    params.put("CallStatus", "in-progress");
    params.put("Direction", "outbound");
    params.put("Event", "StartApp");
    return params;
  }

  private static Map<String, String> hangupParams(
      String callUuid, String status, String cause, String duration) {
    Map<String, String> params = new LinkedHashMap<>(answerParams(callUuid));
    params.put("CallStatus", status);
    params.put("HangupCause", cause);
    params.put("Duration", duration);
    params.put("Event", "Hangup");
    return params;
  }

  /** A callback signed by the simulator's signer for the URL it is sent to. */
  private static HttpResponse<String> signed(String kind, String callId, Map<String, String> params)
      throws Exception {
    String url = worker.baseUrl() + "/plivo/" + kind + "/" + callId;
    String nonce = Long.toString(System.nanoTime());
    String signature = PlivoSignatureV3.headerValue(plivo.authToken(), "POST", url, params, nonce);
    return post(
        url,
        params,
        Map.of("X-Plivo-Signature-V3", signature, "X-Plivo-Signature-V3-Nonce", nonce));
  }

  private static HttpResponse<String> post(
      String url, Map<String, String> params, Map<String, String> headers) throws Exception {
    StringJoiner form = new StringJoiner("&");
    params.forEach(
        (key, value) ->
            form.add(
                URLEncoder.encode(key, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Plivo's V3 signature as its documentation describes it, for a POST to a URL without a query:
   * Base64(HMAC-SHA256(authToken, url + "?" + sorted key+value pairs + "." + nonce)).
   */
  static final class TinyPlivoSigner {
    static String sign(String authToken, String url, Map<String, String> params, String nonce)
        throws Exception {
      StringBuilder payload = new StringBuilder(url).append('?');
      new TreeMap<>(params).forEach((key, value) -> payload.append(key).append(value));
      payload.append('.').append(nonce);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(payload.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }
}
