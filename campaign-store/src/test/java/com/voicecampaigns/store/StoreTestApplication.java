package com.voicecampaigns.store;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Spring Boot's MongoDB auto-configuration plus the store's, as a service gets them. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StoreTestApplication {}
