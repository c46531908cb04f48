package com.voicecampaigns.api.compat;

import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.DatabaseUnavailable;
import com.voicecampaigns.api.web.FieldError;
import com.voicecampaigns.api.web.MalformedRequest;
import com.voicecampaigns.api.web.PayloadTooLargeException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the seed routes in the seed's shape: {@code {"status":400,"message":"…"}}. */
@RestControllerAdvice(assignableTypes = SeedCampaignController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SeedExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(SeedExceptionHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<SeedResponse> apiProblem(ApiProblem problem) {
    String message = problem.detail();
    if (problem.properties().get("errors") instanceof List<?> errors) {
      message =
          errors.stream()
              .map(e -> (FieldError) e)
              .map(e -> seedField(e.field()) + ": " + e.message())
              .collect(Collectors.joining("; "));
    }
    return answer(problem.status().value(), message);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<SeedResponse> unreadable(HttpMessageNotReadableException error) {
    if (PayloadTooLargeException.findIn(error) != null) {
      return answer(413, "The request body is too large");
    }
    return answer(400, "The request body is not valid JSON");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<SeedResponse> other(Exception error) {
    if (error instanceof ErrorResponse spring) {
      return answer(spring.getStatusCode().value(), spring.getBody().getDetail());
    }
    String malformed = MalformedRequest.describe(error);
    if (malformed != null) {
      return answer(400, "The request cannot be read: " + malformed);
    }
    if (DatabaseUnavailable.causedBy(error)) {
      log.warn("MongoDB did not answer in time: {}", error.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
          .body(SeedResponse.of(503, "The database did not answer in time; retry later"));
    }
    log.error("unexpected error on a seed route", error);
    return answer(500, "Internal server error");
  }

  private static String seedField(String field) {
    return "name".equals(field) ? "campaignName" : field;
  }

  private static ResponseEntity<SeedResponse> answer(int status, String message) {
    return ResponseEntity.status(HttpStatus.valueOf(status)).body(SeedResponse.of(status, message));
  }
}
