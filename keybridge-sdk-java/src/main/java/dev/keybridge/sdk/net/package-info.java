@NullMarked
package dev.keybridge.sdk.net;

import org.jspecify.annotations.NullMarked;
