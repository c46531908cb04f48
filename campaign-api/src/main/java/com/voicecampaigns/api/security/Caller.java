package com.voicecampaigns.api.security;

import com.voicecampaigns.api.web.ApiProblem;

/**
 * Who is calling, from the bearer token: {@code subject} ({@code sub}, recorded as {@code
 * scheduledBy}), {@code tenant} (the configured tenant claim, the campaigns' {@code clientId}; may
 * be null for an admin token) and whether the caller is an admin, who sees every tenant.
 *
 * <p>Declare it as a controller method parameter; {@link CallerArgumentResolver} fills it in.
 */
public record Caller(String subject, String tenant, boolean admin) {

  /** The caller's tenant; a token without one may only read as an admin. */
  public String requireTenant() {
    if (tenant == null || tenant.isBlank()) {
      throw ApiProblem.forbidden("the bearer token names no tenant");
    }
    return tenant;
  }

  /** Whether the caller may see a resource of {@code clientId}. */
  public boolean canAccess(String clientId) {
    return admin || (tenant != null && tenant.equals(clientId));
  }

  /** The tenant a query is restricted to, or null for an admin who sees all. */
  public String tenantFilter() {
    return admin ? null : requireTenant();
  }
}
