package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voicecampaigns.model.event.CampaignScheduled;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;

/** A broker that refuses the event must not fail the request; it is counted instead. */
class CampaignEventsTests {

  private static final Instant DUE = Instant.parse("2026-05-01T09:00:00Z");

  private final StreamBridge bridge = mock(StreamBridge.class);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final CampaignEvents events =
      new CampaignEvents(bridge, Clock.fixed(DUE, ZoneOffset.UTC), meters);

  @Test
  void aThrowingBinderIsCountedAsAFailureAndDoesNotThrow() {
    when(bridge.send(eq(CampaignEvents.BINDING), any()))
        .thenThrow(new IllegalStateException("broker down"));

    assertThatCode(() -> events.scheduled("c1", DUE)).doesNotThrowAnyException();

    assertThat(count("failed")).isEqualTo(1);
    assertThat(count("published")).isZero();
  }

  @Test
  void aRefusedSendIsCountedAsAFailure() {
    when(bridge.send(eq(CampaignEvents.BINDING), any())).thenReturn(false);

    events.scheduled("c1", DUE);

    assertThat(count("failed")).isEqualTo(1);
  }

  @Test
  void anAcceptedSendIsCountedAsPublished() {
    when(bridge.send(CampaignEvents.BINDING, new CampaignScheduled("c1", DUE, DUE)))
        .thenReturn(true);

    events.scheduled("c1", DUE);

    assertThat(count("published")).isEqualTo(1);
    assertThat(count("failed")).isZero();
  }

  private double count(String outcome) {
    return meters.get("api.campaign.events").tag("outcome", outcome).counter().count();
  }
}
