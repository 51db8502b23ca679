package archfixture.webhook;

import org.springframework.web.client.RestClient;

/** A RestClient left with the library's default transport. */
public class DefaultRestClient {
    public RestClient client() {
        return RestClient.builder().build();
    }
}
