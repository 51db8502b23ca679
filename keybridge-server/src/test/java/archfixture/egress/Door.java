package archfixture.egress;

/** An infrastructure class that uses nothing above it. */
public class Door {}
