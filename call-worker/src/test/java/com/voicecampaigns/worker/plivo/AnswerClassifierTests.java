package com.voicecampaigns.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every answer a Make-Call request can get, sorted: only what certainly placed no call may be sent
 * again. (The same answers from a real HTTP server: {@code PlivoCallsTests}.)
 */
class AnswerClassifierTests {

  static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  @ParameterizedTest
  @CsvSource({
    "429, NotPlaced, plivo-429",
    "503, NotPlaced, plivo-503",
    "500, Ambiguous, plivo-5xx",
    "501, Ambiguous, plivo-5xx",
    "502, Ambiguous, plivo-5xx",
    "504, Ambiguous, plivo-5xx",
    "400, Refused, plivo-4xx",
    "422, Refused, plivo-4xx",
    "401, Refused, auth",
    "402, Refused, plivo-4xx",
    "403, Refused, auth",
    "404, Refused, plivo-4xx",
    "302, Refused, plivo-4xx"
  })
  void eachStatusIsSortedByWhetherACallMayExist(int status, String kind, String reason) {
    MakeCallOutcome outcome =
        AnswerClassifier.ofStatus(new PlivoApiException(status, "{}", null), NOW);

    assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
    assertThat(outcome.reason()).isEqualTo(reason);
  }

  @Test
  void onlyTheNumbersOwnRefusalsLeaveTheCampaignRunning() {
    assertThat(refused(400).accountLevel()).isFalse();
    assertThat(refused(422).accountLevel()).isFalse();
    assertThat(refused(401).accountLevel()).isTrue();
    assertThat(refused(402).accountLevel()).isTrue();
    assertThat(refused(404).accountLevel()).isTrue();
  }

  @Test
  void aFailureBeforeAnyByteWasSentIsNotPlacedAndEveryOtherOneIsAmbiguous() {
    assertThat(
            AnswerClassifier.ofFailure(
                new RequestNotSentException(new ConnectException("Connection refused"))))
        .isInstanceOf(MakeCallOutcome.NotPlaced.class)
        .extracting(MakeCallOutcome::reason)
        .isEqualTo("connect");
    assertThat(AnswerClassifier.ofFailure(new SocketTimeoutException("Read timed out")).reason())
        .isEqualTo("timeout");
    assertThat(AnswerClassifier.ofFailure(new InterruptedIOException("timeout")).reason())
        .isEqualTo("timeout");
    assertThat(AnswerClassifier.ofFailure(new EOFException("unexpected end of stream")))
        .isInstanceOf(MakeCallOutcome.Ambiguous.class)
        .extracting(MakeCallOutcome::reason)
        .isEqualTo("broken");
    assertThat(AnswerClassifier.ofFailure(new IOException("Connection reset")).reason())
        .isEqualTo("broken");
    assertThat(AnswerClassifier.ofFailure(new JsonParseException(null, "Unexpected character")))
        .isInstanceOf(MakeCallOutcome.Ambiguous.class)
        .extracting(MakeCallOutcome::reason)
        .isEqualTo("unreadable");
    assertThat(AnswerClassifier.ofFailure(new IllegalStateException("no body")))
        .isInstanceOf(MakeCallOutcome.Ambiguous.class)
        .extracting(MakeCallOutcome::reason)
        .isEqualTo("unreadable");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "7 | PT7S",
        "' 12 ' | PT12S",
        "0 | PT0S",
        "-3 | PT0S",
        "soon | PT0S",
        "Tue, 01 Jan 2030 10:00:30 GMT | PT30S",
        "Tue, 01 Jan 2030 09:59:00 GMT | PT0S"
      })
  void retryAfterIsReadAsSecondsOrAnHttpDate(String header, Duration expected) {
    assertThat(AnswerClassifier.retryAfter(header, NOW)).isEqualTo(expected);
  }

  @Test
  void aMissingRetryAfterIsNoWaitOfPlivosOwn() {
    assertThat(AnswerClassifier.retryAfter(null, NOW)).isZero();
    MakeCallOutcome.NotPlaced limited =
        (MakeCallOutcome.NotPlaced)
            AnswerClassifier.ofStatus(new PlivoApiException(429, "{}", "3"), NOW);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void plivosOwnWordsAreTheDetail() {
    MakeCallOutcome outcome =
        AnswerClassifier.ofStatus(
            new PlivoApiException(400, "{\"api_id\":\"x\",\"error\":\"invalid to number\"}", null),
            NOW);
    assertThat(outcome.detail()).isEqualTo("Plivo 400: invalid to number");
    assertThat(
            AnswerClassifier.ofStatus(
                    new PlivoApiException(502, "<html>bad gateway</html>", null), NOW)
                .detail())
        .isEqualTo("Plivo answered 502: <html>bad gateway</html>");
  }

  private static MakeCallOutcome.Refused refused(int status) {
    return (MakeCallOutcome.Refused)
        AnswerClassifier.ofStatus(new PlivoApiException(status, "{}", null), NOW);
  }
}
