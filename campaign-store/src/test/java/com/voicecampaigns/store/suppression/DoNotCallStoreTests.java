package com.voicecampaigns.store.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.StoreTestBase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A tenant's do-not-call list: each number once, per tenant, looked up by number. */
class DoNotCallStoreTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired DoNotCallStore numbers;

  @Test
  void aNumberIsAddedOncePerTenantAndSuppressedOnlyForItsTenant() {
    String tenant = tenant();
    String other = tenant();

    int duplicates =
        numbers.add(
            List.of(
                entry(tenant, "+14155550101"),
                entry(tenant, "+14155550102"),
                entry(tenant, "+14155550101"),
                entry(other, "+14155550101")));

    assertThat(duplicates).isEqualTo(1);
    assertThat(numbers.add(List.of(entry(tenant, "+14155550102")))).isEqualTo(1);
    assertThat(numbers.count(tenant)).isEqualTo(2);
    assertThat(numbers.isSuppressed(tenant, "+14155550101")).isTrue();
    assertThat(numbers.isSuppressed(tenant, "+14155550199")).isFalse();
    assertThat(numbers.isSuppressed(tenant(), "+14155550101")).isFalse();
    assertThat(numbers.suppressed(tenant, List.of("+14155550102", "+14155550103", "+14155550101")))
        .containsExactlyInAnyOrder("+14155550101", "+14155550102");
    assertThat(numbers.find(tenant, "+14155550101").orElseThrow().source()).isEqualTo("api");
  }

  @Test
  void aRemovedNumberIsDialledAgainAndAPageIsInNumberOrder() {
    String tenant = tenant();
    numbers.add(
        List.of(
            entry(tenant, "+14155550103"),
            entry(tenant, "+14155550101"),
            entry(tenant, "+1415555010")));

    assertThat(numbers.page(tenant, 0, 2))
        .extracting(DoNotCallEntry::phone)
        .containsExactly("+1415555010", "+14155550101");
    assertThat(numbers.page(tenant, 2, 2))
        .extracting(DoNotCallEntry::phone)
        .containsExactly("+14155550103");
    assertThat(numbers.remove(tenant, "+14155550101")).isTrue();
    assertThat(numbers.remove(tenant, "+14155550101")).isFalse();
    assertThat(numbers.isSuppressed(tenant, "+14155550101")).isFalse();
    assertThat(numbers.count(tenant)).isEqualTo(2);
  }

  @Test
  void aFailedImportTakesOffOnlyTheNumbersItAdded() {
    String tenant = tenant();
    numbers.add(List.of(entry(tenant, "+14155550101")));
    String importId = Ids.newId();
    numbers.add(
        List.of(
            new DoNotCallEntry(Ids.newId(), tenant, "+14155550101", "csv", importId, "bob", NOW),
            new DoNotCallEntry(Ids.newId(), tenant, "+14155550102", "csv", importId, "bob", NOW)));

    assertThat(numbers.removeImport(tenant, importId)).isEqualTo(1);

    assertThat(numbers.isSuppressed(tenant, "+14155550101")).isTrue();
    assertThat(numbers.isSuppressed(tenant, "+14155550102")).isFalse();
  }

  private static DoNotCallEntry entry(String tenant, String phone) {
    return new DoNotCallEntry(Ids.newId(), tenant, phone, "api", null, "alice", NOW);
  }

  private static String tenant() {
    return "tenant-" + UUID.randomUUID();
  }
}
