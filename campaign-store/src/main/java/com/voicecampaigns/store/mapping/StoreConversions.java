package com.voicecampaigns.store.mapping;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * How the store's records meet MongoDB beyond Spring Data's defaults: the wire enums by their wire
 * spelling, calling windows and retry policies in their stored shapes.
 */
public final class StoreConversions {

  private StoreConversions() {}

  public static MongoCustomConversions conversions() {
    List<Converter<?, ?>> converters = new ArrayList<>(WireValueConverters.all());
    converters.addAll(PolicyConverters.all());
    return new MongoCustomConversions(converters);
  }
}
