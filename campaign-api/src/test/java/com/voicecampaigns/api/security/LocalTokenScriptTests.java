package com.voicecampaigns.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * {@code bin/local-token} signs with the local profile's default secret, so the tokens it prints
 * pass the same verification the API performs.
 */
class LocalTokenScriptTests {

  private static final Path SCRIPT = Path.of("..", "bin", "local-token");

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "java"})
  void printsATokenTheLocalProfileAccepts(String signer) throws Exception {
    Jwt jwt = decoder().decode(run(signer, "--client", "acme", "--sub", "alice"));

    assertThat(jwt.getClaimAsString("clientId")).isEqualTo("acme");
    assertThat(jwt.getSubject()).isEqualTo("alice");
    assertThat(jwt.getClaims()).doesNotContainKey("roles");
    assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt().plus(Duration.ofHours(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "java"})
  void namesTheAudienceOnRequest(String signer) throws Exception {
    String token = run(signer, "--client", "acme", "--aud", "campaign-api");
    JwtDecoder decoder =
        TokenValidation.hmacDecoder(
            localSecret(),
            List.of(
                TokenValidation.lifetime(Duration.ofSeconds(60), Clock.systemUTC()),
                TokenValidation.audience(List.of("campaign-api"))));

    assertThat(decoder.decode(token).getAudience()).containsExactly("campaign-api");
    assertThatThrownBy(() -> decoder.decode(run(signer, "--client", "acme")))
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("aud");
  }

  @Test
  void theLocalSecretIsTheOneTheApiRefusesOutsideTheLocalProfile() {
    assertThat(localSecret()).isEqualTo(SecurityStartupChecks.LOCAL_HMAC_SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "java"})
  void grantsTheAdminRoleOnRequest(String signer) throws Exception {
    Jwt jwt = decoder().decode(run(signer, "--admin"));

    assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
    assertThat(jwt.getClaims()).doesNotContainKey("clientId");
  }

  private static JwtDecoder decoder() {
    return TokenValidation.hmacDecoder(
        localSecret(),
        List.of(TokenValidation.lifetime(Duration.ofSeconds(60), Clock.systemUTC())));
  }

  /** The default of {@code api.security.hmac-secret} in {@code application-local.yml}. */
  private static String localSecret() {
    var yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application-local.yml"));
    String configured = yaml.getObject().getProperty("api.security.hmac-secret");
    return new PropertyPlaceholderHelper("${", "}", ":", null, true)
        .replacePlaceholders(configured, name -> null);
  }

  private static String run(String signer, String... args)
      throws IOException, InterruptedException {
    assertThat(Files.isExecutable(SCRIPT)).as(SCRIPT + " is executable").isTrue();
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    env.remove("API_SECURITY_HMAC_SECRET");
    env.remove("API_SECURITY_AUDIENCES");
    env.put("LOCAL_TOKEN_SIGNER", signer);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    String out =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
