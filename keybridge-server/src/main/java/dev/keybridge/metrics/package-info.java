@NullMarked
package dev.keybridge.metrics;

import org.jspecify.annotations.NullMarked;
