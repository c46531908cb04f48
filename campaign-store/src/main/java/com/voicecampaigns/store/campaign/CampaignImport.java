package com.voicecampaigns.store.campaign;

/**
 * Where an imported campaign came from ({@code imported} on the campaign document): the cut-over
 * from the old service creates its campaigns with one, through {@code POST
 * /api/v1/campaign-imports}. Campaigns created here have none.
 *
 * @param source the record it was made from, e.g. {@code
 *     seed:plivoCampaign/64f0c2a1b2c3d4e5f6071900}
 * @param note what the operator should know, e.g. why it was imported paused; may be null
 */
public record CampaignImport(String source, String note) {}
