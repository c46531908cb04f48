package com.voicecampaigns.api.donotcall;

import java.util.List;

/**
 * What an addition to the do-not-call list did.
 *
 * @param added numbers put on the list
 * @param duplicates numbers the list had already (or that the request named twice)
 * @param rejected CSV rows refused (a JSON request with an invalid number is refused whole)
 * @param errors the refused rows: 1-based row number among the data rows, the phone as given, why
 * @param errorsTruncated whether more rows were refused than {@code errors} lists
 */
record DoNotCallReport(
    long added, long duplicates, long rejected, List<RejectedRow> errors, boolean errorsTruncated) {

  record RejectedRow(long row, String phone, String reason) {}
}
