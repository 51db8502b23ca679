@NullMarked
package dev.keybridge.sdk.exception;

import org.jspecify.annotations.NullMarked;
