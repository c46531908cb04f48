package com.voicecampaigns.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code Content-Type} that does not parse or names a wildcard ({@code *}{@code /*}) with
 * 415, before any other filter reads it: Spring's own request wrappers (the CORS check among them)
 * throw on such a header, which would answer 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentTypeFilter extends OncePerRequestFilter {

  private final ErrorResponses errors;

  ContentTypeFilter(ErrorResponses errors) {
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    if (contentType != null && !contentType.isBlank() && !usable(contentType)) {
      errors.write(
          request,
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
          "the Content-Type header is not a concrete media type");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean usable(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
