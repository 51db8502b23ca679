@NullMarked
package dev.keybridge.web;

import org.jspecify.annotations.NullMarked;
