@NullMarked
package dev.keybridge.egress;

import org.jspecify.annotations.NullMarked;
