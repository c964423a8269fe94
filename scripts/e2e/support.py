"""What the end-to-end scripts share: a free port, waiting for a server, a local SMTP inbox, a headless Chromium."""
import email, email.policy, shutil, socket, time


def chromium(width=1366, height=900):
    """Headless Chromium driven by Selenium (Debian's chromium and chromium-driver)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        o.add_argument(a)
    o.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=o)
    d.implicitly_wait(2)
    return d


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Keeps every message the local SMTP server receives."""
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, msg["Subject"], msg.get_body(("plain",)).get_content()))
        return "250 OK"

    def wait_for(self, rcpt, count=1, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.messages if rcpt in m[0]]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.2)
        raise AssertionError(f"no llegó el correo {count} para {rcpt}; recibidos: {[m[0] for m in self.messages]}")


def wait_listening(port, log, tries=300):
    """Returns once something accepts connections on the port (30 s at most)."""
    for _ in range(tries):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"el servidor del puerto {port} no arrancó; ver {log}")
