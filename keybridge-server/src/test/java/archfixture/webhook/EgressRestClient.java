package archfixture.webhook;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** A RestClient over the transport it is given (egress's): allowed. */
public class EgressRestClient {
    public RestClient client(ClientHttpRequestFactory egress) {
        return RestClient.builder().requestFactory(egress).build();
    }
}
