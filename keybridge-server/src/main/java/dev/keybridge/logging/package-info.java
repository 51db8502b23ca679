@NullMarked
package dev.keybridge.logging;

import org.jspecify.annotations.NullMarked;
