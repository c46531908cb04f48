package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallAttempts;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.campaign.Campaigns;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.lease.CampaignLease;
import com.voicecampaigns.worker.lease.ReleaseHints;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** What a {@link DialingSession} works with; one bean, so that a session takes one argument. */
@Component
record DialingServices(
    Campaigns campaigns,
    CampaignLease leases,
    CallAttempts attempts,
    CallOutcomes outcomes,
    CampaignCompletion completion,
    CallPlacer placer,
    DialingSwitch dialingSwitch,
    ReleaseHints hints,
    MongoTemplate mongo,
    WorkerProperties properties,
    PlivoProperties plivo,
    Clock clock) {}
