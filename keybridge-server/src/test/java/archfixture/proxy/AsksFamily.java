package archfixture.proxy;

import dev.keybridge.catalog.AppDefinition;

/** A flow that branches on the auth family instead of asking the connector. */
public class AsksFamily {
    public boolean oauth(AppDefinition app) {
        return app.authType() == AppDefinition.AuthType.OAUTH2;
    }
}
