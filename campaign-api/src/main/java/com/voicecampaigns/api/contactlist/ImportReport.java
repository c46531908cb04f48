package com.voicecampaigns.api.contactlist;

import java.time.Instant;
import java.util.List;

/**
 * What an upload did.
 *
 * @param id the new list's id
 * @param name the list's name
 * @param status {@code ready}
 * @param accepted contacts stored
 * @param rejected rows refused (each with a reason in {@code errors}, up to a configured number)
 * @param duplicates rows dropped because the list already had their number
 * @param errors the refused rows: 1-based row number among the data rows (a CSV header is not
 *     counted, nor are blank lines), the phone as given, and why
 * @param errorsTruncated whether more rows were refused than {@code errors} lists
 * @param createdAt when the list was created
 */
record ImportReport(
    String id,
    String name,
    String status,
    long accepted,
    long rejected,
    long duplicates,
    List<RejectedRow> errors,
    boolean errorsTruncated,
    Instant createdAt) {

  record RejectedRow(long row, String phone, String reason) {}
}
