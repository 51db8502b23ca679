@NullMarked
package dev.keybridge.web.openapi;

import org.jspecify.annotations.NullMarked;
