package com.voicecampaigns.api.security;

import com.voicecampaigns.api.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What a bearer token must satisfy besides its signature, whichever key verifies it: an {@code
 * exp}, not passed (with {@code api.security.clock-skew}), {@code nbf} and {@code typ} when
 * present, and, when {@code api.security.audiences} is set, an {@code aud} naming one of them.
 *
 * <p>These are beans of type {@code OAuth2TokenValidator<Jwt>}: Spring Boot's resource server adds
 * such beans to the decoder it builds from the issuer or JWK set URI (after Spring Security's
 * defaults, {@link JwtValidators#createDefaultWithValidators}), and the HS256 decoder below takes
 * the same ones.
 */
@Configuration(proxyBeanMethods = false)
class TokenValidation {

  /** {@code exp} required (Spring Security's default accepts a token without one) and current. */
  @Bean
  JwtTimestampValidator tokenLifetimeValidator(ApiProperties properties, Clock clock) {
    return lifetime(properties.security().clockSkew(), clock);
  }

  @Bean
  @Conditional(AudiencesConfigured.class)
  JwtClaimValidator<Collection<String>> tokenAudienceValidator(ApiProperties properties) {
    return audience(properties.security().audiences());
  }

  /** HS256 with a shared secret (local profile, tests), with the validators above. */
  @Bean
  @ConditionalOnProperty(prefix = "api.security", name = "hmac-secret")
  JwtDecoder hmacJwtDecoder(
      ApiProperties properties, ObjectProvider<OAuth2TokenValidator<Jwt>> validators) {
    return hmacDecoder(properties.security().hmacSecret(), validators.orderedStream().toList());
  }

  static JwtTimestampValidator lifetime(Duration clockSkew, Clock clock) {
    var lifetime = new JwtTimestampValidator(clockSkew);
    lifetime.setAllowEmptyExpiryClaim(false);
    lifetime.setClock(clock);
    return lifetime;
  }

  /** At least one of {@code audiences} in {@code aud} (a string or a list in the token). */
  static JwtClaimValidator<Collection<String>> audience(List<String> audiences) {
    return new JwtClaimValidator<>(
        JwtClaimNames.AUD, aud -> aud != null && !Collections.disjoint(aud, audiences));
  }

  static JwtDecoder hmacDecoder(String secret, List<OAuth2TokenValidator<Jwt>> validators) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < 32) {
      throw new IllegalStateException("api.security.hmac-secret must be at least 32 bytes");
    }
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
    return decoder;
  }

  /** {@code api.security.audiences} holds at least one value (as a list or comma-separated). */
  static class AudiencesConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment())
          .bind("api.security.audiences", Bindable.listOf(String.class))
          .map(audiences -> !audiences.isEmpty())
          .orElse(false);
    }
  }
}
