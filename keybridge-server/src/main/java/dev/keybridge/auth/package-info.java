@NullMarked
package dev.keybridge.auth;

import org.jspecify.annotations.NullMarked;
