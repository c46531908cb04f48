package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.plivo.api.util.Utils;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlivoSignatureV3Tests {

  private static final String TOKEN = "test-auth-token";
  private static final String NONCE = "12345678901234567890";

  private static Map<String, String> hangupParams() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("To", "+14155550100");
    params.put("CallUUID", "abc-123");
    params.put("Duration", "x 2");
    params.put("HangupCauseName", "Normal Hangup");
    return params;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/plivo/hangup",
        "http://127.0.0.1:8080/plivo/hangup?campaign=c1&attempt=2",
        "https://worker.example.com/plivo/hangup",
        "https://worker.example.com/plivo/hangup?campaign=c1&attempt=2"
      })
  void plivoJavaValidatorAcceptsPostSignatures(String url) throws Exception {
    String header = PlivoSignatureV3.headerValue(TOKEN, "POST", url, hangupParams(), NONCE);

    assertThat(Utils.validateSignatureV3(url, NONCE, header, TOKEN, "POST", hangupParams()))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/plivo/answer",
        "http://127.0.0.1:8080/plivo/answer?campaign=c1&attempt=2",
        "https://worker.example.com/plivo/answer",
        "https://worker.example.com/plivo/answer?campaign=c1&attempt=2"
      })
  void plivoJavaValidatorAcceptsGetSignatures(String url) throws Exception {
    String header = PlivoSignatureV3.headerValue(TOKEN, "GET", url, hangupParams(), NONCE);

    assertThat(Utils.validateSignatureV3(url, NONCE, header, TOKEN, "GET", hangupParams()))
        .isTrue();
  }

  @Test
  void plivoJavaValidatorRejectsAnotherTokenOrNonce() throws Exception {
    String url = "http://127.0.0.1:8080/plivo/hangup";
    String header = PlivoSignatureV3.headerValue(TOKEN, "POST", url, hangupParams(), NONCE);

    assertThat(Utils.validateSignatureV3(url, NONCE, header, "other-token", "POST", hangupParams()))
        .isFalse();
    assertThat(Utils.validateSignatureV3(url, "1", header, TOKEN, "POST", hangupParams()))
        .isFalse();
  }

  @Test
  void postPayloadIsUrlThenSortedQueryThenSortedKeyValuePairsThenNonce() {
    String payload =
        PlivoSignatureV3.payload(
            "POST", "https://example.com/hangup?b=two+words&a=1", hangupParams(), NONCE);

    assertThat(payload)
        .isEqualTo(
            "https://example.com/hangup?a=1&b=two words."
                + "CallUUIDabc-123Durationx 2HangupCauseNameNormal HangupTo+14155550100"
                + "."
                + NONCE);
  }

  @Test
  void getPayloadMergesQueryAndParamsAsSortedPairs() {
    String payload =
        PlivoSignatureV3.payload(
            "GET", "http://127.0.0.1:9000/answer?z=1", Map.of("CallUUID", "u1", "To", "+1"), "42");

    assertThat(payload).isEqualTo("http://127.0.0.1:9000/answer?CallUUID=u1&To=+1&z=1.42");
  }

  @Test
  void signatureIsBase64HmacSha256OfThePayloadMatchingAnIndependentImplementation() {
    // Expected values computed with Python's hmac/hashlib, independently of this code.
    Map<String, String> params = new LinkedHashMap<>();
    params.put("To", "+14155550100");
    params.put("CallUUID", "abc-123");
    params.put("Duration", "x 2");
    assertThat(
            PlivoSignatureV3.signature(
                TOKEN, "POST", "https://example.com/hangup?b=two+words&a=1", params, NONCE))
        .isEqualTo("KrGJxYq+jHqFc2iaru4tQEPRE8l5mTEttyMnjiU6Uco=");
    assertThat(
            PlivoSignatureV3.signature(
                TOKEN,
                "POST",
                "http://127.0.0.1:8080/answer",
                Map.of("CallUUID", "u1", "CallStatus", "in-progress"),
                "42"))
        .isEqualTo("mKGsyted4v7/9TSrJaf5Mqw/Yr9rBo2t0b3nTIiS0oo=");
  }

  @Test
  void headerCarriesTwoSignaturesOnlyWhenTheUrlNamesAPort() {
    String withPort =
        PlivoSignatureV3.headerValue(TOKEN, "POST", "http://localhost:8080/h", hangupParams(), "1");
    String withoutPort =
        PlivoSignatureV3.headerValue(TOKEN, "POST", "https://host.example/h", hangupParams(), "1");

    assertThat(withPort.split(","))
        .hasSize(2)
        .startsWith(
            PlivoSignatureV3.signature(
                TOKEN, "POST", "http://localhost:8080/h", hangupParams(), "1"));
    assertThat(withoutPort).doesNotContain(",");
  }
}
