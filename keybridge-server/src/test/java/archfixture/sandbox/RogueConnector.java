package archfixture.sandbox;

import dev.keybridge.connector.Connector;

/** A connector outside the connector package. */
public abstract class RogueConnector implements Connector {}
