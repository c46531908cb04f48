package com.voicecampaigns.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CallWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(CallWorkerApplication.class, args);
  }
}
