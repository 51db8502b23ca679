@NullMarked
package dev.keybridge.dashboard.members;

import org.jspecify.annotations.NullMarked;
