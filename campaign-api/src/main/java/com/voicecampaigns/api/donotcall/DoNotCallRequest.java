package com.voicecampaigns.api.donotcall;

import java.util.List;

/**
 * {@code POST /api/v1/do-not-call} as JSON.
 *
 * @param numbers 1 to 10,000 phone numbers, normalised to E.164 as contacts are ({@code
 *     +14155552671}; without a country code only with {@code api.contact-lists.default-region});
 *     one invalid number refuses the whole request
 */
record DoNotCallRequest(List<String> numbers) {}
