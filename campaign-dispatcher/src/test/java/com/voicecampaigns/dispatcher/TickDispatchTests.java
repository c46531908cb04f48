package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents.Received;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class TickDispatchTests extends DispatcherIntegrationSupport {

  @LocalServerPort int port;

  @Test
  void startsEveryDueCampaignOnceInBatchesAndLeavesFutureOnesScheduled() {
    List<Instant> dueTimes =
        IntStream.range(0, 10).mapToObj(i -> T0.minusSeconds(10L * i)).toList();
    List<String> due = campaigns.scheduled(dueTimes);
    String later = campaigns.scheduled(T0.plusSeconds(30));
    String muchLater = campaigns.scheduled(T0.plus(Duration.ofHours(3)));
    Timer batches = meters.find("dispatcher.claim.batch").timer();
    Timer lag = meters.find("dispatcher.start.lag").timer();
    long batchesBefore = batches.count();
    long lagsBefore = lag.count();
    double lagSecondsBefore = lag.totalTime(TimeUnit.SECONDS);
    double startedBefore = count("dispatcher.campaigns.started", "trigger", "tick");

    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> campaigns.countWithStatus(CampaignStatus.RUNNING) == 10);
    for (String id : due) {
      assertThat(campaigns.instant(id, CampaignFields.STARTED_AT)).isEqualTo(T0);
      assertThat(campaigns.instant(id, CampaignFields.DISPATCHED_AT)).isEqualTo(T0);
      assertThat(campaigns.dispatchId(id)).isNotBlank();
    }
    assertThat(campaigns.status(later)).isEqualTo("scheduled");
    assertThat(campaigns.dispatchId(later)).isNull();
    assertThat(campaigns.status(muchLater)).isEqualTo("scheduled");

    await().atMost(Duration.ofSeconds(20)).until(() -> starts.received().size() >= 10);
    assertThat(CampaignStartEvents.parse(starts.received()))
        .containsExactlyInAnyOrderElementsOf(
            due.stream().map(id -> new Received(id, campaigns.dispatchId(id))).toList());

    // 10 campaigns in batches of 3 take at least 4 batches
    assertThat(batches.count() - batchesBefore).isGreaterThanOrEqualTo(4);
    assertThat(count("dispatcher.campaigns.started", "trigger", "tick") - startedBefore)
        .isEqualTo(10);
    assertThat(lag.count() - lagsBefore).isEqualTo(10);
    double expectedLagSeconds =
        dueTimes.stream().mapToLong(t -> Duration.between(t, T0).toSeconds()).sum();
    assertThat(lag.totalTime(TimeUnit.SECONDS) - lagSecondsBefore).isEqualTo(expectedLagSeconds);
  }

  @Test
  void duplicateTicksStartEachCampaignOnce() {
    List<String> due =
        campaigns.scheduled(IntStream.range(0, 20).mapToObj(i -> T0.minusMillis(i)).toList());
    double ticksBefore = count("dispatcher.ticks");

    tick();
    tick();
    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> campaigns.countWithStatus(CampaignStatus.RUNNING) == 20);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("dispatcher.ticks") - ticksBefore == 3);
    // hold the count for a while: a second start would arrive within it
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .until(() -> starts.received().size() == 20);
    List<Received> events = CampaignStartEvents.parse(starts.received());
    assertThat(events.stream().map(Received::campaignId)).containsExactlyInAnyOrderElementsOf(due);
    for (Received event : events) {
      assertThat(event.dispatchId()).isEqualTo(campaigns.dispatchId(event.campaignId()));
    }
  }

  @Test
  void aPassThatRunsOutOfBudgetLeavesTheRestForTheNextTickAndReportsTheBacklog() {
    List<String> due =
        campaigns.scheduled(IntStream.range(0, 10).mapToObj(i -> T0.minusSeconds(i)).toList());
    // every read of the clock now costs 4 s of the 50 s budget: the pass reads it ten times
    // before it claims (timers, the four recovery rules), so it ends after one batch
    clock.advanceOnEveryRead(Duration.ofSeconds(4));

    tick();

    // the gauge is set when the pass ends; until then it still shows 0 from earlier passes
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> meters.find("dispatcher.due.backlog").gauge().value() > 0);
    clock.advanceOnEveryRead(Duration.ZERO);
    long stillScheduled = campaigns.countWithStatus(CampaignStatus.SCHEDULED);
    assertThat(stillScheduled).isBetween(1L, 9L);
    assertThat(meters.find("dispatcher.due.backlog").gauge().value())
        .isEqualTo((double) stillScheduled);

    tick();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> campaigns.countWithStatus(CampaignStatus.RUNNING) == 10);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> meters.find("dispatcher.due.backlog").gauge().value() == 0.0);
    assertThat(due.stream().map(campaigns::dispatchId)).doesNotContainNull();
  }

  @Test
  void tickAgeCountsSecondsSinceTheLastTick() {
    double ticksBefore = count("dispatcher.ticks");
    tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> count("dispatcher.ticks") > ticksBefore);

    clock.advance(Duration.ofSeconds(42));

    assertThat(meters.find("dispatcher.tick.age").gauge().value()).isEqualTo(42.0);
  }

  @Test
  void exposesTheAgreedMetricsOnThePrometheusEndpoint() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "dispatcher_campaigns_started_total{application=\"campaign-dispatcher\",trigger=\"tick\"}",
            "trigger=\"scheduled\"",
            "trigger=\"timer\"",
            "dispatcher_campaigns_recovered_total",
            "dispatcher_start_publish_failures_total",
            "dispatcher_start_lag_seconds_bucket",
            "dispatcher_claim_batch_seconds_count",
            "dispatcher_due_backlog",
            "dispatcher_ticks_total",
            "dispatcher_tick_age_seconds");
  }
}
