package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ErrorResponses;
import com.voicecampaigns.api.web.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the CSV uploads ({@code text/csv} or multipart: contact lists and do-not-call imports)
 * that this instance imports at once to {@code api.uploads.max-concurrent-uploads}. A multipart
 * body is spooled to {@code /tmp} while it arrives, up to {@code api.uploads.max-csv-upload-size},
 * so the two limits together bound the disk uploads can take. The slot is taken before the servlet
 * container parses or spools anything, and an upload without one answers 503 with {@code
 * Retry-After} at once. Runs after the security filters, so only authenticated callers take slots.
 */
@Component
class UploadSlots extends OncePerRequestFilter {

  static final String PATH = "/api/v1/contact-lists";

  /** The do-not-call list's CSV import takes a slot too. */
  static final String DO_NOT_CALL_PATH = "/api/v1/do-not-call";

  static final String RETRY_AFTER_SECONDS = "10";

  private final Semaphore slots;
  private final int limit;
  private final ErrorResponses errors;
  private final Counter refused;

  UploadSlots(ApiProperties properties, ErrorResponses errors, MeterRegistry meters) {
    this.limit = properties.uploads().maxConcurrentUploads();
    this.slots = new Semaphore(limit);
    this.errors = errors;
    Gauge.builder("api.uploads.active", () -> limit - slots.availablePermits())
        .description("CSV uploads being imported now")
        .register(meters);
    this.refused =
        Counter.builder("api.uploads.refused")
            .description("CSV uploads refused because the instance imported as many as it may")
            .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType =
        request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod())
        || !(isUploadPath(path, PATH) || isUploadPath(path, DO_NOT_CALL_PATH))
        || !(contentType.startsWith("multipart/") || contentType.startsWith("text/csv"));
  }

  private static boolean isUploadPath(String path, String upload) {
    return path.equals(upload) || path.equals(upload + "/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!slots.tryAcquire()) {
      refused.increment();
      response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      errors.write(
          request,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          ProblemTypes.UPLOADS_BUSY,
          "this instance is importing "
              + limit
              + " uploads already; retry in "
              + RETRY_AFTER_SECONDS
              + " seconds");
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }
}
