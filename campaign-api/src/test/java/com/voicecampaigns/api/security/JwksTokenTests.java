package com.voicecampaigns.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.voicecampaigns.api.ApiClient;
import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production path: the gke profile, Spring Boot's resource server verifying RS256 tokens with
 * the keys of a JWK set that a real HTTP server of this test publishes, an issuer and this API's
 * audiences. Only a token signed by the provider's key, from its issuer, for this API and with an
 * {@code exp} still ahead gets in.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "api.security.audiences=voice-campaigns-api,voice-campaigns-api-legacy",
      "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + JwksTokenTests.ISSUER
    })
@ActiveProfiles("gke")
class JwksTokenTests {

  static final String ISSUER = "https://auth.example.test/realms/voice";
  static final String AUDIENCE = "voice-campaigns-api";
  private static final RSAKey PROVIDER_KEY = rsaKey("provider-key-1");
  private static final AtomicInteger keyRequests = new AtomicInteger();
  private static HttpServer jwks;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
    TestInfrastructure.register(registry, JwksTokenTests.class);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] keys =
        new JWKSet(PROVIDER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/keys",
        exchange -> {
          keyRequests.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    jwks.start();
    String uri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/keys";
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> uri);
  }

  @AfterAll
  static void stopKeyServer() {
    jwks.stop(0);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void acceptsATokenOfTheProviderForThisApi() {
    Response response = list(rs256(PROVIDER_KEY, claims().build()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(keyRequests).as("keys fetched from the JWK set URI").hasPositiveValue();
  }

  @Test
  void acceptsATokenThatNamesAnyConfiguredAudienceAmongOthers() {
    var claims = claims().audience(List.of("account", "voice-campaigns-api-legacy")).build();

    assertThat(list(rs256(PROVIDER_KEY, claims)).status()).isEqualTo(200);
  }

  static Stream<Arguments> refusedTokens() {
    RSAKey strangerKey = rsaKey(PROVIDER_KEY.getKeyID()); // same kid, another key
    return Stream.of(
        refused("for another audience", () -> rs256(PROVIDER_KEY, claims().audience("account"))),
        refused("without an audience", () -> rs256(PROVIDER_KEY, claims().audience((String) null))),
        refused("without exp", () -> rs256(PROVIDER_KEY, claims().expirationTime((Date) null))),
        refused(
            "expired",
            () ->
                rs256(
                    PROVIDER_KEY,
                    claims()
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5))))
                        .build())),
        refused(
            "from another issuer",
            () -> rs256(PROVIDER_KEY, claims().issuer("https://auth.example.test/other"))),
        refused("signed by another key", () -> rs256(strangerKey, claims().build())),
        refused("alg none", () -> new PlainJWT(claims().build()).serialize()),
        refused(
            "HS256 keyed with the provider's public key",
            () -> hs256(PROVIDER_KEY.toPublicJWK().toRSAPublicKey().getEncoded())),
        refused(
            "HS256 with a secret",
            () ->
                hs256("a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void refusesAToken(String kind, TokenSource token) throws Exception {
    Response response = list(token.get());

    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/unauthorized");
  }

  private Response list(String token) {
    return new ApiClient(port).get("/api/v1/campaigns", token);
  }

  /** Valid claims: this issuer, this API's audience, a tenant, an hour to live. */
  private static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("service-account-acme")
        .audience(AUDIENCE)
        .claim("clientId", "acme")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  private static String rs256(RSAKey key, JWTClaimsSet claims) {
    var header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID(key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    return sign(header, claims, signer(() -> new RSASSASigner(key)));
  }

  private static String rs256(RSAKey key, JWTClaimsSet.Builder claims) {
    return rs256(key, claims.build());
  }

  private static String hs256(byte[] secret) {
    var header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(PROVIDER_KEY.getKeyID()).build();
    return sign(header, claims().build(), signer(() -> new MACSigner(secret)));
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
    try {
      var jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSSigner signer(SignerSource source) {
    try {
      return source.get();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey rsaKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arguments refused(String kind, TokenSource token) {
    return Arguments.of(kind, token);
  }

  /** Mints a token when the test runs (so {@code exp} is relative to then). */
  @FunctionalInterface
  interface TokenSource {
    String get() throws Exception;
  }

  @FunctionalInterface
  interface SignerSource {
    JWSSigner get() throws JOSEException;
  }
}
