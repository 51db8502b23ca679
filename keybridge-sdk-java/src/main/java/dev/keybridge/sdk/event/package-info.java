/**
 * Typed webhook events: {@link dev.keybridge.sdk.event.EventData}, one record per payload, and
 * {@link dev.keybridge.sdk.event.EventTypes}, the event types this SDK knows with their payloads.
 */
@NullMarked
package dev.keybridge.sdk.event;

import org.jspecify.annotations.NullMarked;
