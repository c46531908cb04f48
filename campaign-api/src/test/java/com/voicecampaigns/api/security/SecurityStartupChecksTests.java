package com.voicecampaigns.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which profile, platform and settings {@link SecurityStartupChecks} lets start. */
class SecurityStartupChecksTests {

  private static final String LOCAL_SECRET =
      "api.security.hmac-secret=" + SecurityStartupChecks.LOCAL_HMAC_SECRET;
  private static final String OWN_SECRET =
      "api.security.hmac-secret=a-secret-of-this-deployment-only-0123456789";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
          .withUserConfiguration(Settings.class, SecurityStartupChecks.class);

  @Test
  void theGkeProfileNeedsAnAudience() {
    runner
        .withPropertyValues("spring.profiles.active=gke")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("the gke profile needs API_SECURITY_AUDIENCES"));
    runner
        .withPropertyValues("spring.profiles.active=gke", "api.security.audiences=campaign-api")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void theLocalSecretIsRefusedWithoutTheLocalProfile() {
    runner
        .withPropertyValues(LOCAL_SECRET)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("which only the local profile may use"));
    runner
        .withPropertyValues(
            LOCAL_SECRET, "spring.profiles.active=gke", "api.security.audiences=campaign-api")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void theLocalSecretIsRefusedOnKubernetesEvenInTheLocalProfile() {
    runner
        .withPropertyValues(
            LOCAL_SECRET, "spring.profiles.active=local", "spring.main.cloud-platform=kubernetes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("the local profile runs on Kubernetes"));
  }

  @Test
  void theLocalProfileMayUseItsSecretOnADevelopersMachine() {
    runner
        .withPropertyValues(
            LOCAL_SECRET, "spring.profiles.active=local", "spring.main.cloud-platform=none")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void aSecretOfItsOwnRunsAnywhere() {
    runner
        .withPropertyValues(
            OWN_SECRET, "spring.profiles.active=local", "spring.main.cloud-platform=kubernetes")
        .run(context -> assertThat(context).hasNotFailed());
    runner.withPropertyValues(OWN_SECRET).run(context -> assertThat(context).hasNotFailed());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ApiProperties.class)
  static class Settings {}
}
