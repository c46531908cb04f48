package com.voicecampaigns.dispatcher.timer;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.support.ManualTaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartTimersTests {

  private static final Instant T0 = Instant.parse("2030-03-04T09:00:00Z");

  private final ManualTaskScheduler scheduler = new ManualTaskScheduler();
  private final List<String> fired = new ArrayList<>();

  private StartTimers timers(int capacity) {
    return new StartTimers(
        scheduler,
        new DispatcherProperties(
            100,
            Duration.ofSeconds(50),
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            capacity,
            new DispatcherProperties.PublishRetry(3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
            new DispatcherProperties.LocalTick(false, Duration.ofSeconds(60))));
  }

  @Test
  void firesOnceAtTheArmedInstantAndForgetsTheTimer() {
    StartTimers timers = timers(10);
    timers.arm("c1", T0.plusSeconds(5), () -> fired.add("c1"));

    assertThat(scheduler.runDue(T0.plusSeconds(4))).isZero();
    assertThat(scheduler.runDue(T0.plusSeconds(5))).isEqualTo(1);
    assertThat(scheduler.runDue(T0.plusSeconds(60))).isZero();

    assertThat(fired).containsExactly("c1");
    assertThat(timers.armedAt("c1")).isEmpty();
  }

  @Test
  void armingAtAnotherInstantReplacesTheTimer() {
    StartTimers timers = timers(10);
    timers.arm("c1", T0.plusSeconds(5), () -> fired.add("first"));
    timers.arm("c1", T0.plusSeconds(9), () -> fired.add("second"));

    scheduler.runDue(T0.plusSeconds(60));

    assertThat(fired).containsExactly("second");
  }

  @Test
  void armingAgainAtTheSameInstantKeepsTheOneTimer() {
    StartTimers timers = timers(10);
    timers.arm("c1", T0.plusSeconds(5), () -> fired.add("c1"));
    timers.arm("c1", T0.plusSeconds(5), () -> fired.add("c1"));

    assertThat(scheduler.pending()).hasSize(1);
    scheduler.runDue(T0.plusSeconds(5));
    assertThat(fired).containsExactly("c1");
  }

  @Test
  void disarmingCancelsTheTimer() {
    StartTimers timers = timers(10);
    timers.arm("c1", T0.plusSeconds(5), () -> fired.add("c1"));

    timers.disarm("c1");

    assertThat(scheduler.runDue(T0.plusSeconds(60))).isZero();
    assertThat(fired).isEmpty();
  }

  @Test
  void refusesNewTimersWhenFullButStillReArmsArmedOnes() {
    StartTimers timers = timers(1);
    assertThat(timers.arm("c1", T0.plusSeconds(5), () -> fired.add("c1"))).isTrue();

    assertThat(timers.arm("c2", T0.plusSeconds(5), () -> fired.add("c2"))).isFalse();
    assertThat(timers.arm("c1", T0.plusSeconds(7), () -> fired.add("c1 again"))).isTrue();

    scheduler.runDue(T0.plusSeconds(60));
    assertThat(fired).containsExactly("c1 again");
  }

  @Test
  void aFailingActionDoesNotStopOtherTimers() {
    StartTimers timers = timers(10);
    timers.arm(
        "c1",
        T0.plusSeconds(1),
        () -> {
          throw new IllegalStateException("MongoDB unreachable");
        });
    timers.arm("c2", T0.plusSeconds(2), () -> fired.add("c2"));

    scheduler.runDue(T0.plusSeconds(5));

    assertThat(fired).containsExactly("c2");
    assertThat(timers.size()).isZero();
  }
}
