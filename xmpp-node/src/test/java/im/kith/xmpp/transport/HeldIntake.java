package im.kith.xmpp.transport;

import jakarta.inject.Singleton;

import im.kith.xmpp.support.IntakePressure;

/** Storage falling behind, on demand: a test sets the pause it asks for; 0 (keeping up) otherwise. */
@Singleton
class HeldIntake implements IntakePressure {
    private volatile long pauseMillis;

    void hold(long millis) {
        pauseMillis = millis;
    }

    @Override
    public long pauseMillis() {
        return pauseMillis;
    }
}
