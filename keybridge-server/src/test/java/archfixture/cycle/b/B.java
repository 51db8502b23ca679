package archfixture.cycle.b;

import archfixture.cycle.a.A;

/** The other half of a package cycle. */
public class B {
    public A other() {
        return new A();
    }
}
