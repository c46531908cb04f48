package com.voicecampaigns.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client's timeouts: each positive, and their sum the bound of one Make-Call request. */
class PlivoPropertiesTests {

  static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void theLongestRequestIsTheConnectPlusTheReadTimeout() {
    assertThat(
            properties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .callTimeout())
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void zeroTimeoutsAreRefused() {
    assertThat(messages(properties(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(2))))
        .containsExactly("plivo.connect-timeout and plivo.read-timeout must be positive");
    assertThat(messages(properties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ZERO)))
        .containsExactly("plivo.idle-connection-timeout must be positive");
    assertThat(
            messages(
                properties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2))))
        .isEmpty();
  }

  private static java.util.List<String> messages(PlivoProperties properties) {
    return VALIDATOR.validate(properties).stream().map(ConstraintViolation::getMessage).toList();
  }

  private static PlivoProperties properties(Duration connect, Duration read, Duration idle) {
    return new PlivoProperties(
        URI.create("https://api.plivo.com/v1/"),
        "MA0000",
        "token",
        2,
        connect,
        read,
        idle,
        Duration.ofSeconds(60),
        Duration.ofHours(1));
  }
}
