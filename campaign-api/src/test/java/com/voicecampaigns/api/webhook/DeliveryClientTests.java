package com.voicecampaigns.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connect-time checks: a name that resolved to a public address when the endpoint was
 * registered and resolves to a loopback one when the delivery connects (DNS rebinding) is refused
 * before any connection, and so is a URL whose host is a private IP literal; the receiver, a real
 * HTTP server on 127.0.0.1, never sees a request.
 */
class DeliveryClientTests {

  final Receiver receiver = new Receiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  static WebhookProperties properties(boolean allowPrivate, boolean allowHttp) {
    return new WebhookProperties(
        true,
        allowPrivate,
        allowHttp,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofMinutes(2),
        500,
        Duration.ofHours(24),
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofHours(24),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofMinutes(1),
        4,
        20);
  }

  @Test
  void aNameThatRebindsToLoopbackAfterRegistrationIsNeverConnectedTo() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    WebhookTargets.Resolver rebinding =
        host ->
            List.of(
                lookups.getAndIncrement() == 0
                    ? InetAddress.getByName("93.184.216.34")
                    : InetAddress.getByName("127.0.0.1"));
    // http allowed, so only the address rule is under test
    var targets = new WebhookTargets(false, true, rebinding);
    URI url = URI.create("http://hooks.rebind.example:" + receiver.port() + "/hooks");
    assertThat(targets.refusal(url)).isEmpty(); // at registration: public

    var result =
        new DeliveryClient(targets, properties(false, true)).post(url.toString(), Map.of(), "{}");

    assertThat(result.statusCode()).isNull();
    assertThat(result.error())
        .startsWith("refused: ")
        .contains("resolves to 127.0.0.1, which is not a public address");
    assertThat(lookups).hasValue(2);
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void aPrivateIpLiteralIsRefusedAtConnectTime() {
    var targets = new WebhookTargets(false, true, WebhookTargets.Resolver.SYSTEM);

    var result =
        new DeliveryClient(targets, properties(false, true)).post(receiver.url(), Map.of(), "{}");

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).startsWith("refused: ").contains("not a public address");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void postsTheBodyWithTheHeadersWhenTheTargetIsAllowed() {
    var targets = new WebhookTargets(true, true, WebhookTargets.Resolver.SYSTEM);
    receiver.answer(200);

    var result =
        new DeliveryClient(targets, properties(true, true))
            .post(receiver.url(), Map.of("webhook-id", "evt_1"), "{\"a\":1}");

    assertThat(result.succeeded()).isTrue();
    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).id()).isEqualTo("evt_1");
    assertThat(receiver.received().get(0).body()).isEqualTo("{\"a\":1}");
    assertThat(receiver.received().get(0).headers().get("content-type"))
        .startsWith("application/json");
  }

  @Test
  void doesNotFollowRedirects() {
    var targets = new WebhookTargets(true, true, WebhookTargets.Resolver.SYSTEM);
    receiver.answer(307);

    var result =
        new DeliveryClient(targets, properties(true, true)).post(receiver.url(), Map.of(), "{}");

    assertThat(result.statusCode()).isEqualTo(307);
    assertThat(result.succeeded()).isFalse();
    assertThat(receiver.received()).extracting(Receiver.Received::path).containsExactly("/hooks");
  }
}
