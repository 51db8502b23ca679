package archfixture.sandbox;

import dev.keybridge.connector.Connector;
import dev.keybridge.connector.SandboxEhrConnector;

/** Reaches a built-in family directly instead of through the Connector interface. */
public class UsesSandboxEhr {
    public Connector connector() {
        return new SandboxEhrConnector();
    }
}
