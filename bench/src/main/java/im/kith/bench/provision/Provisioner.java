package im.kith.bench.provision;

import im.kith.bench.xmpp.Accounts;
import java.io.PrintStream;

/** Makes sure accounts {@code 0 .. accounts.count()-1} exist with their passwords. */
public interface Provisioner {

    void provision(Accounts accounts, PrintStream log) throws Exception;

    /** Provisioning for targets whose accounts already exist. */
    static Provisioner none() {
        return (accounts, log) -> log.println("  accounts are expected to exist already");
    }
}
