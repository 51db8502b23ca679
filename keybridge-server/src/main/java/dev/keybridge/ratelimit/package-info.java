@NullMarked
package dev.keybridge.ratelimit;

import org.jspecify.annotations.NullMarked;
