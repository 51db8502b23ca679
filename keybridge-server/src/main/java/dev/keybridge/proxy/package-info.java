@NullMarked
package dev.keybridge.proxy;

import org.jspecify.annotations.NullMarked;
