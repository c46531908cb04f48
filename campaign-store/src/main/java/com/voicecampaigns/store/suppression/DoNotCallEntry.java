package com.voicecampaigns.store.suppression;

import com.voicecampaigns.model.suppression.DoNotCallFields;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One number on a tenant's do-not-call list, unique per tenant and number. Field names are {@link
 * DoNotCallFields}'.
 *
 * @param phone E.164
 * @param source {@code api} or {@code csv}
 * @param importId the CSV import that added it, {@code null} for one added as JSON
 * @param createdBy the subject of the token that added it
 */
@Document(DoNotCallFields.COLLECTION)
public record DoNotCallEntry(
    @Id String id,
    String clientId,
    String phone,
    String source,
    String importId,
    String createdBy,
    Instant createdAt) {}
