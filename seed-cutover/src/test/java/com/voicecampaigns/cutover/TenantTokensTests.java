package com.voicecampaigns.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantTokensTests {

  /** An unsigned JWT-shaped token with {@code payload}: only the payload is read here. */
  static String jwt(String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".c2ln";
  }

  @Test
  void aBareTokenIsTheTenantsItsClaimNames() {
    String token = jwt("{\"clientId\":\"acme\",\"sub\":\"ops\"}");

    TenantTokens tokens = new TenantTokens(List.of(token), null, "clientId");

    assertThat(tokens.tokenFor("acme")).hasValue(token);
    assertThat(tokens.tokenFor("globex")).isEmpty();
  }

  @Test
  void aNamedTokenIsTheNamedTenants() {
    TenantTokens tokens = new TenantTokens(List.of("globex = opaque-token "), null, "clientId");

    assertThat(tokens.tokenFor("globex")).hasValue("opaque-token");
  }

  @Test
  void theTenantClaimIsConfigurable() {
    String token = jwt("{\"org\":\"initech\"}");

    assertThat(new TenantTokens(List.of(token), null, "org").tokenFor("initech")).hasValue(token);
    assertThat(new TenantTokens(List.of(), null, "org").claimedTenant(token)).hasValue("initech");
    assertThat(new TenantTokens(List.of(), null, "clientId").claimedTenant(token)).isEmpty();
    assertThat(new TenantTokens(List.of(), null, "org").claimedTenant("opaque")).isEmpty();
  }

  @Test
  void refusesABareTokenThatNamesNoTenant() {
    assertThatThrownBy(() -> new TenantTokens(List.of(jwt("{\"sub\":\"x\"}")), null, "clientId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--token: a token whose clientId claim names no tenant; give it as clientId=TOKEN (or"
                + " --tenant-claim)");
    assertThatThrownBy(() -> new TenantTokens(List.of("not-a-jwt"), null, "clientId"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTokenCommandRunsOncePerTenantWithItsIdQuoted() {
    TenantTokens tokens =
        new TenantTokens(List.of(), "printf 'token-for-%s' {clientId}", "clientId");

    assertThat(tokens.tokenFor("acme")).hasValue("token-for-acme");
    assertThat(tokens.tokenFor("it's; rm -rf x")).hasValue("token-for-it's; rm -rf x");
  }

  @Test
  void aFailingOrSilentTokenCommandGivesNoToken() {
    assertThat(new TenantTokens(List.of(), "exit 3", "clientId").tokenFor("acme")).isEmpty();
    assertThat(new TenantTokens(List.of(), "true", "clientId").tokenFor("acme")).isEmpty();
  }
}
