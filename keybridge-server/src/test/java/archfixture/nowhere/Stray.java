package archfixture.nowhere;

/** A package no layer names. */
public class Stray {}
