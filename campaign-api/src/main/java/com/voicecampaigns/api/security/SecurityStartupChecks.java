package com.voicecampaigns.api.security;

import com.voicecampaigns.api.ApiProperties;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a configuration that lets in tokens it should not:
 *
 * <ul>
 *   <li>the {@code gke} profile without {@code api.security.audiences}: every token of a shared
 *       identity provider that carries the tenant claim would be accepted, whichever client it was
 *       issued for;
 *   <li>the local profile's HS256 secret, which is in the repository, anywhere but the local
 *       profile on a developer's machine: not without that profile, and not on Kubernetes (the dev
 *       overlay runs the local profile, with its own secret from a Secret).
 * </ul>
 */
@Component
class SecurityStartupChecks {

  /** The default of {@code api.security.hmac-secret} in {@code application-local.yml}. */
  static final String LOCAL_HMAC_SECRET = "local-only-hs256-secret-never-use-in-production";

  SecurityStartupChecks(ApiProperties properties, Environment environment) {
    ApiProperties.Security security = properties.security();
    if (environment.matchesProfiles("gke") && security.audiences().isEmpty()) {
      throw new IllegalStateException(
          "the gke profile needs API_SECURITY_AUDIENCES (api.security.audiences): the audience"
              + " (aud) the identity provider puts in tokens for this API; without it a token"
              + " issued for any other client would be accepted");
    }
    if (LOCAL_HMAC_SECRET.equals(security.hmacSecret())) {
      if (!environment.matchesProfiles("local")) {
        throw new IllegalStateException(
            "api.security.hmac-secret is the local profile's published secret, which only the"
                + " local profile may use: set API_SECURITY_HMAC_SECRET to a secret of your own,"
                + " or use an issuer (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI)");
      }
      if (CloudPlatform.getActive(environment) == CloudPlatform.KUBERNETES) {
        throw new IllegalStateException(
            "the local profile runs on Kubernetes with its published HS256 secret: give it"
                + " API_SECURITY_HMAC_SECRET from a Secret (k8s/overlays/dev, docs/runbook.md)");
      }
    }
  }
}
