package com.voicecampaigns.system;

import static org.awaitility.Awaitility.await;

import com.voicecampaigns.simulator.SimulatedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.client.RestClient;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics behind the operations dashboard and alerts: one campaign through the three services,
 * then their {@code /actuator/prometheus} endpoints must expose every service metric that {@code
 * ops/grafana/dashboards/voice-campaigns.json} and {@code ops/prometheus/rules/*.yml} name (read
 * from those files, so a renamed metric breaks this test, not the dashboard), tagged with the
 * service's {@code application}, and the ones a campaign moves must have moved.
 */
@ExtendWith(SharedSystem.class)
class MetricsSystemTests {

  private static final String FROM = "+918035735659";
  private static final List<String> NUMBERS =
      List.of("+14155552680", "+442071838751", "+918035735651");

  /** Service metrics in PromQL: the three services' prefixes, and the pod-count metric. */
  private static final Pattern SERVICE_METRIC =
      Pattern.compile("\\b((?:api|dispatcher|worker)_[a-z0-9_]+|process_uptime_seconds)\\b");

  private static final Map<String, String> APPLICATION_OF_PREFIX =
      Map.of(
          "api_", "campaign-api", "dispatcher_", "campaign-dispatcher", "worker_", "call-worker");

  static RunningSystem system;

  @BeforeAll
  static void useSystem(RunningSystem shared) {
    system = shared;
  }

  @Test
  void everyMetricOfTheDashboardAndAlertsIsExposedAndACampaignMovesThem() {
    Scrape before = Scrape.of(system);
    // One Make Call request is rate-limited: Plivo's 429 path is what the 429 panel and the
    // Plivo alerts watch, and the worker retries the contact.
    system.simulator().failNext(429, 1);

    runOneCampaign();

    SoftAssertions softly = new SoftAssertions();
    // Every contact called once (the rate-limited request retried), every call hung up: hangup
    // callbacks may trail the campaign's completion by a moment.
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              MetricsSystemTests::acceptedCalls,
              calls ->
                  calls.size() == NUMBERS.size()
                      && calls.stream().allMatch(c -> c.finished() && c.hangupDelivered()));
    } catch (ConditionTimeoutException e) {
      softly.fail("calls accepted by Plivo and hung up: " + acceptedCalls(), e);
    }
    Scrape after = Scrape.of(system);

    Set<String> named = namedServiceMetrics();
    softly
        .assertThat(named)
        .as("metrics named by the dashboard and the rules")
        .hasSizeGreaterThan(15);
    Set<String> missing = new TreeSet<>();
    for (String metric : named) {
      String application = applicationOf(metric);
      List<Sample> samples = after.samples(metric);
      if (application == null) {
        for (String app : List.of("campaign-api", "campaign-dispatcher", "call-worker")) {
          if (samples.stream().noneMatch(s -> app.equals(s.labels().get("application")))) {
            missing.add(metric + "{application=\"" + app + "\"}");
          }
        }
      } else if (samples.stream()
          .noneMatch(s -> application.equals(s.labels().get("application")))) {
        missing.add(metric + "{application=\"" + application + "\"}");
      }
    }
    softly
        .assertThat(missing)
        .as("metrics named by the dashboard or the alerts but not exposed")
        .isEmpty();

    // what one campaign of three answered calls, with one rate-limited request, must move
    int placedCalls = NUMBERS.size();
    // the meter api.campaigns.created: Prometheus reserves the _created suffix, so Micrometer
    // exposes it as api_campaigns_total
    assertMoved(softly, before, after, "api_campaigns_total", any(), 1);
    assertMoved(
        softly, before, after, "api_campaign_events_total", label("outcome", "published"), 1);
    assertMoved(softly, before, after, "dispatcher_campaigns_started_total", any(), 1);
    assertMoved(softly, before, after, "dispatcher_start_lag_seconds_count", any(), 1);
    assertMoved(softly, before, after, "dispatcher_ticks_total", any(), 1);
    assertMoved(softly, before, after, "worker_calls_placed_total", any(), placedCalls);
    assertMoved(softly, before, after, "worker_calls_answered_total", any(), 1);
    assertMoved(softly, before, after, "worker_calls_ended_total", any(), placedCalls);
    assertMoved(
        softly, before, after, "worker_calls_failed_total", label("reason", "plivo-429"), 1);
    assertMoved(
        softly, before, after, "worker_plivo_requests_seconds_count", label("status", "429"), 1);
    assertMoved(
        softly,
        before,
        after,
        "worker_plivo_requests_seconds_count",
        s -> s.labels().getOrDefault("status", "").startsWith("2"),
        placedCalls);
    assertMoved(softly, before, after, "worker_plivo_requests_seconds_bucket", any(), 1);
    assertMoved(softly, before, after, "worker_pacing_wait_seconds_count", any(), 1);

    softly
        .assertThat(after.sum("worker_campaigns_capacity", any()))
        .as("worker_campaigns_capacity")
        .isPositive();
    softly
        .assertThat(after.sum("worker_calls_placed_total", any()))
        .as("calls placed never exceed the Make Call requests Plivo accepted")
        .isLessThanOrEqualTo(
            after.sum(
                "worker_plivo_requests_seconds_count",
                s -> s.labels().getOrDefault("status", "").startsWith("2")));
    // the dispatcher ticks itself every second in this system: the age stays far from the alert
    softly
        .assertThat(after.sum("dispatcher_tick_age_seconds", any()))
        .as("dispatcher_tick_age_seconds")
        .isLessThan(30);
    softly
        .assertThat(after.sum("dispatcher_due_backlog", any()))
        .as("dispatcher_due_backlog")
        .isZero();
    softly.assertAll();
  }

  /** This test's Make Call requests the simulator accepted (not the rate-limited one). */
  private static List<SimulatedCall> acceptedCalls() {
    return system.simulator().calls().stream()
        .filter(SimulatedCall::accepted)
        .filter(call -> NUMBERS.contains(call.to()))
        .toList();
  }

  private static void runOneCampaign() {
    CampaignClient campaigns = new CampaignClient(system.apiClient());
    Map<String, Object> campaign =
        campaigns.schedule(
            "metrics", NUMBERS, FROM, "wss://bot.example.com/socket", Instant.now().plusSeconds(2));
    campaigns.awaitStatus((String) campaign.get("id"), "completed", Duration.ofSeconds(60));
  }

  private static void assertMoved(
      SoftAssertions softly,
      Scrape before,
      Scrape after,
      String metric,
      Predicate<Sample> which,
      double atLeast) {
    softly.assertThat(after.samples(metric)).as(metric + " is exposed").isNotEmpty();
    softly
        .assertThat(after.sum(metric, which) - before.sum(metric, which))
        .as(metric + " moved during one campaign")
        .isGreaterThanOrEqualTo(atLeast);
  }

  private static Predicate<Sample> any() {
    return sample -> true;
  }

  private static Predicate<Sample> label(String name, String value) {
    return sample -> value.equals(sample.labels().get(name));
  }

  private static String applicationOf(String metric) {
    return APPLICATION_OF_PREFIX.entrySet().stream()
        .filter(entry -> metric.startsWith(entry.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Every service metric in the dashboard's queries and the alert rules' expressions. */
  private static Set<String> namedServiceMetrics() {
    Path root = repositoryRoot();
    List<String> expressions = new ArrayList<>();
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(read(root.resolve("ops/grafana/dashboards/voice-campaigns.json")));
    for (JsonNode panel : dashboard.get("panels")) {
      JsonNode targets = panel.get("targets");
      if (targets != null) {
        targets.forEach(target -> expressions.add(target.get("expr").asString()));
      }
    }
    try (var rules = Files.list(root.resolve("ops/prometheus/rules"))) {
      for (Path file : rules.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        Map<String, Object> content = new Yaml().load(read(file));
        for (Object group : (List<?>) content.get("groups")) {
          for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
            expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> names = new TreeSet<>();
    for (String expression : expressions) {
      Matcher matcher = SERVICE_METRIC.matcher(expression);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("ops/grafana/dashboards"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("ops/grafana/dashboards not found above the working dir");
    }
    return dir;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One sample of the Prometheus text format. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** The three services' /actuator/prometheus, parsed. */
  record Scrape(List<Sample> samples) {

    private static final Pattern LINE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL =
        Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Scrape of(RunningSystem system) {
      List<Sample> samples = new ArrayList<>();
      for (AppProcess app : List.of(system.api(), system.dispatcher(), system.worker())) {
        String text =
            RestClient.create(app.url())
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .body(String.class);
        text.lines()
            .filter(line -> !line.startsWith("#") && !line.isBlank())
            .forEach(
                line -> {
                  Matcher m = LINE.matcher(line);
                  if (!m.matches()) {
                    throw new IllegalStateException("not a Prometheus sample: " + line);
                  }
                  Map<String, String> labels = new LinkedHashMap<>();
                  if (m.group(2) != null) {
                    Matcher label = LABEL.matcher(m.group(2));
                    while (label.find()) {
                      labels.put(label.group(1), label.group(2));
                    }
                  }
                  samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
                });
      }
      return new Scrape(samples);
    }

    List<Sample> samples(String metric) {
      return samples.stream().filter(sample -> sample.name().equals(metric)).toList();
    }

    double sum(String metric, Predicate<Sample> which) {
      return samples(metric).stream().filter(which).mapToDouble(Sample::value).sum();
    }
  }
}
