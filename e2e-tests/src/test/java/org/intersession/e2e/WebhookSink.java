package org.intersession.e2e;

import java.util.List;

/** A clinic's webhook endpoint as a test sees it: the URL the platform delivers to, and what arrived there so far. */
interface WebhookSink {

    String url();

    /** Every delivery in the order it arrived, headers and raw body as sent. */
    List<WebhookReceiver.Delivery> deliveries();
}
