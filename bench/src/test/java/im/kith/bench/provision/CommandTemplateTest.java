package im.kith.bench.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void substitutesPlaceholdersWordByWordWithoutAShell() {
        CommandTemplate template = new CommandTemplate("  prosodyctl register {user} {domain}  {password} ");
        assertEquals(List.of("prosodyctl", "register", "bench1", "example.org", "pw; rm -rf /"),
                template.expand(Map.of("user", "bench1", "domain", "example.org", "password", "pw; rm -rf /")));
    }
}
