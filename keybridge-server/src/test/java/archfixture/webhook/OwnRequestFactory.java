package archfixture.webhook;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

/** A request factory of its own (HttpURLConnection underneath). */
public class OwnRequestFactory {
    public ClientHttpRequestFactory factory() {
        return new SimpleClientHttpRequestFactory();
    }
}
