package dev.keybridge.dashboard;

import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every dashboard page shows (the operator, the environment switch, the navigation of {@link DashboardPages},
 * the current path) and the one error page: a clear message in the page, never a stack trace or the API's JSON.
 */
@ControllerAdvice(basePackages = "dev.keybridge.dashboard")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute
    void common(Model model, HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Operator me) {
            model.addAttribute("me", me);
            model.addAttribute("env", Console.environment(request.getSession()).wire());
            model.addAttribute("nav", DashboardPages.navigation(me.role(), request.getRequestURI()));
        }
        model.addAttribute("path", request.getRequestURI());
    }

    @ExceptionHandler(ApiException.class)
    String problem(ApiException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        common(model, request);
        response.setStatus(e.status());
        model.addAttribute("message", e.getMessage());
        return "dashboard/problem";
    }

    /** A page address with a parameter missing or malformed (typed or cut short): a 400 page. */
    @ExceptionHandler({MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    String badAddress(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        common(model, request);
        response.setStatus(400);
        model.addAttribute("message", "This page address is incomplete or malformed. Start again from the menu.");
        return "dashboard/problem";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        log.error("Dashboard page {} failed", request.getRequestURI(), e);
        common(model, request);
        response.setStatus(500);
        model.addAttribute("message", "Something went wrong on our side; nothing you did caused it. Try again.");
        return "dashboard/problem";
    }
}
