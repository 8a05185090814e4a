package im.kith.portal.web;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a {@link PortalProblem} into its page, or into a redirect to the login page. */
public class ProblemMapper {
    private final Pages pages;

    ProblemMapper(Pages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response map(PortalProblem problem) {
        if (problem.redirectsToLogin()) {
            return pages.redirect(Pages.LOGIN);
        }
        return pages.notice(problem.status(), problem.locale(), problem.title(), problem.getMessage(), null);
    }
}
