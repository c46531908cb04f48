package com.voicecampaigns.api.security;

import com.voicecampaigns.api.ApiProperties;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Turns the authenticated JWT into a {@link Caller} controller parameter. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  private final ApiProperties.Security properties;

  CallerArgumentResolver(ApiProperties.Security properties) {
    this.properties = properties;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new IllegalStateException("the security chain let an unauthenticated request through");
    }
    Jwt jwt = token.getToken();
    Object tenant = jwt.getClaims().get(properties.tenantClaim());
    return new Caller(
        jwt.getSubject(),
        tenant == null ? null : tenant.toString(),
        token.getAuthorities().stream()
            .anyMatch(a -> SecurityConfig.ADMIN_AUTHORITY.equals(a.getAuthority())));
  }
}
