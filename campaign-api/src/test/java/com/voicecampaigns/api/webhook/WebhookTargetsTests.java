package com.voicecampaigns.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules outside the local profile: https only, public addresses only. */
class WebhookTargetsTests {

  /** Every name resolves to the address in its first label, e.g. {@code 10-0-0-1.test}. */
  static final WebhookTargets.Resolver FAKE_DNS =
      host -> {
        if (host.endsWith(".test")) {
          String label = host.substring(0, host.indexOf('.'));
          return List.of(InetAddress.getByName(label.replace('-', '.')));
        }
        if (host.equals("nowhere.invalid")) {
          throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getAllByName(host));
      };

  final WebhookTargets strict = new WebhookTargets(false, false, FAKE_DNS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "0.0.0.0",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.255",
        "224.0.0.1",
        "255.255.255.255",
        "192.0.2.10",
        "198.18.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "::ffff:127.0.0.1",
        "::ffff:10.1.2.3",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:a00:1::1",
        "2001:db8::1",
        "ff02::1"
      })
  void refusesEveryAddressThatIsNotPublic(String address) throws Exception {
    assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isFalse();
    assertThat(strict.refusal(InetAddress.getByName(address)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not a public address"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
  void acceptsPublicAddresses(String address) throws Exception {
    assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isTrue();
  }

  @Test
  void acceptsAnHttpsUrlWhoseHostIsPublic() {
    assertThat(strict.refusal(URI.create("https://93.184.216.34/hooks"))).isEmpty();
    assertThat(strict.refusal(URI.create("https://93-184-216-34.test:8443/in?x=1"))).isEmpty();
  }

  @Test
  void refusesPlainHttpOutsideTheLocalProfile() {
    assertThat(strict.refusal(URI.create("http://93.184.216.34/hooks")))
        .contains("must be an https URL");
    assertThat(strict.refusal(URI.create("ftp://93.184.216.34/hooks")))
        .contains("must be an https URL");
  }

  @Test
  void refusesHostsThatResolveToAPrivateAddressOrNotAtAll() {
    assertThat(strict.refusal(URI.create("https://10-0-0-7.test/hooks")))
        .contains("resolves to 10.0.0.7, which is not a public address");
    assertThat(strict.refusal(URI.create("https://[::1]/hooks")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not a public address"));
    assertThat(strict.refusal(URI.create("https://localhost/hooks")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not a public address"));
    assertThat(strict.refusal(URI.create("https://nowhere.invalid/hooks")))
        .contains("host nowhere.invalid does not resolve");
  }

  @Test
  void refusesCredentialsInTheUrl() {
    assertThat(strict.refusal(URI.create("https://user:pw@93.184.216.34/hooks")))
        .contains("must not carry credentials");
  }

  @Test
  void theLocalProfileAcceptsHttpAndLoopback() {
    var local = new WebhookTargets(true, true, FAKE_DNS);
    assertThat(local.refusal(URI.create("http://127.0.0.1:9999/hooks"))).isEmpty();
    assertThat(local.refusal(URI.create("ftp://127.0.0.1/hooks")))
        .contains("must be an http or https URL");
  }
}
