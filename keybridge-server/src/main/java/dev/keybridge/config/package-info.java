@NullMarked
package dev.keybridge.config;

import org.jspecify.annotations.NullMarked;
