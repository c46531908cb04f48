package com.voicecampaigns.api.contactlist;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/contact-lists} with JSON contacts. */
record ContactListRequest(
    @NotBlank @Size(max = 200) String name, @NotNull @Valid List<ContactInput> contacts) {

  record ContactInput(String phone, String name, String timezone, Map<String, String> variables) {}
}
