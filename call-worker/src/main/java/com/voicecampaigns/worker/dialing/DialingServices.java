package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.campaign.CampaignLeases;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.contact.ContactStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.lease.ReleaseHints;
import com.voicecampaigns.worker.lease.WorkerLeases;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * What a {@link DialingSession} works with; one bean, so that a session takes one argument.
 *
 * @param leases the writes under the lease (cursor, contacts exhausted)
 * @param workerLeases taking, renewing and releasing this worker's leases
 */
@Component
record DialingServices(
    CampaignReads campaigns,
    CampaignLeases leases,
    WorkerLeases workerLeases,
    CallAttemptStore attempts,
    CallAttemptReads attemptReads,
    ContactStore contacts,
    CallOutcomes outcomes,
    CampaignCompletion completion,
    CallPlacer placer,
    DialingSwitch dialingSwitch,
    ReleaseHints hints,
    WorkerProperties properties,
    PlivoProperties plivo,
    Clock clock) {}
