package archfixture.egress;

import archfixture.tenancy.Tenant;

/** Infrastructure reaching up into the domain. */
public class UpArrow {
    public Tenant tenant() {
        return new Tenant();
    }
}
