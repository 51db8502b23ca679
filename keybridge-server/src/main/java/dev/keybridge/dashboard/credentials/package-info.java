@NullMarked
package dev.keybridge.dashboard.credentials;

import org.jspecify.annotations.NullMarked;
