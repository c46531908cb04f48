package com.voicecampaigns.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

/** Callbacks without signature checks are for the local profile only. */
class SignatureCheckStartupTests {

  @Test
  void aWorkerWithoutSignatureChecksOutsideTheLocalProfileRefusesToStart() {
    try (PlivoSimulator plivo = PlivoSimulator.start()) {
      assertThatThrownBy(
              () ->
                  WorkerInstance.start(
                      MongoBackend.freshDatabaseName(SignatureCheckStartupTests.class),
                      "unsigned",
                      plivo,
                      "w-unsigned",
                      Map.of("worker.verify-signatures", "false")))
          .rootCause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "WORKER_VERIFY_SIGNATURES=false (worker.verify-signatures) is allowed only in the"
                  + " local profile");
    }
  }

  @Test
  void theGkeProfileRefusesToSkipTheCheck() {
    assertThatThrownBy(() -> verifier(false, "gke"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("allowed only in the local profile");
  }

  @Test
  void theLocalProfileMaySkipTheCheck() {
    var request = new MockHttpServletRequest("POST", "/plivo/hangup/c1");

    assertThat(verifier(false, "local").isValid(request, Map.of("CallUUID", "u1"))).isTrue();
    assertThat(verifier(true, "local").isValid(request, Map.of("CallUUID", "u1"))).isFalse();
    assertThat(verifier(true, "gke").isValid(request, Map.of("CallUUID", "u1"))).isFalse();
  }

  private static PlivoSignatureVerifier verifier(boolean verifySignatures, String profile) {
    var environment = new MockEnvironment();
    environment.setActiveProfiles(profile);
    Duration second = Duration.ofSeconds(1);
    var worker =
        new WorkerProperties(
            "w1",
            URI.create("https://callbacks.example.test"),
            second,
            second,
            second,
            second.multipliedBy(30),
            verifySignatures,
            1,
            1,
            second,
            second,
            second,
            second,
            Duration.ZERO,
            new WorkerProperties.Pacing(
                Duration.ZERO,
                Duration.ZERO,
                second,
                second,
                second,
                second,
                1,
                java.util.Map.of()),
            new WorkerProperties.Retry(1, second, second));
    var plivo =
        new PlivoProperties(
            URI.create("https://api.plivo.com/v1/"),
            "MA0000",
            "token-0000",
            2,
            second,
            second,
            second,
            second,
            second);
    return new PlivoSignatureVerifier(worker, plivo, environment);
  }
}
