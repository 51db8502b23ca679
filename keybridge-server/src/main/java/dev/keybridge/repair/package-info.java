/**
 * The repair inbox (issue 20, item 3): the connections that need their end user (login required, an expiry
 * within the lead time, failing checks), and reconnect links for them with a chosen lifetime, e-mailed
 * through any SMTP server.
 */
package dev.keybridge.repair;
