package dev.keybridge.sdk;

/** {@link JavaVersionTest} again in failsafe: the ITs, too, run on the Java 17 JVM. */
class JavaVersionIT extends JavaVersionTest {}
