package archfixture.web;

import archfixture.tenancy.Tenant;

/** The error model reaching into a feature. */
public class NamesAFeature {
    public String describe(Tenant tenant) {
        return tenant.toString();
    }
}
