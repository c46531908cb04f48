package com.voicecampaigns.api.web;

/** Validated {@code page} and {@code size} query parameters. */
public record Paging(int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 200;
  private static final int MAX_PAGE = 1_000_000;

  /** Reads the optional parameters; out-of-range values answer 400. */
  public static Paging of(Integer page, Integer size) {
    var validation = new Validation();
    int p = page == null ? 0 : page;
    int s = size == null ? DEFAULT_SIZE : size;
    if (p < 0 || p > MAX_PAGE) {
      validation.reject("page", "must be between 0 and " + MAX_PAGE);
    }
    if (s < 1 || s > MAX_SIZE) {
      validation.reject("size", "must be between 1 and " + MAX_SIZE);
    }
    validation.throwIfInvalid();
    return new Paging(p, s);
  }

  public long offset() {
    return (long) page * size;
  }
}
