package archfixture.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** An API controller without typed contracts. */
@RestController
public class MapController {

    @GetMapping("/fixture")
    public Map<String, String> answer() {
        return Map.of("a", "b");
    }

    @PostMapping("/fixture")
    public String read(@RequestBody JsonNode body) {
        return body.toString();
    }
}
