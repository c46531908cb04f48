package com.voicecampaigns.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voicecampaigns.cutover.ContactMapping.Variable;
import org.junit.jupiter.api.Test;

class ContactMappingTests {

  @Test
  void readsVariablesWithAndWithoutANewName() {
    assertThat(ContactMapping.parseVariables(" plan, city=address.city ,address.zip,,"))
        .containsExactly(
            new Variable("plan", "plan"),
            new Variable("city", "address.city"),
            new Variable("address_zip", "address.zip"));
  }

  @Test
  void noVariablesIsAnEmptyList() {
    assertThat(ContactMapping.parseVariables(null)).isEmpty();
    assertThat(ContactMapping.parseVariables("  ")).isEmpty();
  }

  @Test
  void refusesNamesTheApiWouldReadAsAContactsOwnField() {
    assertThatThrownBy(() -> ContactMapping.parseVariables("Phone-Number"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--variables: 'Phone-Number' would be read as a contact's own field; name it:"
                + " x=Phone-Number");
    assertThatThrownBy(() -> ContactMapping.parseVariables("time zone=tz"))
        .hasMessageContaining("'time zone' would be read as a contact's own field");
  }

  @Test
  void refusesNamesNoVariableCanHave() {
    assertThatThrownBy(() -> ContactMapping.parseVariables("$where=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--variables: '$where=x' is no usable variable");
    assertThatThrownBy(() -> ContactMapping.parseVariables("a.b=c"))
        .hasMessage("--variables: 'a.b=c' is no usable variable");
    assertThatThrownBy(() -> ContactMapping.parseVariables("=c"))
        .hasMessage("--variables: '=c' is no usable variable");
    assertThatThrownBy(() -> ContactMapping.parseVariables("name="))
        .hasMessage("--variables: 'name=' is no usable variable");
  }
}
