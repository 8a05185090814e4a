package im.kith.bench.xmpp;

/** The benchmark's accounts: {@code prefix0 .. prefix(count-1)}, each with a password derived from its name. */
public record Accounts(String prefix, int count) {

    public Credentials credentials(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("account " + index + " of " + count);
        }
        String localpart = prefix + index;
        return new Credentials(localpart, "pw-" + localpart);
    }
}
