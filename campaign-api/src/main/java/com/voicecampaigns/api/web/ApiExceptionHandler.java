package com.voicecampaigns.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Renders every error of the resource API as RFC 9457 problem details with a stable {@code type}.
 * Spring MVC's own exceptions (405, 406, 415, missing parameters, oversized multipart …) come
 * through {@link ResponseEntityExceptionHandler} and only get their type set here.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail());
    body.setType(problem.type());
    problem.properties().forEach(body::setProperty);
    return ResponseEntity.status(problem.status()).body(body);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<?> unexpected(Exception error, HttpServletRequest request) {
    PayloadTooLargeException tooLarge = PayloadTooLargeException.findIn(error);
    if (tooLarge != null) {
      return problem(
          HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
    }
    String malformed = MalformedRequest.describe(error);
    if (malformed != null && ErrorResponses.isSeedRoute(request)) {
      // a multipart body is parsed before the route is known, so the seed routes' advice is not
      // asked: answer in their shape here
      return ResponseEntity.badRequest()
          .body(Map.of("status", 400, "message", "The request cannot be read: " + malformed));
    }
    if (malformed != null) {
      return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, malformed);
    }
    if (DatabaseUnavailable.causedBy(error)) {
      log.warn("MongoDB did not answer in time: {}", error.toString());
      ResponseEntity<ProblemDetail> unavailable =
          problem(
              HttpStatus.SERVICE_UNAVAILABLE,
              ProblemTypes.SERVICE_UNAVAILABLE,
              DatabaseUnavailable.DETAIL);
      return ResponseEntity.status(unavailable.getStatusCode())
          .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
          .body(unavailable.getBody());
    }
    log.error("unexpected error", error);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        ProblemTypes.INTERNAL,
        "an unexpected error occurred; it has been logged");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException error,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    PayloadTooLargeException tooLarge = PayloadTooLargeException.findIn(error);
    if (tooLarge != null) {
      return cast(
          problem(
              HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
    }
    List<FieldError> fieldErrors = fieldErrorsOf(error);
    if (!fieldErrors.isEmpty()) {
      ApiProblem invalid = ApiProblem.invalid(fieldErrors);
      return cast(apiProblem(invalid));
    }
    return cast(
        problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, describeUnreadable(error)));
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(ProblemTypes.forStatus(status));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  /** A JSON value of the wrong type names the field it was meant for. */
  static List<FieldError> fieldErrorsOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
        String field = path(mismatch);
        String expected =
            mismatch.getTargetType() == null
                ? "a value of another type"
                : describe(mismatch.getTargetType());
        return List.of(new FieldError(field, "must be " + expected));
      }
    }
    return List.of();
  }

  static String describeUnreadable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException) {
        return "the request body is not well-formed JSON";
      }
      if (t instanceof JacksonException) {
        return "the request body does not have the expected JSON shape";
      }
    }
    return "the request body is missing or unreadable";
  }

  private static String path(JacksonException error) {
    return error.getPath().stream()
        .map(
            reference ->
                reference.getPropertyName() != null
                    ? reference.getPropertyName()
                    : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(type);
    return ResponseEntity.status(status).body(body);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
    return (ResponseEntity) entity;
  }
}
