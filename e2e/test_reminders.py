"""Reminders reach a real SMTP server (aiosmtpd on loopback): the demo municipality's overdue and
coming deadlines go to its security officers once, and not again on the next pass."""
import email
import email.policy
import os
import subprocess
import tempfile

from aiosmtpd.controller import Controller

from conftest import ROOT, free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def run(binary, env, *args):
    return subprocess.run([binary, *args], env=env, capture_output=True, text=True, timeout=300)


def test_reminders_arrive_once_at_a_real_smtp_server():
    binary = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "debug", "handlefrihed"))
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        tmp = tempfile.mkdtemp(prefix="hf-mail-")
        env = dict(os.environ, HANDLEFRIHED_SQLITE=os.path.join(tmp, "mail.sqlite"))
        env.pop("DATABASE_URL", None)
        assert run(binary, env, "demo", "municipality").returncode == 0
        # Without a mail server configured the command says so and exits 78 (configuration).
        refused = run(binary, env, "reminders", "send")
        assert refused.returncode == 78 and "HANDLEFRIHED_SMTP_HOST" in refused.stderr
        env.update(HANDLEFRIHED_SMTP_HOST="127.0.0.1", HANDLEFRIHED_SMTP_PORT=str(port), HANDLEFRIHED_SMTP_FROM="nis2@demokommune.example",
                   HANDLEFRIHED_PUBLIC_URL="https://handlefrihed.demokommune.example")
        first = run(binary, env, "reminders", "send")
        assert first.returncode == 0, first.stderr
        assert "Sendte 1 påmindelse(r)." in first.stdout
        assert len(inbox.messages) == 1
        sender, recipients, raw = inbox.messages[0]
        assert sender == "nis2@demokommune.example"
        # The demo's security officers (and the demo administrator, who has the role too).
        assert sorted(recipients) == ["admin@demokommune.example", "hanne.boegh@demokommune.example", "karina.friis@demokommune.example"]
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["Subject"].startswith("NIS2: ") and "Demokommune (fiktiv)" in message["Subject"]
        body = message.get_content()
        assert "OVERSKREDET:" in body
        assert "Gennemgang af risikovurderingen" in body  # reviewed 13 months ago (rule 9)
        assert "https://handlefrihed.demokommune.example/nis2/" in body
        assert "SNART:" in body and "Test af beredskabsplan: Strømsvigt på rådhuset" in body  # due today, within 14 days
        # The next pass finds nothing new to send.
        second = run(binary, env, "reminders", "send")
        assert "Sendte 0 påmindelse(r)." in second.stdout
        assert len(inbox.messages) == 1
    finally:
        controller.stop()
