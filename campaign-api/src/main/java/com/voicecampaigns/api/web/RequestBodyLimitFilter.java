package com.voicecampaigns.api.web;

import com.voicecampaigns.api.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits request bodies: CSV uploads to {@code api.uploads.max-csv-upload-size}, every other body
 * to {@code api.uploads.max-json-body-size}. A declared {@code Content-Length} over the limit is
 * refused before anything is read; a chunked body fails with {@link PayloadTooLargeException} as
 * soon as it passes the limit. Multipart bodies are limited by the servlet container's multipart
 * settings, which take the CSV limit.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final ApiProperties.Uploads limits;
  private final ErrorResponses errors;

  RequestBodyLimitFilter(ApiProperties properties, ErrorResponses errors) {
    this.limits = properties.uploads();
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType() == null ? "" : request.getContentType();
    if (contentType.toLowerCase().startsWith("multipart/")) {
      chain.doFilter(request, response);
      return;
    }
    long limit =
        contentType.toLowerCase().startsWith("text/csv")
            ? limits.maxCsvUploadSize().toBytes()
            : limits.maxJsonBodySize().toBytes();
    if (request.getContentLengthLong() > limit) {
      errors.write(
          request,
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          ProblemTypes.PAYLOAD_TOO_LARGE,
          "the request body is larger than " + limit + " bytes");
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    LimitedInputStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws PayloadTooLargeException {
      read += n;
      if (read > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
