package com.voicecampaigns.model.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voicecampaigns.model.contact.PhoneNumber.InvalidPhoneNumberException;
import org.junit.jupiter.api.Test;

class PhoneNumberTests {

  @Test
  void normalisesWhatPeopleTypeToE164() {
    assertThat(PhoneNumber.parse("+1 (415) 555-2671", null).e164()).isEqualTo("+14155552671");
    assertThat(PhoneNumber.parse(" +91 80 3573 5659 ", null).e164()).isEqualTo("+918035735659");
    assertThat(PhoneNumber.parse("020 7183 8750", "GB").e164()).isEqualTo("+442071838750");
  }

  @Test
  void refusesNumbersWithoutACountryWhenNoRegionIsGiven() {
    assertThatThrownBy(() -> PhoneNumber.parse("020 7183 8750", null))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining("country code");
  }

  @Test
  void refusesWhatIsNotAValidNumber() {
    assertThatThrownBy(() -> PhoneNumber.parse("12345", null))
        .isInstanceOf(InvalidPhoneNumberException.class);
    assertThatThrownBy(() -> PhoneNumber.parse("+1 555", null))
        .isInstanceOf(InvalidPhoneNumberException.class);
    assertThatThrownBy(() -> PhoneNumber.parse("", null))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> new PhoneNumber("+1 415 555 2671"))
        .isInstanceOf(InvalidPhoneNumberException.class);
  }
}
