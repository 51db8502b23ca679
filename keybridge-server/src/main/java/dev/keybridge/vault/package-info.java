@NullMarked
package dev.keybridge.vault;

import org.jspecify.annotations.NullMarked;
