@NullMarked
package dev.keybridge.events;

import org.jspecify.annotations.NullMarked;
