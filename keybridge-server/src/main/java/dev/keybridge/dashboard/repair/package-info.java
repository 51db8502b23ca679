/** The dashboard's repair inbox: who needs their end user, and reconnect links for them, one or many at a time. */
package dev.keybridge.dashboard.repair;
