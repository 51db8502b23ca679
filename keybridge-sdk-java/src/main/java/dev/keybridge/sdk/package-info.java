@NullMarked
package dev.keybridge.sdk;

import org.jspecify.annotations.NullMarked;
