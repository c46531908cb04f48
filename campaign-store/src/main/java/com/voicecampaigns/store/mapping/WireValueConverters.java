package com.voicecampaigns.store.mapping;

import com.voicecampaigns.model.WireValue;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.campaign.MachineDetection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * Stores the {@link WireValue} enums by their wire spelling ({@code "no-answer"}), not their Java
 * names.
 */
final class WireValueConverters {

  private WireValueConverters() {}

  static List<Converter<?, ?>> all() {
    return List.of(
        new CampaignStatusToString(),
        new StringToCampaignStatus(),
        new CallStatusToString(),
        new StringToCallStatus(),
        new MachineDetectionToString(),
        new StringToMachineDetection());
  }

  @WritingConverter
  static final class CampaignStatusToString implements Converter<CampaignStatus, String> {
    @Override
    public String convert(CampaignStatus source) {
      return source.wire();
    }
  }

  @ReadingConverter
  static final class StringToCampaignStatus implements Converter<String, CampaignStatus> {
    @Override
    public CampaignStatus convert(String source) {
      return CampaignStatus.fromWire(source);
    }
  }

  @WritingConverter
  static final class CallStatusToString implements Converter<CallStatus, String> {
    @Override
    public String convert(CallStatus source) {
      return source.wire();
    }
  }

  @ReadingConverter
  static final class StringToCallStatus implements Converter<String, CallStatus> {
    @Override
    public CallStatus convert(String source) {
      return CallStatus.fromWire(source);
    }
  }

  @WritingConverter
  static final class MachineDetectionToString implements Converter<MachineDetection, String> {
    @Override
    public String convert(MachineDetection source) {
      return source.wire();
    }
  }

  @ReadingConverter
  static final class StringToMachineDetection implements Converter<String, MachineDetection> {
    @Override
    public MachineDetection convert(String source) {
      return MachineDetection.fromWire(source);
    }
  }
}
