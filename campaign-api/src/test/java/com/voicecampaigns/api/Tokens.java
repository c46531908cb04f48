package com.voicecampaigns.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Mints the JWTs a caller of the API would present, good and bad ones. */
public final class Tokens {

  public static final String SECRET = "campaign-api-tests-hs256-shared-secret-0123456789";

  /** The audience the test API is configured with ({@code api.security.audiences}). */
  public static final String AUDIENCE = "campaign-api-tests";

  private final Clock clock;

  public Tokens(Clock clock) {
    this.clock = clock;
  }

  public String forTenant(String tenant) {
    return signed(
        claims(tenant, "user-" + tenant, false, clock.instant().plus(Duration.ofHours(1))),
        SECRET,
        JWSAlgorithm.HS256);
  }

  public String admin() {
    return signed(
        claims(null, "ops-admin", true, clock.instant().plus(Duration.ofHours(1))),
        SECRET,
        JWSAlgorithm.HS256);
  }

  public String adminOf(String tenant) {
    return signed(
        claims(tenant, "admin-" + tenant, true, clock.instant().plus(Duration.ofHours(1))),
        SECRET,
        JWSAlgorithm.HS256);
  }

  /** Signed and current, but names no tenant and no admin role. */
  public String withoutTenant() {
    return signed(
        claims(null, "nobody", false, clock.instant().plus(Duration.ofHours(1))),
        SECRET,
        JWSAlgorithm.HS256);
  }

  public String expired(String tenant) {
    return signed(
        claims(tenant, "user", false, clock.instant().minus(Duration.ofMinutes(5))),
        SECRET,
        JWSAlgorithm.HS256);
  }

  public String withoutExpiry(String tenant) {
    return signed(claims(tenant, "user", false, null), SECRET, JWSAlgorithm.HS256);
  }

  public String signedWith(String secret, String tenant) {
    return signed(
        claims(tenant, "user", false, clock.instant().plus(Duration.ofHours(1))),
        secret,
        JWSAlgorithm.HS256);
  }

  public String hs512(String tenant) {
    return signed(
        claims(tenant, "user", false, clock.instant().plus(Duration.ofHours(1))),
        SECRET + SECRET,
        JWSAlgorithm.HS512);
  }

  /** Current and signed with the right key, but issued for another client of the provider. */
  public String forAudience(String tenant, String audience) {
    var claims =
        new JWTClaimsSet.Builder(
                claims(tenant, "user", false, clock.instant().plus(Duration.ofHours(1))))
            .audience(audience)
            .build();
    return signed(claims, SECRET, JWSAlgorithm.HS256);
  }

  public String withoutAudience(String tenant) {
    var claims =
        new JWTClaimsSet.Builder(
                claims(tenant, "user", false, clock.instant().plus(Duration.ofHours(1))))
            .audience((String) null)
            .build();
    return signed(claims, SECRET, JWSAlgorithm.HS256);
  }

  /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
  public String unsigned(String tenant) {
    return new PlainJWT(claims(tenant, "user", true, clock.instant().plus(Duration.ofHours(1))))
        .serialize();
  }

  private JWTClaimsSet claims(String tenant, String subject, boolean admin, Instant expiry) {
    var claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .audience(AUDIENCE)
            .issueTime(Date.from(clock.instant()));
    if (tenant != null) {
      claims.claim("clientId", tenant);
    }
    if (admin) {
      claims.claim("roles", List.of("admin"));
    }
    if (expiry != null) {
      claims.expirationTime(Date.from(expiry));
    }
    return claims.build();
  }

  private static String signed(JWTClaimsSet claims, String secret, JWSAlgorithm algorithm) {
    try {
      var jwt = new SignedJWT(new JWSHeader(algorithm), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
