package com.voicecampaigns.store.mapping;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * The one place where a campaign's calling window and retry policy meet their stored shape: {@link
 * CampaignFields#CALLING_WINDOW} and {@link CampaignFields#RETRY_POLICY}. The text forms are parsed
 * by the shared-model value types themselves, as the API parses a request.
 */
final class PolicyConverters {

  private PolicyConverters() {}

  static List<Converter<?, ?>> all() {
    return List.of(
        new WindowToDocument(),
        new DocumentToWindow(),
        new RetryPolicyToDocument(),
        new DocumentToRetryPolicy());
  }

  @WritingConverter
  static final class WindowToDocument implements Converter<CallingWindow, Document> {
    @Override
    public Document convert(CallingWindow window) {
      return new Document(CampaignFields.WINDOW_TIMEZONE, window.timezone().getId())
          .append(CampaignFields.WINDOW_START, CallingWindow.format(window.start()))
          .append(CampaignFields.WINDOW_END, CallingWindow.format(window.end()))
          .append(CampaignFields.WINDOW_DAYS, window.days().stream().map(DayOfWeek::name).toList());
    }
  }

  @ReadingConverter
  static final class DocumentToWindow implements Converter<Document, CallingWindow> {
    @Override
    public CallingWindow convert(Document window) {
      String zone = window.getString(CampaignFields.WINDOW_TIMEZONE);
      String start = window.getString(CampaignFields.WINDOW_START);
      String end = window.getString(CampaignFields.WINDOW_END);
      List<?> days = window.get(CampaignFields.WINDOW_DAYS, List.class);
      try {
        return CallingWindow.parse(
            zone, start, end, days == null ? null : days.stream().map(String::valueOf).toList());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "callingWindow {timezone: "
                + zone
                + ", start: "
                + start
                + ", end: "
                + end
                + ", days: "
                + days
                + "}: "
                + e.getMessage(),
            e);
      }
    }
  }

  @WritingConverter
  static final class RetryPolicyToDocument implements Converter<RetryPolicy, Document> {
    @Override
    public Document convert(RetryPolicy policy) {
      return new Document(CampaignFields.RETRY_MAX_ATTEMPTS, policy.maxAttempts())
          .append(CampaignFields.RETRY_ON, policy.retryOn().stream().map(CallStatus::wire).toList())
          .append(CampaignFields.RETRY_BACKOFF_SECONDS, policy.backoff().toSeconds());
    }
  }

  /** Absent parts take {@link RetryPolicy#DEFAULT}'s; the backoff may be fractional seconds. */
  @ReadingConverter
  static final class DocumentToRetryPolicy implements Converter<Document, RetryPolicy> {
    @Override
    public RetryPolicy convert(Document policy) {
      List<?> statuses = policy.get(CampaignFields.RETRY_ON, List.class);
      Set<CallStatus> retryOn = EnumSet.noneOf(CallStatus.class);
      if (statuses == null) {
        retryOn.addAll(RetryPolicy.DEFAULT.retryOn());
      } else {
        for (Object status : statuses) {
          retryOn.add(CallStatus.fromWire(String.valueOf(status)));
        }
      }
      Object maxAttempts = policy.get(CampaignFields.RETRY_MAX_ATTEMPTS);
      Object backoff = policy.get(CampaignFields.RETRY_BACKOFF_SECONDS);
      return new RetryPolicy(
          maxAttempts instanceof Number n ? n.intValue() : RetryPolicy.DEFAULT.maxAttempts(),
          retryOn,
          backoff instanceof Number n
              ? Duration.ofMillis(Math.round(n.doubleValue() * 1000))
              : RetryPolicy.DEFAULT.backoff());
    }
  }
}
