package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.campaign.Tenant;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contact-lists")
class ContactListController {

  private final ContactListService lists;

  ContactListController(ContactListService lists) {
    this.lists = lists;
  }

  @PostMapping(consumes = "application/json")
  ResponseEntity<ContactListResponse> create(@Valid @RequestBody ContactListRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(lists.create(Tenant.DEFAULT, request));
  }

  @GetMapping("/{id}")
  ResponseEntity<ContactList> get(@PathVariable String id) {
    return ResponseEntity.of(lists.find(Tenant.DEFAULT, id));
  }
}
