@NullMarked
package dev.keybridge.sdk.param;

import org.jspecify.annotations.NullMarked;
