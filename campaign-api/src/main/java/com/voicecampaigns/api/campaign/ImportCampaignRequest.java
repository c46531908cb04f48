package com.voicecampaigns.api.campaign;

/**
 * {@code POST /api/v1/campaign-imports}: a campaign of another system (the old service, at the
 * cut-over), created here in the status the import maps it to. With the request's {@code
 * Idempotency-Key}, which never expires for imports, a second import of the same record answers the
 * campaign the first created.
 *
 * @param source required, 1–200 characters: the record it is made from, e.g. {@code
 *     seed:plivoCampaign/64f0c2a1b2c3d4e5f6071900}; shown on the campaign as {@code
 *     imported.source}
 * @param status {@code scheduled}, {@code paused}, {@code completed}, {@code cancelled} or {@code
 *     failed}; never {@code running}, so nothing imported dials before a person resumes it
 * @param note optional, up to 2000 characters: what the operator should know, shown as {@code
 *     imported.note}
 * @param scheduledBy optional: who scheduled it there; the token's subject when absent
 * @param campaign required, validated as {@code POST /api/v1/campaigns} validates it, except its
 *     {@code scheduledTime}: required and in the future for a scheduled import; for any other
 *     status it may be past (or absent: now), because it is when the campaign was due there
 */
public record ImportCampaignRequest(
    String source,
    String status,
    String note,
    String scheduledBy,
    CreateCampaignRequest campaign) {}
