@NullMarked
package dev.keybridge.dashboard.overview;

import org.jspecify.annotations.NullMarked;
