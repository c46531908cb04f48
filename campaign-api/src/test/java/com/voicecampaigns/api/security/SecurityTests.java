package com.voicecampaigns.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityTests extends ApiTestBase {

  @Test
  void withoutATokenTheApiAnswers401WithAProblem() {
    Response response = api.get("/api/v1/campaigns", null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/unauthorized");
  }

  @Test
  void withoutATokenTheSeedRoutesAnswer401InTheSeedsShape() {
    Response response = api.post("/plivo/create-campaign", null, Map.of("campaignName", "x"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.map()).containsOnlyKeys("status", "message").containsEntry("status", 401);
  }

  static Stream<Arguments> badTokens() {
    return Stream.of(
        Arguments.of(
            "expired", (Function<com.voicecampaigns.api.Tokens, String>) t -> t.expired("acme")),
        Arguments.of(
            "wrong signature",
            (Function<com.voicecampaigns.api.Tokens, String>)
                t -> t.signedWith("another-secret-of-at-least-32-bytes-xx", "acme")),
        Arguments.of(
            "alg none", (Function<com.voicecampaigns.api.Tokens, String>) t -> t.unsigned("acme")),
        Arguments.of(
            "HS512", (Function<com.voicecampaigns.api.Tokens, String>) t -> t.hs512("acme")),
        Arguments.of(
            "no expiry",
            (Function<com.voicecampaigns.api.Tokens, String>) t -> t.withoutExpiry("acme")),
        Arguments.of(
            "another audience",
            (Function<com.voicecampaigns.api.Tokens, String>)
                t -> t.forAudience("acme", "another-client")),
        Arguments.of(
            "no audience",
            (Function<com.voicecampaigns.api.Tokens, String>) t -> t.withoutAudience("acme")),
        Arguments.of(
            "not a JWT", (Function<com.voicecampaigns.api.Tokens, String>) t -> "not.a.jwt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void refusesABadToken(String kind, Function<com.voicecampaigns.api.Tokens, String> token) {
    Response response = api.get("/api/v1/campaigns", token.apply(tokens));

    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/unauthorized");
  }

  @Test
  void aTokenWithoutTenantMayNotUseTheApi() {
    Response response = api.get("/api/v1/campaigns", tokens.withoutTenant());

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/forbidden");
  }

  @Test
  void healthMetricsAndTheApiDescriptionNeedNoToken() {
    // the full health also reports MongoDB, which mongo-java-server answers as DOWN ("hello"
    // unknown)
    assertThat(api.get("/actuator/health", null).status()).isNotIn(401, 403);
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    Response prometheus = api.get("/actuator/prometheus", null);
    assertThat(prometheus.status()).isEqualTo(200);
    // Micrometer's api.campaigns.created: the Prometheus client drops the reserved _created suffix
    assertThat(prometheus.body())
        .contains("api_campaigns_total{application=\"campaign-api\"}")
        .contains("api_campaign_events_total{application=\"campaign-api\",outcome=\"failed\"}");
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);

    Response docs = api.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().get("paths").propertyNames())
        .contains(
            "/api/v1/campaigns",
            "/api/v1/campaigns/{id}/schedule",
            "/api/v1/contact-lists",
            "/api/v1/calls/{callId}",
            "/api/v1/campaigns/{id}/events",
            "/api/v1/do-not-call",
            "/api/v1/do-not-call/{phone}",
            "/plivo/create-campaign",
            "/plivo/check-scheduled-campaigns");
    assertThat(
            docs.json()
                .get("components")
                .get("securitySchemes")
                .get("bearer")
                .get("scheme")
                .asString())
        .isEqualTo("bearer");
    assertThat(docs.body()).doesNotContain("\"caller\"");
  }

  @Test
  void allowsCrossOriginCallsOnlyFromTheConfiguredOrigins() {
    Response allowed = preflight("https://ui.example.com");
    Response refused = preflight("https://evil.example.com");

    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://ui.example.com");
    assertThat(
            allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization")
        .contains("idempotency-key");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private Response preflight(String origin) {
    return api.send(
        api.request("/api/v1/campaigns", null)
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }
}
