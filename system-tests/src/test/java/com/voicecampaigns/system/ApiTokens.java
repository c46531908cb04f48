package com.voicecampaigns.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The campaign API requires a JWT bearer token; the system under test verifies HS256 tokens with
 * {@link #SECRET} (property {@code api.security.hmac-secret}), as the local profile does.
 */
final class ApiTokens {

  static final String SECRET = "system-tests-hs256-secret-0123456789-abcdef";
  static final String TENANT = "system-tests";

  private ApiTokens() {}

  /** A token of tenant {@link #TENANT}, valid for two hours. */
  static String token() {
    try {
      var claims =
          new JWTClaimsSet.Builder()
              .subject("system-tests")
              .claim("clientId", TENANT)
              .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
              .build();
      var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
