package com.voicecampaigns.worker.callback;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A callback body the servlet container cannot read (a parameter without a name, a bad %-escape, a
 * multipart body without a boundary) is the sender's error: 400, nothing changed. Not limited to
 * the callback controller, because a multipart body is parsed before the route is known.
 */
@RestControllerAdvice
class UnreadableCallbacks {

  private static final Logger log = LoggerFactory.getLogger(UnreadableCallbacks.class);

  @ExceptionHandler({InvalidParameterException.class, MultipartException.class})
  ResponseEntity<Void> unreadable(Exception error) {
    if (error instanceof MaxUploadSizeExceededException) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
    }
    log.warn("unreadable callback refused: {}", error.getMessage());
    return ResponseEntity.badRequest().build();
  }
}
