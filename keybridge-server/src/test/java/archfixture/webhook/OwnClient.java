package archfixture.webhook;

import java.net.http.HttpClient;

/** Builds its own HTTP client: no timeouts, no private-address rule. */
public class OwnClient {
    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
