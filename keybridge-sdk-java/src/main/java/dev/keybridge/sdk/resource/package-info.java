@NullMarked
package dev.keybridge.sdk.resource;

import org.jspecify.annotations.NullMarked;
