@NullMarked
package dev.keybridge.cache;

import org.jspecify.annotations.NullMarked;
