@NullMarked
package dev.keybridge.dashboard;

import org.jspecify.annotations.NullMarked;
