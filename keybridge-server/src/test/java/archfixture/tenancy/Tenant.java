package archfixture.tenancy;

import archfixture.egress.Door;

/** A domain class using the infrastructure below it: allowed. */
public class Tenant {
    public Door door() {
        return new Door();
    }
}
