package com.voicecampaigns.api.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers on purpose: a status, a stable problem type, a human detail and extra
 * members (per-field {@code errors}, {@code currentStatus}). The resource routes render it as RFC
 * 9457 problem details, the seed routes as {@code {"status":…,"message":…}}.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final URI type;
  private final transient Map<String, Object> properties;

  public ApiProblem(HttpStatus status, URI type, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.type = type;
    this.properties = Map.copyOf(properties);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, detail, Map.of());
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail, Map.of());
  }

  public static ApiProblem conflict(URI type, String detail, Map<String, Object> properties) {
    return new ApiProblem(HttpStatus.CONFLICT, type, detail, properties);
  }

  public static ApiProblem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /** A validation failure; the detail repeats the field errors for clients that show only it. */
  public static ApiProblem invalid(List<FieldError> errors) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("errors", List.copyOf(errors));
    String detail = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail, properties);
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
