package com.voicecampaigns.api.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voicecampaigns.api.CampaignApiApplication;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application, started as a deployment starts it, refuses unsafe settings ({@link
 * SecurityStartupChecksTests} has every case; {@link JwksTokenTests} starts the gke profile with an
 * audience).
 */
class SecurityStartupTests {

  private static final String JWK_SET_URI =
      "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://auth.example.test/keys";

  @Test
  void theGkeProfileRefusesToStartWithoutAnAudience() {
    assertThatThrownBy(() -> start("gke", JWK_SET_URI))
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the gke profile needs API_SECURITY_AUDIENCES");
  }

  @Test
  void theLocalProfileRefusesItsOwnSecretOnKubernetes() {
    // the dev overlay without its Secret: application-local.yml's default is the published secret
    assertThatThrownBy(() -> start("local", "spring.main.cloud-platform=kubernetes"))
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the local profile runs on Kubernetes with its published HS256");
  }

  private static ConfigurableApplicationContext start(String profile, String... settings) {
    Map<String, String> properties =
        new LinkedHashMap<>(
            TestInfrastructure.properties(
                MongoBackend.freshDatabaseName(SecurityStartupTests.class)));
    properties.put("server.port", "0");
    for (String setting : settings) {
      String[] pair = setting.split("=", 2);
      properties.put(pair[0], pair[1]);
    }
    var builder = new SpringApplicationBuilder(CampaignApiApplication.class);
    if (profile != null) {
      builder.profiles(profile);
    }
    return builder.run(
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new));
  }
}
