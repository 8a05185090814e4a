package im.kith.invite.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

/**
 * A form body that is not valid {@code application/x-www-form-urlencoded} (a stray or truncated
 * {@code %} escape) makes the REST layer's form decoder throw {@link IllegalArgumentException} before any
 * resource runs. That is the client's error: it gets 400 with a short explanation instead of a server
 * error. Any other {@link IllegalArgumentException} that reaches here is still a server error, and logged.
 */
@Provider
public class MalformedFormMapper implements ExceptionMapper<IllegalArgumentException> {
    private static final Logger LOG = Logger.getLogger(MalformedFormMapper.class);
    private static final String FORM_DECODER = "org.jboss.resteasy.reactive.server.core.multipart.FormEncodedDataDefinition";

    @Override
    public Response toResponse(IllegalArgumentException e) {
        if (fromFormDecoding(e)) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("The form data is not valid URL encoding.\n").build();
        }
        LOG.error("request failed", e);
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Something went wrong on the server.\n").build();
    }

    private static boolean fromFormDecoding(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(FORM_DECODER)) {
                return true;
            }
        }
        return false;
    }
}
