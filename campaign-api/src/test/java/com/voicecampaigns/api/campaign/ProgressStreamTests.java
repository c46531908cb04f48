package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.Lease;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/campaigns/{id}/events} over real HTTP: an event on connect, one per change, a
 * heartbeat, the end; tenants; and many open streams on one instance (the shared test context
 * bounds them at 300, polls every 100 ms and beats every 500 ms).
 */
class ProgressStreamTests extends ApiTestBase {

  private static final int MAX_STREAMS = 300;
  private static final JsonMapper JSON = JsonMapper.shared();

  @Autowired CallAttemptStore attempts;
  @Autowired ProgressStreams streams;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Sse> opened = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeStreams() {
    opened.forEach(Sse::close);
    await().atMost(Duration.ofSeconds(20)).until(() -> streams.openStreams() == 0);
  }

  @Test
  void sendsTheCampaignOnConnectThenEachChangeAHeartbeatAndTheEnd() {
    String id = scheduledCampaign();

    Sse sse = open(id, token);

    await().atMost(Duration.ofSeconds(10)).until(() -> sse.events.size() == 1);
    assertThat(sse.status).isEqualTo(200);
    assertThat(sse.contentType).startsWith("text/event-stream");
    JsonNode first = sse.last("progress");
    assertThat(first.get("id").asString()).isEqualTo(id);
    assertThat(first.get("status").asString()).isEqualTo("scheduled");
    assertThat(first.get("progress").get("notCalled").asLong()).isEqualTo(2);

    setStatus(id, "running");
    Lease lease = new Lease(id, "dispatch-1", "worker-1");
    CallAttemptDocument call =
        CallAttemptDocument.first(
            new CallTarget(id, tenant, "contact-1", "+14155552671", FROM, null),
            CallAttemptDocument.Start.dialing(lease),
            clock.instant());
    assertThat(attempts.insert(call)).isTrue();
    attempts.hangUp(
        call.id(), "call-1", CallStatus.COMPLETED, "NORMAL_CLEARING", 30, clock.instant());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sse.count("progress", p -> completed(p) == 1) > 0);
    assertThat(sse.last("progress").get("status").asString()).isEqualTo("running");
    assertThat(sse.last("progress").get("progress").get("notCalled").asLong()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> sse.heartbeats.get() > 0);
    int progressEvents = sse.events.size();

    setStatus(id, "completed");

