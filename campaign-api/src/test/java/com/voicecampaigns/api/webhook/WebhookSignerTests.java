package com.voicecampaigns.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTests {

  @Test
  void signsTheStandardWebhooksTestVector() {
    // the example of the Standard Webhooks specification and its reference libraries
    var headers =
        WebhookSigner.headers(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}");

    assertThat(headers)
        .containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void makesSecretsOf32RandomBytesWithThePrefix() {
    String one = WebhookSigner.newSecret();
    String two = WebhookSigner.newSecret();

    assertThat(one).startsWith("whsec_").isNotEqualTo(two);
    assertThat(Base64.getDecoder().decode(one.substring("whsec_".length()))).hasSize(32);
  }

  @Test
  void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
    String secret = WebhookSigner.newSecret();
    String signature = WebhookSigner.sign(secret, "evt_1", 100, "{}");

    assertThat(WebhookSigner.sign(secret, "evt_2", 100, "{}")).isNotEqualTo(signature);
    assertThat(WebhookSigner.sign(secret, "evt_1", 101, "{}")).isNotEqualTo(signature);
    assertThat(WebhookSigner.sign(secret, "evt_1", 100, "{ }")).isNotEqualTo(signature);
    assertThat(WebhookSigner.sign(WebhookSigner.newSecret(), "evt_1", 100, "{}"))
        .isNotEqualTo(signature);
  }
}
