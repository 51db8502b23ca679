/** The dashboard's audit page: who used which stored credential, and whether the hash chain holds. */
package dev.keybridge.dashboard.audit;
