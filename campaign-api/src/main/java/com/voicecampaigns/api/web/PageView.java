package com.voicecampaigns.api.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a collection.
 *
 * @param items the elements of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param totalItems elements in the whole collection (with the same filters)
 * @param totalPages pages in the whole collection
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

  public static <T> PageView<T> of(List<T> items, Paging paging, long totalItems) {
    long pages = (totalItems + paging.size() - 1) / paging.size();
    return new PageView<>(items, paging.page(), paging.size(), totalItems, pages);
  }

  public <R> PageView<R> map(Function<T, R> mapper) {
    return new PageView<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
  }
}
