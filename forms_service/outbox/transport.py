"""Where messages go: an SMTP server (production), or a folder of .eml files (`make run`:
nothing leaves the machine unless an operator sets OUTBOX_SMTP_HOST)."""
from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path


class TemporaryFailure(Exception):
    """Try again later: a 4xx answer, a refused or dropped connection, a timeout."""


class PermanentFailure(Exception):
    """The server refused for good (5xx): the message is marked failed."""


class FolderSink:
    """One .eml per message, named by its Message-ID, so a resend overwrites, never doubles."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in message["Message-ID"].strip("<>"))
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(bytes(message))
        os.replace(temporary, self.folder / f"{name}.eml")  # a reader never sees half a file

    def close(self) -> None:
        pass


class SmtpTransport:
    """One connection per batch, opened when first needed and again after any failure."""

    def __init__(self, host: str, port: int, security: str, username: str | None, password: str | None,
                 timeout: float):
        self.host, self.port, self.security = host, port, security
        self.username, self.password, self.timeout = username, password, timeout
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.security == "tls":
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.security == "starttls":
                smtp.starttls(context=context)
        if self.username:
            smtp.login(self.username, self.password or "")
        return smtp

    def send(self, message: EmailMessage) -> None:
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            self._fail(code, reply)
        except smtplib.SMTPResponseException as exc:
            self._fail(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:  # dropped, refused, timed out
            self.close()
            raise TemporaryFailure(type(exc).__name__) from None

    def _fail(self, code: int, reply: bytes | str) -> None:
        self.close()  # the session may be in any state after an error: start clean
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        detail = f"{code} {text}"[:200]
        raise (PermanentFailure if 500 <= code < 600 else TemporaryFailure)(detail)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def from_config(config) -> FolderSink | SmtpTransport:
    if not config["OUTBOX_SMTP_HOST"]:
        return FolderSink(config["OUTBOX_FOLDER"])
    return SmtpTransport(config["OUTBOX_SMTP_HOST"], config["OUTBOX_SMTP_PORT"], config["OUTBOX_SMTP_SECURITY"],
                         config["OUTBOX_SMTP_USERNAME"], config["OUTBOX_SMTP_PASSWORD"],
                         config["OUTBOX_SMTP_TIMEOUT"])
