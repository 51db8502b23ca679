package archfixture.cycle.a;

import archfixture.cycle.b.B;

/** Half of a package cycle. */
public class A {
    public B other() {
        return new B();
    }
}
