package com.voicecampaigns.cutover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bearer token for each tenant (the seed's {@code clientId}): the API creates lists and campaigns
 * only in the tenant of the token, so each tenant needs its own. From {@code --token
 * clientId=TOKEN}, from {@code --token TOKEN} (its tenant read from the token's tenant claim,
 * unverified: the API verifies it), or from {@code --token-command}, run once per tenant with
 * {@code {clientId}} replaced, whose output is the token.
 */
final class TenantTokens {

  private final Map<String, String> given = new HashMap<>();
  private final Map<String, Optional<String>> commanded = new HashMap<>();
  private final String command;
  private final String tenantClaim;

  /**
   * @throws IllegalArgumentException for a bare token that names no tenant in {@code tenantClaim}
   */
  TenantTokens(List<String> tokens, String command, String tenantClaim) {
    this.command = command;
    this.tenantClaim = tenantClaim;
    for (String token : tokens) {
      int equals = token.indexOf('=');
      boolean named = equals > 0; // a JWT has no '=' (base64url without padding)
      String tenant =
          named
              ? token.substring(0, equals).strip()
              : claimedTenant(token.strip())
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "--token: a token whose "
                                  + tenantClaim
                                  + " claim names no tenant; give it as clientId=TOKEN (or"
                                  + " --tenant-claim)"));
      given.put(tenant, named ? token.substring(equals + 1).strip() : token.strip());
    }
  }

  /**
   * The tenant a JWT's claim names, read without verifying it (the API verifies): a token given for
   * one tenant that names another would create that tenant's campaigns in the other one.
   */
  Optional<String> claimedTenant(String token) {
    String[] parts = token.split("\\.");
    try {
      JsonNode payload =
          JsonMapper.shared()
              .readTree(Base64.getUrlDecoder().decode(parts.length > 1 ? parts[1] : ""));
      JsonNode tenant = payload.get(tenantClaim);
      if (tenant != null && tenant.isString() && !tenant.asString().isBlank()) {
        return Optional.of(tenant.asString());
      }
    } catch (RuntimeException unreadable) {
      // not a JWT, or no such claim
    }
    return Optional.empty();
  }

  /** The tenant's token, if one was given or the command printed one. */
  Optional<String> tokenFor(String tenant) {
    if (given.containsKey(tenant)) {
      return Optional.of(given.get(tenant));
    }
    if (command == null) {
      return Optional.empty();
    }
    return commanded.computeIfAbsent(tenant, this::run);
  }

  private Optional<String> run(String tenant) {
    String line = command.replace("{clientId}", "'" + tenant.replace("'", "'\\''") + "'");
    try {
      Process process =
          new ProcessBuilder("sh", "-c", line)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return out.isBlank() ? Optional.empty() : Optional.of(out.strip());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
