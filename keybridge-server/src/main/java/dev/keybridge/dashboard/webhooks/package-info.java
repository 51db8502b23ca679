@NullMarked
package dev.keybridge.dashboard.webhooks;

import org.jspecify.annotations.NullMarked;
