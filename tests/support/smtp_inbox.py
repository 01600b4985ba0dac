"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and can misbehave the
ways real servers do: answer 4xx a number of times, or drop the connection mid-transaction."""
from __future__ import annotations

import asyncio
import email
import threading
import time
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller
from .local_services import free_port


class Inbox:
    """The aiosmtpd handler. `busy` answers 451 to that many messages; `drops` closes that many
    connections at DATA; `delay` slows each message (to catch a worker mid-batch)."""

    def __init__(self, busy: int = 0, drops: int = 0, delay: float = 0.0):
        self.busy, self.drops, self.delay = busy, drops, delay
        self.messages: list[EmailMessage] = []
        self.refused = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.drops:
            self.drops -= 1
            server.transport.abort()  # the connection is gone: no answer at all
            return "421 4.3.0 closing"
        if self.busy:
            self.busy -= 1
            self.refused += 1
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=default)
        with self._lock:
            self.messages.append(message)
        return "250 2.0.0 OK"

    def message_ids(self) -> list[str]:
        with self._lock:
            return [m["Message-ID"] for m in self.messages]

    def wait_for(self, count: int, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)


class SmtpServer:
    def __init__(self, inbox: Inbox):
        self.inbox = inbox
        self.port = free_port()
        self.controller = Controller(inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpServer":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def settings(self) -> dict:
        """The app's settings that point the worker here (plain SMTP: it is loopback)."""
        return {"OUTBOX_SMTP_HOST": "127.0.0.1", "OUTBOX_SMTP_PORT": self.port, "OUTBOX_SMTP_SECURITY": "none"}

    def environment(self) -> dict:
        return {"OUTBOX_SMTP_HOST": "127.0.0.1", "OUTBOX_SMTP_PORT": str(self.port), "OUTBOX_SMTP_SECURITY": "none"}


def body_text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()
