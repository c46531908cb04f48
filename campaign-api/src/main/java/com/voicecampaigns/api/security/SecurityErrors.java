package com.voicecampaigns.api.security;

import com.voicecampaigns.api.web.ErrorResponses;
import com.voicecampaigns.api.web.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 with a body: problem details on the resource API, the seed's shape on {@code
 * /plivo/*}. The {@code WWW-Authenticate} header is the resource server's.
 */
class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final ErrorResponses errors;

  SecurityErrors(ErrorResponses errors) {
    this.errors = errors;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    bearer.commence(request, response, failure);
    String detail =
        failure instanceof OAuth2AuthenticationException
            ? "the bearer token is invalid, expired or not signed with the expected key"
            : "a bearer token is required";
    errors.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    errors.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        ProblemTypes.FORBIDDEN,
        "the bearer token does not grant this operation");
  }
}
