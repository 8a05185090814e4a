"""Drives a Kith node with slixmpp, an unmodified third-party XMPP library.

Usage: conversation.py PORT TLS_PORT DOMAIN USER_A PASS_A USER_B PASS_B

A logs in over STARTTLS, B over direct TLS (XEP-0368), both with SCRAM-SHA-256 only. They subscribe
to each other's presence, exchange messages, and a message A sends while B is offline reaches B with
a delay stamp when B logs in again. Prints one line per checked step and exits non-zero on failure.
"""
import asyncio
import sys

import slixmpp

PORT, TLS_PORT, DOMAIN, USER_A, PASS_A, USER_B, PASS_B = sys.argv[1:8]
TIMEOUT = 20


class Client(slixmpp.ClientXMPP):
    def __init__(self, jid, password):
        super().__init__(jid, password, sasl_mech="SCRAM-SHA-256")
        self.inbox = asyncio.Queue()
        self.subscribed = asyncio.Event()
        self.ready = asyncio.Event()
        self.auto_authorize = True
        self.auto_subscribe = True
        self.register_plugin("xep_0203")
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("message", lambda m: self.inbox.put_nowait(m))
        self.add_event_handler("roster_update", self.on_roster)
        self.add_event_handler("failed_auth", lambda _: fail("authentication failed for " + str(self.boundjid)))

    async def on_start(self, _):
        await self.get_roster()
        self.send_presence()
        self.ready.set()

    def on_roster(self, _):
        for jid in self.client_roster:
            if self.client_roster[jid]["subscription"] == "both":
                self.subscribed.set()


def fail(message):
    print("FAIL " + message, flush=True)
    sys.exit(1)


def client(user, password, direct_tls):
    c = Client(f"{user}@{DOMAIN}/slixmpp", password)
    c.ssl_context.check_hostname = False
    c.ssl_context.verify_mode = 0  # the test node has a self-signed certificate
    c.connect(("127.0.0.1", int(TLS_PORT if direct_tls else PORT)), force_starttls=not direct_tls,
              use_ssl=direct_tls)
    return c


async def wait(event, what):
    try:
        await asyncio.wait_for(event.wait(), TIMEOUT)
    except asyncio.TimeoutError:
        fail("timed out waiting for " + what)


async def next_message(c, what):
    try:
        return await asyncio.wait_for(c.inbox.get(), TIMEOUT)
    except asyncio.TimeoutError:
        fail("timed out waiting for " + what)


async def main():
    a = client(USER_A, PASS_A, direct_tls=False)
    b = client(USER_B, PASS_B, direct_tls=True)
    await wait(a.ready, "A's session")
    await wait(b.ready, "B's session")
    print("OK logged in: A over STARTTLS, B over direct TLS, both with SCRAM-SHA-256", flush=True)

    a.send_presence_subscription(pto=f"{USER_B}@{DOMAIN}")
    b.send_presence_subscription(pto=f"{USER_A}@{DOMAIN}")
    await wait(a.subscribed, "A's mutual subscription")
    await wait(b.subscribed, "B's mutual subscription")
    print("OK mutual presence subscription", flush=True)

    a.send_message(mto=f"{USER_B}@{DOMAIN}", mbody="hello from A", mtype="chat")
    m = await next_message(b, "A's message")
    if m["body"] != "hello from A":
        fail("unexpected body " + m["body"])
    b.send_message(mto=m["from"], mbody="hello from B", mtype="chat")
    m = await next_message(a, "B's reply")
    if m["body"] != "hello from B":
        fail("unexpected reply " + m["body"])
    print("OK messages both ways", flush=True)

    b.disconnect()
    await asyncio.sleep(1)
    a.send_message(mto=f"{USER_B}@{DOMAIN}", mbody="while you were away", mtype="chat")
    await asyncio.sleep(1)
    b2 = client(USER_B, PASS_B, direct_tls=False)
    m = await next_message(b2, "the offline message")
    if m["body"] != "while you were away":
        fail("unexpected offline body " + m["body"])
    if not m["delay"]["stamp"]:
        fail("offline message has no delay stamp")
    print("OK offline message delivered with delay stamp " + str(m["delay"]["stamp"]), flush=True)
    a.disconnect()
    b2.disconnect()
    print("PASS", flush=True)


asyncio.run(main())
