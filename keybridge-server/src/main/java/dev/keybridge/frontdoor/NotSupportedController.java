package dev.keybridge.frontdoor;

import dev.keybridge.web.Errors;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original system's workflow engine (events, executions, workflow runs) is not part of Keybridge:
 * its calls answer 501 {@code not_supported} saying what to use instead, never a bare 404.
 */
@RestController
class NotSupportedController {

    private static final String INSTEAD = " Keybridge does not run workflows: subscribe to its events with "
            + "POST /api/v2/public/webhook and call the provider through the proxy (/v1/proxy/...) from your own code.";

    @RequestMapping(path = {"/api/v2/public/event", "/api/v2/public/event/**"}, method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    Object event() {
        throw new Errors.NotSupported("Workflow events are not supported." + INSTEAD);
    }

    @RequestMapping(path = {"/api/v2/public/execution", "/api/v2/public/execution/**"}, method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    Object execution() {
        throw new Errors.NotSupported("Workflow executions are not supported." + INSTEAD);
    }

    @RequestMapping(path = "/api/v1/workflow/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    Object workflow() {
        throw new Errors.NotSupported("Running workflows is not supported." + INSTEAD);
    }
}
