@NullMarked
package dev.keybridge.background;

import org.jspecify.annotations.NullMarked;
