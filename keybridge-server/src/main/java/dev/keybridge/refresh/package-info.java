@NullMarked
package dev.keybridge.refresh;

import org.jspecify.annotations.NullMarked;