    await().atMost(Duration.ofSeconds(10)).until(() -> sse.finished);
    assertThat(sse.events.get(sse.events.size() - 1).name()).isEqualTo("end");
    assertThat(sse.last("progress").get("status").asString()).isEqualTo("completed");
    assertThat(sse.events).as("each change once").hasSize(progressEvents + 2);
  }

  @Test
  void aFinishedCampaignGetsItsStateAndTheEndAtOnce() {
    String id = scheduledCampaign();
    setStatus(id, "cancelled");

    Sse sse = open(id, token);

    await().atMost(Duration.ofSeconds(10)).until(() -> sse.finished);
    assertThat(sse.events).extracting(Sse.Event::name).containsExactly("progress", "end");
    assertThat(sse.last("progress").get("status").asString()).isEqualTo("cancelled");
  }

  @Test
  void anotherTenantsCampaignIs404AndNoTokenIs401() {
    String id = scheduledCampaign();
    String stranger = tokens.forTenant("other-" + UUID.randomUUID());

    Response hidden = get(id, stranger);
    Response anonymous = get(id, null);
    Response unknown = get(new ObjectId().toHexString(), token);

    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.contentType()).startsWith("application/problem+json");
    assertThat(hidden.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/not-found");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(streams.openStreams()).isZero();
  }

  @Test
  void holdsAsManyStreamsAsItMayOnAFewThreadsAndRefusesOneMore() {
    List<String> campaigns = List.of(scheduledCampaign(), scheduledCampaign(), scheduledCampaign());
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long heapBefore = usedHeap();
    long opening = System.nanoTime();
    List<Sse> all = new ArrayList<>();
    for (int batch = 0; batch < MAX_STREAMS / 20; batch++) {
      List<Sse> some = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        some.add(open(campaigns.get((batch * 20 + i) % 3), token));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(some)
                      .allSatisfy(s -> assertThat(s.events).as(s.toString()).hasSize(1)));
      all.addAll(some);
    }
    long openedMillis = (System.nanoTime() - opening) / 1_000_000;
    int threadsOpen = ManagementFactory.getThreadMXBean().getThreadCount();
    long heapOpen = usedHeap();
    assertThat(streams.openStreams()).isEqualTo(MAX_STREAMS);

    Response refused = get(campaigns.get(0), token);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/streams-busy");
    assertThat(refused.headers().firstValue("Retry-After")).contains("5");

    long changed = System.nanoTime();
    setStatus(campaigns.get(1), "paused");
    List<Sse> watchers = all.stream().filter(s -> s.campaignId.equals(campaigns.get(1))).toList();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> watchers.stream().allMatch(s -> s.events.size() == 2));
    long fanOutMillis = (System.nanoTime() - changed) / 1_000_000;
    assertThat(all.stream().filter(s -> !watchers.contains(s)))
        .as("the other campaigns did not change")
        .allMatch(s -> s.events.size() == 1);
    // no thread per stream: the client's and the server's threads together grew far less
    assertThat(threadsOpen - threadsBefore).isLessThan(MAX_STREAMS / 3);
    System.out.printf(
        "[sse] %d streams open in %d ms: JVM threads %d -> %d (test client included), heap used"
            + " %d -> %d MB; a change reached its %d streams within %d ms (poll 100 ms)%n",
        MAX_STREAMS,
        openedMillis,
        threadsBefore,
        threadsOpen,
        heapBefore >> 20,
        heapOpen >> 20,
        watchers.size(),
        fanOutMillis);

    all.forEach(Sse::close);
    await().atMost(Duration.ofSeconds(20)).until(() -> streams.openStreams() == 0);
    Sse again = open(campaigns.get(0), token);
    await().atMost(Duration.ofSeconds(10)).until(() -> again.events.size() == 1);
  }

  private static long completed(JsonNode campaign) {
    JsonNode byStatus = campaign.get("progress").get("byStatus");
    return byStatus.has("completed") ? byStatus.get("completed").asLong() : 0;
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private Response get(String id, String bearer) {
    return api.send(
        api.request("/api/v1/campaigns/" + id + "/events", bearer)
            .header("Accept", "text/event-stream")
            .GET());
  }

  private Sse open(String campaignId, String bearer) {
    Sse sse = new Sse(campaignId);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.url("/api/v1/campaigns/" + campaignId + "/events")))
            .header("Authorization", "Bearer " + bearer)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    http.sendAsync(
        request,
        info -> {
          sse.status = info.statusCode();
          sse.contentType = info.headers().firstValue("Content-Type").orElse("");
          return BodySubscribers.fromLineSubscriber(sse);
        });
    opened.add(sse);
    return sse;
  }

  /** One stream's events, parsed as they arrive, without a thread of its own. */
  static final class Sse implements Flow.Subscriber<String> {
    record Event(String name, String data) {}

    final String campaignId;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    volatile int status;
    volatile String contentType;
    volatile boolean finished;
    private volatile Flow.Subscription subscription;
    private String name;
    private final StringBuilder data = new StringBuilder();

    Sse(String campaignId) {
      this.campaignId = campaignId;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.isEmpty()) {
        if (name != null || data.length() > 0) {
          events.add(new Event(name == null ? "message" : name, data.toString()));
        }
        name = null;
        data.setLength(0);
      } else if (line.startsWith(":")) {
        heartbeats.incrementAndGet();
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).strip());
      }
    }

    @Override
    public void onError(Throwable throwable) {
      finished = true;
    }

    @Override
    public void onComplete() {
      finished = true;
    }

    @Override
    public String toString() {
      return "stream of "
          + campaignId
          + ": status "
          + status
          + ", "
          + events.size()
          + " events, "
          + heartbeats.get()
          + " heartbeats, finished "
          + finished;
    }

    void close() {
      if (subscription != null) {
        subscription.cancel();
      }
    }

    JsonNode last(String event) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i).name().equals(event)) {
          return JSON.readTree(events.get(i).data());
        }
      }
      throw new AssertionError("no " + event + " event in " + events);
    }

    long count(String event, java.util.function.Predicate<JsonNode> matching) {
      return events.stream()
          .filter(e -> e.name().equals(event))
          .map(e -> JSON.readTree(e.data()))
          .filter(matching)
          .count();
    }
  }
}
