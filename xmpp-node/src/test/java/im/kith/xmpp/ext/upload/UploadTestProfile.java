package im.kith.xmpp.ext.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Serves uploads over plain HTTP on a port chosen before start, so that the advertised slot URLs are the
 * node's real test URLs; small limits so that the limit tests stay small.
 */
public class UploadTestProfile implements QuarkusTestProfile {
    static final int PORT = freePort();
    static final long MAX_FILE_SIZE = 4096;
    static final long DAILY_QUOTA = 10_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", Integer.toString(PORT),
                "kith.web.https-redirect", "false",
                "kith.upload.base-url", "http://localhost:" + PORT,
                "kith.upload.max-file-size", Long.toString(MAX_FILE_SIZE),
                "kith.upload.daily-quota", Long.toString(DAILY_QUOTA));
    }

    /** Chosen once per JVM: the profile is loaded by more than one class loader. */
    private static int freePort() {
        String chosen = System.getProperty("upload-test.http-port");
        if (chosen != null) {
            return Integer.parseInt(chosen);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty("upload-test.http-port", Integer.toString(s.getLocalPort()));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
