@NullMarked
package dev.keybridge.dashboard.accounts;

import org.jspecify.annotations.NullMarked;
